/**
 * `npm run bench:tokens -- [responses]`: what blind-signed tokens cost. On an embedded server
 * (PGlite, in this process) it times, per response: the server's blind signature alone and the
 * whole issuance request; the token check alone and a whole submission with a token; beside a
 * plain submission through an open link (form token included). Then Debian's Chromium makes
 * tokens as a respondent's browser does (token.js: key import, blinding, the issuance request,
 * unblinding) and the blinding alone. A benchmark, not a test: it asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { generateSigningKeyPair, isValidToken, signBlinded, blindToken, tokenBytes } from '../server/waves/tokens/blind-rsa.js';
import { buildCompleteAnswers, fetchFormToken } from '../test/support/answers.js';
import { buildWave, instrumentByKey } from '../test/support/builders.js';
import { chromiumPath } from '../test/support/browser.js';
import { startTestServer } from '../test/support/server.js';
import { obtainToken, postWithToken, seedCards } from '../test/support/tokens.js';

const responses = Number(process.argv[2] ?? 100);

function summarize(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (share: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN).toFixed(2);
  return `${name.padEnd(46)} median ${at(0.5).padStart(7)} ms   p90 ${at(0.9).padStart(7)} ms   (n=${String(samples.length)})`;
}

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push(performance.now() - started);
  return result;
}

async function measureCrypto(lines: string[]): Promise<void> {
  const pair = await generateSigningKeyPair();
  const sign: number[] = [];
  const verify: number[] = [];
  const blind: number[] = [];
  for (let index = 0; index < responses; index += 1) {
    const token = new Uint8Array(randomBytes(tokenBytes));
    const blinded = await timed(blind, () => blindToken(pair.publicKey, token));
    const blindSignature = await timed(sign, () => Promise.resolve(signBlinded(pair.privateKey, blinded.blindedMessage)));
    const signature = await blinded.finish(blindSignature);
    await timed(verify, () => isValidToken(pair.publicKey, token, signature));
  }
  lines.push(summarize('server: blind signature (OpenSSL, 2048-bit)', sign), summarize('server: token check (RSA-PSS verify)', verify),
    summarize('Node as a browser: blinding (blindrsa-ts)', blind));
}

async function measureBrowser(url: string, codes: readonly string[], lines: string[]): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const made: number[] = [];
    for (const code of codes) {
      await page.goto(`${url}/s/${code}`);
      await page.locator('#token-status', { hasText: 'ready' }).waitFor();
      made.push(await page.evaluate(() => performance.getEntriesByName('peerclimate-token')[0]?.duration ?? Number.NaN));
    }
    lines.push(summarize('Chromium: token.js (import, blind, request, unblind)', made));
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const server = await startTestServer('pglite', { LOG_LEVEL: 'warn' });
  try {
    const instrument = instrumentByKey(server.published, 'peer-staff-climate');
    const answers = buildCompleteAnswers(instrument.instrument);
    const open = await buildWave(server.db, instrument);
    const invited = await buildWave(server.db, instrument);
    await server.db.query("UPDATE waves SET distribution = 'invitation' WHERE id = $1", [invited.waveId]);
    const codes = await seedCards(server.db, invited.waveId, invited.links[0]?.unitId ?? '', responses + 20);
    const lines = [`${String(responses)} responses each way, one at a time, on PGlite in this process`];
    await measureCrypto(lines);
    const issue: number[] = [];
    const withToken: number[] = [];
    const plain: number[] = [];
    for (const code of codes.slice(0, responses)) {
      const started = performance.now();
      const token = await obtainToken(server.url, code);
      issue.push(performance.now() - started);
      await timed(withToken, () => postWithToken(server.url, token.setting.redeemPath, { answers, token: token.token, signature: token.signature }));
      const formToken = await fetchFormToken(server.url, open.links[0]?.code ?? '');
      await timed(plain, () => fetch(`${server.url}/s/${open.links[0]?.code ?? ''}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ answers, formToken }),
      }));
    }
    lines.push(summarize('HTTP: page + blinding + issuance + unblinding', issue), summarize('HTTP: submission with a token', withToken),
      summarize('HTTP: plain submission (open link)', plain));
    await measureBrowser(server.url, codes.slice(responses, responses + 20), lines);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server.stop();
  }
}

await main();
