import { createHmac, randomInt } from 'node:crypto';

/**
 * Codes of personal invitations. An e-mailed link carries 128 bits derived from the invitation's
 * id under a server key, so a reminder can carry the same link without the server keeping it.
 * A printed card carries 10 characters of Crockford's base 32 (50 bits: easy to type on a phone,
 * never guessed within the limit on wrong codes), grouped 5-5 for reading aloud.
 */
const cardAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const cardLength = 10;

export function generateCardCode(): string {
  return Array.from({ length: cardLength }, () => cardAlphabet[randomInt(cardAlphabet.length)]).join('');
}

/** `ABCDE-FGHJK`, as printed. */
export function formatCardCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * A typed card code in its one stored spelling: case, spaces and dashes ignored, and the letters
 * people confuse with digits (O, I, L) read as the digits. Undefined for anything that cannot be one.
 */
export function normalizeCardCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== cardLength) return undefined;
  return /^[0-9A-HJKMNP-TV-Z]+$/.test(code) ? code : undefined;
}

export function deriveAddressCode(key: Buffer, invitationId: string): string {
  return createHmac('sha256', key).update(`personal invitation ${invitationId}`).digest().subarray(0, 16).toString('base64url');
}
