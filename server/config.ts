import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SURVEYS_DIR: z.string().min(1).default('./surveys'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(1024).default(64),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9a-zA-Z.:/, ]+)$/, 'must be true, false, a hop count or addresses (Express "trust proxy")')
    .optional(),
  COOKIE_SECURE: z.enum(['auto', 'always']).default('auto'),
  ALLOWED_HOSTS: z.string().regex(/^[a-z0-9.:[\]-]+(,[a-z0-9.:[\]-]+)*$/i, 'must be host names (host or host:port) separated by commas').optional(),
  NODE_ENV: z.string().optional(),
  SHUTDOWN_TIMEOUT_S: z.coerce.number().min(0).max(600).default(10),
  ASSET_CACHE_DIR: z.string().min(1).optional(),
  LINK_RATE_CEILING: z.coerce.number().int().min(1).max(1_000_000).default(120),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// address' }).optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).regex(/@/, 'must hold an e-mail address, e.g. PeerClimate <no-reply@example.org>')
    .default('PeerClimate <no-reply@localhost>'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  surveysDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  bodyLimitBytes: number;
  /** Express "trust proxy": whom to believe about X-Forwarded-Proto (never used for logging). */
  trustProxy: boolean | number | string;
  /** 'always' marks session cookies Secure even when the request looks like plain HTTP. */
  cookieSecure: 'auto' | 'always';
  /** Base of printed links (setup, set-password); undefined: taken from the request or the port. */
  publicUrl: string | undefined;
  /**
   * Host headers the server answers (lower case, as sent: host or host:port); undefined: any.
   * Links built from the request's host are only as trustworthy as this list.
   */
  allowedHosts: readonly string[] | undefined;
  /** How long a stop waits for requests under way before cutting their connections. */
  shutdownTimeoutMs: number;
  /** Where brotli and gzip copies of the survey page's files are kept between starts. */
  assetCacheDir: string;
  /** Survey pages one open link may hand out per ten minutes (each submission needs one). */
  linkRateCeiling: number;
  /** Where mail goes: an SMTP server (its URL holds credentials: never log it), or undefined for the outbox folder. */
  smtpUrl: string | undefined;
  /** The From header of every message. */
  mailFrom: string;
  /** Without SMTP_URL, each message is written here as an .eml file (DATA_DIR/outbox). */
  outboxDir: string;
};

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Reads the environment once at start; a bad value stops the process with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === 'production' && !values.PUBLIC_URL && !values.ALLOWED_HOSTS) {
    // Set-password links, QR codes and link lists would otherwise take their host from the
    // request, which anyone can forge.
    throw new Error('Invalid configuration: PUBLIC_URL: required when NODE_ENV=production (or set ALLOWED_HOSTS)');
  }
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    surveysDir: path.resolve(values.SURVEYS_DIR),
    logLevel: values.LOG_LEVEL,
    bodyLimitBytes: values.BODY_LIMIT_KB * 1024,
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
    cookieSecure: values.COOKIE_SECURE,
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_S * 1000,
    allowedHosts: values.ALLOWED_HOSTS?.toLowerCase().split(','),
    linkRateCeiling: values.LINK_RATE_CEILING,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    outboxDir: path.resolve(values.DATA_DIR, 'outbox'),
    assetCacheDir: path.resolve(values.ASSET_CACHE_DIR ?? path.join(os.tmpdir(), 'peerclimate-assets')),
  };
}
