import type { Request, Response } from 'express';
import { resolveSession } from '../accounts/service.js';
import { checkRole, type Role, type Staff } from '../accounts/roles.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { preSessionCookie, readCookies, sessionCookie, clearCookie, setCookie } from './cookies.js';
import { AppError } from './errors.js';
import { deriveCsrfToken, generateToken, isSameToken } from './tokens.js';

/**
 * Who may call a route. Every route declares one:
 * - `public`: respondents and the health check. No cookie is read and no session looked up,
 *   so nothing ties a survey request to a staff account.
 * - `guest`: the staff pages reachable before signing in (sign-in, first-run setup, set-password
 *   links). Their forms carry a CSRF token bound to a pre-session cookie, so another site cannot
 *   sign a browser into an account of its choosing.
 * - `signedIn`, `platformAdmin`, `orgRole(...)`: staff pages; `orgRole` needs `:orgId` in the path.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'guest' }
  | { kind: 'signedIn' }
  | { kind: 'platformAdmin' }
  | { kind: 'orgRole'; roles: readonly Role[] };

export const publicAccess: Access = { kind: 'public' };
export const guestAccess: Access = { kind: 'guest' };
export const signedIn: Access = { kind: 'signedIn' };
export const platformAdmin: Access = { kind: 'platformAdmin' };
export function orgRole(...allowed: [Role, ...Role[]]): Access {
  return { kind: 'orgRole', roles: allowed };
}

/** Who is asking: the staff member of a valid session, and the CSRF token their forms must carry. */
export type Visitor = { staff: Staff | undefined; csrfToken: string | undefined };

const anonymousVisitor: Visitor = { staff: undefined, csrfToken: undefined };

/** Reads the session cookie (never for `public` routes) and works out the visitor's CSRF token. */
export async function identifyVisitor(access: Access, req: Request, res: Response, db: Db, config: Config): Promise<Visitor> {
  if (access.kind === 'public') return anonymousVisitor;
  const cookies = readCookies(req);
  const sessionToken = cookies.get(sessionCookie);
  const staff = sessionToken ? await resolveSession(db, sessionToken) : undefined;
  if (sessionToken && staff) return { staff, csrfToken: deriveCsrfToken(sessionToken) };
  if (sessionToken) clearCookie(req, res, config, sessionCookie);
  let preSession = cookies.get(preSessionCookie);
  if (!preSession && access.kind === 'guest' && req.method === 'GET') {
    preSession = generateToken(32);
    setCookie(req, res, config, preSessionCookie, preSession);
  }
  return { staff: undefined, csrfToken: preSession ? deriveCsrfToken(preSession) : undefined };
}

// Whole sentences, one per role a route may need, so the error page can translate them.
const roleRefusals: Record<Role, string> = {
  manager: 'Your role in this organization does not allow this (needs manager).',
  researcher: 'Your role in this organization does not allow this (needs researcher).',
};
const anyRoleRefusal = 'Your role in this organization does not allow this (needs manager or researcher).';

/** Throws the matching AppError when the visitor may not reach the route. */
export function enforceAccess(access: Access, visitor: Visitor, req: Request): void {
  if (access.kind === 'public' || access.kind === 'guest') return;
  const { staff } = visitor;
  if (!staff) throw new AppError('unauthenticated', 'Please sign in to see this page.');
  if (access.kind === 'platformAdmin' && !staff.isPlatformAdmin) {
    throw new AppError('forbidden', 'Only a platform admin may do this.');
  }
  if (access.kind === 'orgRole') {
    const orgId = req.params.orgId;
    const check = checkRole(staff, typeof orgId === 'string' ? orgId : '', access.roles);
    if (check === 'not_member') throw new AppError('not_found', 'There is no page at this address.');
    if (check === 'other_role') throw new AppError('forbidden', access.roles.length === 1 ? roleRefusals[access.roles[0] ?? 'manager'] : anyRoleRefusal);
  }
}

/**
 * Every state-changing staff request must carry the visitor's CSRF token, as the `_csrf` form
 * field or the X-CSRF-Token header. Survey submissions (`public`) hold no session to abuse.
 */
export function enforceCsrf(access: Access, visitor: Visitor, req: Request): void {
  if (access.kind === 'public' || req.method === 'GET') return;
  const body = req.body as Record<string, unknown> | undefined;
  const given = req.get('X-CSRF-Token') ?? body?._csrf;
  if (body) delete body._csrf;
  if (visitor.csrfToken === undefined || typeof given !== 'string' || !isSameToken(visitor.csrfToken, given)) {
    throw new AppError('csrf_invalid', 'This form has expired or did not come from PeerClimate. Reload the page and try again.');
  }
}
