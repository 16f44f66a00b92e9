import type { Request, Response } from 'express';
import type { Config } from '../config.js';

export const sessionCookie = 'pc_session';
export const preSessionCookie = 'pc_presession';
/** Marks a browser where an account signed in before (sign-in attempts are counted per such browser). */
export const deviceCookie = 'pc_device';
/** The staff-page language this browser chose (an account's own choice wins once signed in). */
export const languageCookie = 'pc_language';

/** Reads the Cookie header; a malformed pair is ignored rather than failing the request. */
export function readCookies(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 1) continue;
    const name = pair.slice(0, separator).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(pair.slice(separator + 1).trim()));
    } catch {
      // A value that is not valid percent-encoding cannot be one of ours.
    }
  }
  return cookies;
}

/**
 * HttpOnly keeps the token away from scripts; SameSite=Lax keeps it off cross-site POSTs;
 * Secure is set behind TLS (req.secure honours X-Forwarded-Proto only when TRUST_PROXY is set)
 * or always with COOKIE_SECURE=always.
 */
export function setCookie(req: Request, res: Response, config: Config, name: string, value: string, maxAgeMs?: number): void {
  res.cookie(name, value, {
    httpOnly: true, sameSite: 'lax', path: '/', secure: config.cookieSecure === 'always' || req.secure,
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  });
}

export function clearCookie(req: Request, res: Response, config: Config, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', path: '/', secure: config.cookieSecure === 'always' || req.secure });
}
