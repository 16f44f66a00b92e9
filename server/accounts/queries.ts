import type { Queryable } from '../db/db.js';
import type { Membership, Role } from './roles.js';

export type AccountRow = { id: string; email: string; passwordHash: string | null; isPlatformAdmin: boolean; language: string | null };
export type PasswordLinkPurpose = 'setup' | 'set_password';
export type PasswordLinkRow = { purpose: PasswordLinkPurpose; accountId: string | null; email: string | null };
export type AccountListRow = {
  id: string;
  email: string;
  isPlatformAdmin: boolean;
  hasPassword: boolean;
  activeSessions: number;
  memberships: Membership[];
};

const accountColumns = 'id, email, password_hash AS "passwordHash", is_platform_admin AS "isPlatformAdmin", language';
// Any constant shared by every PeerClimate process; distinct from the migration lock.
const accountCreationLockKey = 727_002;

export async function countAccounts(db: Queryable): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM accounts');
  return row?.count ?? 0;
}

/** Serialises first-run setup, so two setup links used at once cannot both create an admin. */
export async function lockAccountCreation(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [accountCreationLockKey]);
}

export async function findAccountByEmail(db: Queryable, email: string): Promise<AccountRow | undefined> {
  const [row] = await db.query<AccountRow>(`SELECT ${accountColumns} FROM accounts WHERE email = $1`, [email]);
  return row;
}

export async function findAccountById(db: Queryable, accountId: string): Promise<AccountRow | undefined> {
  const [row] = await db.query<AccountRow>(`SELECT ${accountColumns} FROM accounts WHERE id = $1`, [accountId]);
  return row;
}

export async function insertAccount(db: Queryable, account: { email: string; passwordHash: string | null; isPlatformAdmin: boolean }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO accounts (email, password_hash, is_platform_admin) VALUES ($1, $2, $3) RETURNING id',
    [account.email, account.passwordHash, account.isPlatformAdmin],
  );
  if (!row) throw new Error('insert into accounts returned no row');
  return row.id;
}

export async function updateAccountPassword(db: Queryable, accountId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [accountId, passwordHash]);
}

export async function updateAccountLanguage(db: Queryable, accountId: string, language: string): Promise<void> {
  await db.query('UPDATE accounts SET language = $2 WHERE id = $1', [accountId, language]);
}

export async function updateAccountPlatformAdmin(db: Queryable, accountId: string): Promise<void> {
  await db.query('UPDATE accounts SET is_platform_admin = true WHERE id = $1', [accountId]);
}

export async function insertSession(db: Queryable, session: { tokenHash: string; accountId: string; lifetimeHours: number }): Promise<void> {
  await db.query(
    `INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
    [session.tokenHash, session.accountId, session.lifetimeHours],
  );
}

export async function findAccountBySession(db: Queryable, tokenHash: string): Promise<AccountRow | undefined> {
  const [row] = await db.query<AccountRow>(
    `SELECT a.id, a.email, a.password_hash AS "passwordHash", a.is_platform_admin AS "isPlatformAdmin", a.language
     FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  );
  return row;
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Revokes every session of the account except `keepTokenHash` (the one changing its password). */
export async function deleteSessionsByAccount(db: Queryable, accountId: string, keepTokenHash: string | null): Promise<number> {
  const rows = await db.query<{ tokenHash: string }>(
    'DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2 RETURNING token_hash AS "tokenHash"',
    [accountId, keepTokenHash],
  );
  return rows.length;
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at <= now()');
}

export async function insertSignInAttempt(db: Queryable, emailHash: string): Promise<void> {
  await db.query('INSERT INTO sign_in_attempts (email_hash) VALUES ($1)', [emailHash]);
}

export async function countRecentSignInAttempts(db: Queryable, emailHash: string, windowMinutes: number): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM sign_in_attempts
     WHERE email_hash = $1 AND attempted_at > now() - make_interval(mins => $2)`,
    [emailHash, windowMinutes],
  );
  return row?.count ?? 0;
}

export async function deleteSignInAttempts(db: Queryable, emailHash: string): Promise<void> {
  await db.query('DELETE FROM sign_in_attempts WHERE email_hash = $1', [emailHash]);
}

export async function deleteOldSignInAttempts(db: Queryable, windowMinutes: number): Promise<void> {
  await db.query('DELETE FROM sign_in_attempts WHERE attempted_at <= now() - make_interval(mins => $1)', [windowMinutes]);
}

export async function insertPasswordLink(
  db: Queryable,
  link: { tokenHash: string; purpose: PasswordLinkPurpose; accountId: string | null; validHours: number },
): Promise<void> {
  await db.query(
    `INSERT INTO password_links (token_hash, purpose, account_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [link.tokenHash, link.purpose, link.accountId, link.validHours],
  );
}

export async function findPasswordLink(db: Queryable, tokenHash: string): Promise<PasswordLinkRow | undefined> {
  const [row] = await db.query<PasswordLinkRow>(
    `SELECT l.purpose, l.account_id AS "accountId", a.email
     FROM password_links l LEFT JOIN accounts a ON a.id = l.account_id
     WHERE l.token_hash = $1 AND l.expires_at > now()`,
    [tokenHash],
  );
  return row;
}

/** Uses a link up: only one caller can delete it, so a link works once even under concurrency. */
export async function deletePasswordLink(db: Queryable, tokenHash: string, purpose: PasswordLinkPurpose): Promise<{ accountId: string | null } | undefined> {
  const [row] = await db.query<{ accountId: string | null }>(
    `DELETE FROM password_links WHERE token_hash = $1 AND purpose = $2 AND expires_at > now()
     RETURNING account_id AS "accountId"`,
    [tokenHash, purpose],
  );
  return row;
}

export async function deleteExpiredPasswordLinks(db: Queryable): Promise<void> {
  await db.query('DELETE FROM password_links WHERE expires_at <= now()');
}

export async function findMembershipsByAccount(db: Queryable, accountId: string): Promise<Membership[]> {
  return db.query<Membership>(
    `SELECT m.organization_id AS "organizationId", o.name AS "organizationName", m.role
     FROM memberships m JOIN organizations o ON o.id = m.organization_id
     WHERE m.account_id = $1
     ORDER BY o.name, m.role`,
    [accountId],
  );
}

export async function insertMembership(db: Queryable, membership: { accountId: string; organizationId: string; role: Role }): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO memberships (account_id, organization_id, role) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING role`,
    [membership.accountId, membership.organizationId, membership.role],
  );
  return rows.length > 0;
}

export async function deleteMembership(db: Queryable, membership: { accountId: string; organizationId: string; role: Role }): Promise<boolean> {
  const rows = await db.query(
    'DELETE FROM memberships WHERE account_id = $1 AND organization_id = $2 AND role = $3 RETURNING role',
    [membership.accountId, membership.organizationId, membership.role],
  );
  return rows.length > 0;
}

export async function findAccountsWithMemberships(db: Queryable): Promise<AccountListRow[]> {
  return db.query<AccountListRow>(
    `SELECT a.id, a.email, a.is_platform_admin AS "isPlatformAdmin", a.password_hash IS NOT NULL AS "hasPassword",
            (SELECT count(*)::int FROM sessions s WHERE s.account_id = a.id AND s.expires_at > now()) AS "activeSessions",
            COALESCE((SELECT json_agg(json_build_object('organizationId', m.organization_id, 'organizationName', o.name, 'role', m.role)
                                ORDER BY o.name, m.role)
                      FROM memberships m JOIN organizations o ON o.id = m.organization_id
                      WHERE m.account_id = a.id), '[]'::json) AS memberships
     FROM accounts a
     ORDER BY a.email`,
  );
}

export type MemberRow = { accountId: string; email: string; role: Role; hasPassword: boolean };

/** Who holds which role in one organization, by e-mail. */
export async function findMembersOfOrganization(db: Queryable, organizationId: string): Promise<MemberRow[]> {
  return db.query<MemberRow>(
    `SELECT a.id AS "accountId", a.email, m.role, a.password_hash IS NOT NULL AS "hasPassword"
     FROM memberships m JOIN accounts a ON a.id = m.account_id
     WHERE m.organization_id = $1
     ORDER BY a.email, m.role`,
    [organizationId],
  );
}

/** Whether the device token hash belongs to this account and has not expired. */
export async function isTrustedDevice(db: Queryable, tokenHash: string, accountId: string): Promise<boolean> {
  const rows = await db.query<{ found: number }>(
    'SELECT 1 AS found FROM trusted_devices WHERE token_hash = $1 AND account_id = $2 AND expires_at > now()',
    [tokenHash, accountId],
  );
  return rows.length > 0;
}

export async function insertTrustedDevice(db: Queryable, device: { tokenHash: string; accountId: string; lifetimeDays: number }): Promise<void> {
  await db.query(
    'INSERT INTO trusted_devices (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))',
    [device.tokenHash, device.accountId, device.lifetimeDays],
  );
}

export async function deleteExpiredTrustedDevices(db: Queryable): Promise<void> {
  await db.query('DELETE FROM trusted_devices WHERE expires_at <= now()');
}
