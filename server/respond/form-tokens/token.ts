/**
 * A form token is `<expiry in Unix seconds>.<256 random bits, base64url>`. The expiry rides in
 * the token (its hash covers it, so it cannot be changed), so no stored row needs a time.
 */
export const formTokenPattern = /^\d{10}\.[A-Za-z0-9_-]{43}$/;

/** A page may stay open a working day and a night; past that, a reload brings the kept answers back. */
export const formTokenLifetimeSeconds = 24 * 60 * 60;

/** The token for a page issued at `nowMs`, around the given random part. */
export function composeFormToken(nowMs: number, random: string): string {
  return `${String(Math.floor(nowMs / 1000) + formTokenLifetimeSeconds)}.${random}`;
}

/** Whether a token matching `formTokenPattern` has expired at `nowMs`. */
export function isFormTokenExpired(token: string, nowMs: number): boolean {
  return Number(token.slice(0, token.indexOf('.'))) * 1000 <= nowMs;
}
