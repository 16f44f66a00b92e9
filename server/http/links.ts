import type { Request } from 'express';
import type { Config } from '../config.js';

/**
 * Where printed and downloaded links point: PUBLIC_URL when set, else the address the staff
 * member is using (the protocol honours X-Forwarded-Proto only when TRUST_PROXY is set).
 */
export function publicBaseUrl(req: Request, config: Config): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
