import type { Request } from 'express';
import type { Config } from '../config.js';

/**
 * Where printed and downloaded links point: PUBLIC_URL when set, else the address the staff
 * member is using (the protocol honours X-Forwarded-Proto only when TRUST_PROXY is set).
 */
export function publicBaseUrl(req: Request, config: Config): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/**
 * The base of a link sent by e-mail at an anonymous visitor's request ("Forgot your
 * password?"). Never an unchecked Host header: anyone could name their own server there and have
 * the owner of an address mailed a reset link that hands its token to them. So PUBLIC_URL; else
 * the request's host when ALLOWED_HOSTS has vouched for it; else this machine's own port.
 */
export function mailedBaseUrl(req: Request, config: Config): string {
  if (config.publicUrl) return config.publicUrl;
  if (config.allowedHosts) return publicBaseUrl(req, config);
  return `http://localhost:${config.port}`;
}
