import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random tokens for links and sessions. Only `hashToken` of a token is ever stored, so a copy
 * of the database cannot be used to sign in or to answer through someone's invitation.
 */
export function generateToken(bytes: 16 | 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 as 64 hex characters; tokens carry 128 or 256 random bits, so no salt is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The spent-set hash of a single-use token: SHA-256 under its own domain label, so it never
 * equals, and cannot be computed from, the `hashToken` value that identifies the invitation.
 * Only someone holding the token can join a spent row to its invitation.
 */
export function hashSpentToken(token: string): string {
  return createHash('sha256').update('peerclimate spent token v1\0').update(token).digest('hex');
}

/**
 * The CSRF token bound to a secret the browser holds only in an HttpOnly cookie (the session
 * token, or the pre-session token on sign-in pages): another site can neither read nor forge it.
 */
export function deriveCsrfToken(secret: string): string {
  return createHmac('sha256', secret).update('peerclimate csrf').digest('base64url');
}

export function isSameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
