import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/db.js';
import { hashToken } from '../../server/http/tokens.js';
import { generateCardCode } from '../../server/waves/invitations/personal-code.js';
import { insertPersonalInvitations } from '../../server/waves/invitations/queries.js';
import { blindToken, tokenBytes } from '../../server/waves/tokens/blind-rsa.js';

/** What a personal invitation's survey page gives its script (`config.token`). */
export type TokenSetting = { publicKey: string; fingerprint: string; issuePath: string; redeemPath: string };
export type ObtainedToken = { setting: TokenSetting; token: string; signature: string; blindedMessage: string };

/** Printed cards stored as the card service stores them; the codes are returned as printed. */
export async function seedCards(db: Db, waveId: string, unitId: string, count: number, uploadedBy: string | null = null): Promise<string[]> {
  const codes = Array.from({ length: count }, generateCardCode);
  const rows = codes.map((code) => ({ id: randomUUID(), unitId, codeHash: hashToken(code), email: null, language: 'en' }));
  await insertPersonalInvitations(db, waveId, uploadedBy, rows);
  return codes;
}

function decodeAttribute(value: string): string {
  return value.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The token setting of a survey page, read from its data-config attribute as the script reads it. */
export async function readTokenSetting(baseUrl: string, code: string): Promise<TokenSetting> {
  const page = await fetch(`${baseUrl}/s/${code}`, { headers: { Accept: 'text/html' } });
  const html = await page.text();
  const attribute = /data-config="([^"]*)"/.exec(html)?.[1];
  if (page.status !== 200 || !attribute) throw new Error(`the survey page answered ${String(page.status)} without a config`);
  const config = JSON.parse(decodeAttribute(attribute)) as { token?: TokenSetting };
  if (!config.token) throw new Error('the survey page has no token setting: is this a personal invitation?');
  return config.token;
}

/** Asks for a blind signature on `blindedMessage` as token.js does. */
export function requestSignature(baseUrl: string, setting: TokenSetting, blindedMessage: string): Promise<Response> {
  return fetch(`${baseUrl}${setting.issuePath}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ blindedMessage }),
  });
}

/** Plays the browser of a personal invitation: a random token, blinded, signed and unblinded. */
export async function obtainToken(baseUrl: string, code: string): Promise<ObtainedToken> {
  const setting = await readTokenSetting(baseUrl, code);
  const token = new Uint8Array(randomBytes(tokenBytes));
  const blinded = await blindToken(setting.publicKey, token);
  const blindedMessage = Buffer.from(blinded.blindedMessage).toString('base64url');
  const response = await requestSignature(baseUrl, setting, blindedMessage);
  if (response.status !== 200) throw new Error(`issuance answered ${String(response.status)}: ${await response.text()}`);
  const { blindSignature } = (await response.json()) as { blindSignature: string };
  const signature = await blinded.finish(Buffer.from(blindSignature, 'base64url'));
  return { setting, token: Buffer.from(token).toString('base64url'), signature: Buffer.from(signature).toString('base64url'), blindedMessage };
}

/** Sends answers with a token to the address the page names (no code, no cookies). */
export function postWithToken(baseUrl: string, redeemPath: string, body: { answers: Record<string, unknown>; token: string; signature: string; language?: string }): Promise<Response> {
  return fetch(`${baseUrl}${redeemPath}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
}
