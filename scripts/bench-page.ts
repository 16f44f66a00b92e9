/**
 * `npm run bench:page -- [runs]`: opens a survey link in Debian's Chromium set to a mid-range
 * phone on a slow mobile network (1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU slowed
 * 4x, through the DevTools protocol), cold cache, then again warm, and prints the bytes moved
 * over the wire and the time until the first question can be answered (its first choice is
 * visible and enabled). A benchmark, not a test: it asserts nothing.
 */
import { type BrowserContext, chromium } from 'playwright-core';
import { buildWave, instrumentByKey } from '../test/support/builders.js';
import { chromiumPath } from '../test/support/browser.js';
import { startTestServer } from '../test/support/server.js';

const runs = Number(process.argv[2] ?? 3);

const phone = {
  network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1e6) / 8, uploadThroughput: (750 * 1e3) / 8 },
  cpuSlowdown: 4,
};

type Visit = { bytes: number; ms: number };

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', phone.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: phone.cpuSlowdown });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('#survey input[type="radio"]').first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = performance.now() - started;
  await page.waitForLoadState('load');
  await page.close();
  return { bytes, ms };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const server = await startTestServer('pglite', { LOG_LEVEL: 'warn' });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
  try {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
    const url = `${server.url}/s/${wave.links[0]?.code ?? ''}`;
    const cold: Visit[] = [];
    const warm: Visit[] = [];
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      cold.push(await visit(context, url));
      warm.push(await visit(context, url));
      await context.close();
    }
    const row = (name: string, visits: Visit[]): string =>
      `${name.padEnd(6)} ${(median(visits.map((v) => v.bytes)) / 1024).toFixed(1).padStart(10)} ${(median(visits.map((v) => v.ms)) / 1000).toFixed(2).padStart(14)}`;
    process.stdout.write(`phone profile: 1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4x slower; median of ${runs} runs\n`);
    process.stdout.write(`visit  ${'KB on wire'.padStart(10)} ${'first answer s'.padStart(14)}\n${row('cold', cold)}\n${row('warm', warm)}\n`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
