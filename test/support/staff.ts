import type { Role } from '../../server/accounts/roles.js';
import { hashPassword } from '../../server/accounts/service.js';
import type { Db } from '../../server/db/db.js';
import { deriveCsrfToken, generateToken, hashToken } from '../../server/http/tokens.js';

export type StaffSession = { token: string; cookie: string; csrfToken: string };
export type AccountSpec = { email: string; password?: string; isPlatformAdmin?: boolean; memberships?: Array<{ organizationId: string; role: Role }> };
export type TestAccount = { accountId: string; email: string; password: string };

let sequence = 0;

/** A unique e-mail address for this test run. */
export function uniqueEmail(label: string): string {
  sequence += 1;
  return `${label}.${sequence}.${generateToken(16).slice(0, 6).toLowerCase()}@example.org`;
}

/** An account written straight into the database (as an admin grant and set-password link would). */
export async function createAccount(db: Db, spec: AccountSpec): Promise<TestAccount> {
  const password = spec.password ?? `password-${generateToken(16)}`;
  const passwordHash = await hashPassword(password);
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO accounts (email, password_hash, is_platform_admin) VALUES ($1, $2, $3) RETURNING id',
    [spec.email, passwordHash, spec.isPlatformAdmin ?? false],
  );
  if (!row) throw new Error('no account row');
  for (const membership of spec.memberships ?? []) {
    await db.query('INSERT INTO memberships (account_id, organization_id, role) VALUES ($1, $2, $3)', [row.id, membership.organizationId, membership.role]);
  }
  return { accountId: row.id, email: spec.email, password };
}

/** A fresh session for the account, as a sign-in would create it. */
export async function openSession(db: Db, accountId: string): Promise<StaffSession> {
  const token = generateToken(32);
  await db.query("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')", [hashToken(token), accountId]);
  return { token, cookie: `pc_session=${token}`, csrfToken: deriveCsrfToken(token) };
}

export type StaffRequest = {
  method?: string;
  form?: Record<string, string>;
  accept?: 'json' | 'html';
  /** The CSRF token to send; defaults to the session's own, `null` sends none. */
  csrf?: string | null;
};

/** One request as a signed-in staff member (or anonymously), without following redirects. */
export function staffFetch(baseUrl: string, session: StaffSession | undefined, path: string, request: StaffRequest = {}): Promise<Response> {
  const method = request.method ?? (request.form ? 'POST' : 'GET');
  const headers: Record<string, string> = { Accept: request.accept === 'html' ? 'text/html' : 'application/json' };
  if (session) headers.Cookie = session.cookie;
  const csrf = request.csrf === undefined ? session?.csrfToken : request.csrf;
  const form = new URLSearchParams(request.form ?? {});
  if (method !== 'GET' && csrf !== null && csrf !== undefined) form.set('_csrf', csrf);
  return fetch(`${baseUrl}${path}`, { method, headers, redirect: 'manual', ...(method === 'GET' ? {} : { body: form }) });
}

/** A cookie-keeping client that signs in through the real pages, as a browser without JS would. */
export type FormClient = {
  cookies: Map<string, string>;
  get(path: string): Promise<{ response: Response; html: string }>;
  /** Posts a form on `path`, reading the CSRF token from the page at `formPage` first. */
  submit(formPage: string, path: string, fields: Record<string, string>): Promise<Response>;
};

export function createFormClient(baseUrl: string): FormClient {
  const cookies = new Map<string, string>();
  const keep = (response: Response): Response => {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(header)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  const cookieHeader = (): string => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const client: FormClient = {
    cookies,
    async get(path) {
      const response = keep(await fetch(`${baseUrl}${path}`, { headers: { Accept: 'text/html', Cookie: cookieHeader() }, redirect: 'manual' }));
      return { response, html: await response.text() };
    },
    async submit(formPage, path, fields) {
      const { html } = await client.get(formPage);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      return keep(await fetch(`${baseUrl}${path}`, {
        method: 'POST', redirect: 'manual',
        headers: { Accept: 'text/html', Cookie: cookieHeader() },
        body: new URLSearchParams({ ...fields, _csrf: csrf }),
      }));
    },
  };
  return client;
}
