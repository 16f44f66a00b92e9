import { hash, verify } from '@node-rs/argon2';
import { recordAuditEvent } from '../audit/service.js';
import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { chooseStaffLanguage, isStaffLanguage, type StaffLanguage } from '../i18n/languages.js';
import { translator } from '../i18n/translate.js';
import { queueMailBatch } from '../mail/service.js';
import { generateToken, hashToken } from '../http/tokens.js';
import { checkNewPassword } from './passwords.js';
import { composePasswordResetMail } from './reset-mail.js';
import {
  type AccountListRow, countAccounts, countRecentSignInAttempts, deleteExpiredPasswordLinks, deleteExpiredSessions,
  deleteMembership, deleteOldSignInAttempts, deletePasswordLink, deleteSession, deleteSessionsByAccount, deleteSignInAttempts,
  findAccountByEmail, findAccountById, findAccountBySession, findAccountsWithMemberships, findMembershipsByAccount,
  findPasswordLink, insertAccount, insertMembership, insertPasswordLink, insertSession, insertSignInAttempt, insertTrustedDevice,
  findMembersOfOrganization, isTrustedDevice, lockAccountCreation, deleteExpiredTrustedDevices, type MemberRow, type PasswordLinkRow, updateAccountLanguage, updateAccountPassword, updateAccountPlatformAdmin,
} from './queries.js';
import type { Role, Staff } from './roles.js';

export const sessionLifetimeHours = 12;
export const signInWindowMinutes = 15;
export const maxSignInAttempts = 5;
export const trustedDeviceDays = 90;
const setupLinkHours = 24;
const passwordLinkHours = 72;
/** A link sent by e-mail on request works for less time than one an admin hands over. */
export const mailedResetLinkHours = 4;
export const maxPasswordResetRequests = 3;

export type Credentials = { email: string; password: string };

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum for argon2id). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against a real hash when the account is unknown keeps the answer time the same,
// so timing does not tell which e-mail addresses have accounts.
let decoyHash: Promise<string> | undefined;

async function isPasswordCorrect(passwordHash: string | null, password: string): Promise<boolean> {
  decoyHash ??= hashPassword(generateToken(16));
  const isCorrect = await verify(passwordHash ?? (await decoyHash), password);
  return passwordHash !== null && isCorrect;
}

function requireAcceptablePassword(password: string, email: string, field: string): void {
  const problem = checkNewPassword(password, email);
  if (problem) throw new AppError('invalid_input', `${field}: ${problem}`, [{ path: field, message: problem }]);
}

/** The signed-in staff member for a session token, or undefined when it is unknown or expired. */
export async function resolveSession(db: Queryable, token: string): Promise<Staff | undefined> {
  const sessionTokenHash = hashToken(token);
  const account = await findAccountBySession(db, sessionTokenHash);
  if (!account) return undefined;
  const memberships = await findMembershipsByAccount(db, account.id);
  return {
    accountId: account.id, email: account.email, isPlatformAdmin: account.isPlatformAdmin, memberships, sessionTokenHash,
    language: isStaffLanguage(account.language) ? account.language : undefined,
  };
}

/** Remembers the language a signed-in staff member chose, for every browser they sign in on. */
export async function setAccountLanguage(db: Queryable, staff: Staff, language: StaffLanguage): Promise<void> {
  await updateAccountLanguage(db, staff.accountId, language);
}

async function startSession(db: Queryable, accountId: string): Promise<string> {
  const token = generateToken(32);
  await insertSession(db, { tokenHash: hashToken(token), accountId, lifetimeHours: sessionLifetimeHours });
  return token;
}

/**
 * Which count a sign-in attempt joins. A browser where this account signed in before (its
 * device cookie names the account) has a count of its own; every other browser shares the
 * address's count. So someone who knows an address can exhaust only the shared count and
 * never locks the owner out of their usual browser, and guessing stays limited everywhere:
 * a device cookie is issued only after the right password, and each one is limited too.
 */
async function attemptBucket(db: Queryable, email: string, accountId: string | undefined, deviceToken: string | undefined): Promise<string> {
  if (deviceToken && accountId && (await isTrustedDevice(db, hashToken(deviceToken), accountId))) {
    return hashToken(`sign-in-device:${hashToken(deviceToken)}`);
  }
  return hashToken(`sign-in:${email}`);
}

export type SignInResult = { token: string; accountId: string; deviceToken: string };

/**
 * Signs in and returns a new session token and device token. Attempts are counted in the
 * database (every process shares the count): the attempt is recorded before the password is
 * checked, so simultaneous guesses cannot all slip under the limit. A success clears the count.
 * The password is verified even for an unknown address (against a decoy hash), so the answer
 * takes as long whether or not the address has an account. An account that never chose a
 * language adopts `browserLanguage`, the one chosen with the switch on the sign-in page; one
 * that chose keeps its own (on a shared computer, the last person's choice changes nobody's).
 */
export async function signIn(db: Db, credentials: Credentials, deviceToken?: string, browserLanguage?: StaffLanguage): Promise<SignInResult> {
  const account = await findAccountByEmail(db, credentials.email);
  const bucket = await attemptBucket(db, credentials.email, account?.id, deviceToken);
  await insertSignInAttempt(db, bucket);
  if ((await countRecentSignInAttempts(db, bucket, signInWindowMinutes)) > maxSignInAttempts) {
    throw new AppError('too_many_attempts', `Too many sign-in attempts for this account. Wait ${signInWindowMinutes} minutes and try again.`);
  }
  const isCorrect = await isPasswordCorrect(account?.passwordHash ?? null, credentials.password);
  if (!account || !isCorrect) {
    if (account) await recordAuditEvent(db, { accountId: account.id, action: 'account.sign_in_failed' });
    throw new AppError('sign_in_failed', 'The email address or password is not correct.');
  }
  await deleteSignInAttempts(db, bucket);
  return db.transaction(async (tx) => {
    const token = await startSession(tx, account.id);
    const newDeviceToken = generateToken(32);
    await insertTrustedDevice(tx, { tokenHash: hashToken(newDeviceToken), accountId: account.id, lifetimeDays: trustedDeviceDays });
    if (account.language === null && browserLanguage) await updateAccountLanguage(tx, account.id, browserLanguage);
    await recordAuditEvent(tx, { accountId: account.id, action: 'account.signed_in' });
    return { token, accountId: account.id, deviceToken: newDeviceToken };
  });
}

export async function signOut(db: Db, staff: Staff): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, staff.sessionTokenHash);
    await recordAuditEvent(tx, { accountId: staff.accountId, action: 'account.signed_out' });
  });
}

/** Changes the password and signs the account out everywhere else. */
export async function changePassword(db: Db, staff: Staff, change: { currentPassword: string; newPassword: string }): Promise<void> {
  const account = await findAccountById(db, staff.accountId);
  if (!account || !(await isPasswordCorrect(account.passwordHash, change.currentPassword))) {
    throw new AppError('invalid_input', 'currentPassword: is not correct', [{ path: 'currentPassword', message: 'is not correct' }]);
  }
  requireAcceptablePassword(change.newPassword, account.email, 'newPassword');
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction(async (tx) => {
    await updateAccountPassword(tx, account.id, passwordHash);
    const revoked = await deleteSessionsByAccount(tx, account.id, staff.sessionTokenHash);
    await recordAuditEvent(tx, { accountId: account.id, action: 'account.password_changed', details: { otherSessionsRevoked: revoked } });
  });
}

/** On a database without accounts, a one-time link that creates the first platform admin. */
export async function createSetupLinkIfNoAccounts(db: Queryable): Promise<string | undefined> {
  if ((await countAccounts(db)) > 0) return undefined;
  const token = generateToken(16);
  await insertPasswordLink(db, { tokenHash: hashToken(token), purpose: 'setup', accountId: null, validHours: setupLinkHours });
  return token;
}

const linkUnusable = 'This link is not valid: it has expired or has already been used. Ask a platform admin for a new one.';

/** The link behind a setup or set-password token, refusing unknown, expired and spent links. */
export async function findUsableLink(db: Queryable, token: string, purpose: PasswordLinkRow['purpose']): Promise<PasswordLinkRow> {
  const link = await findPasswordLink(db, hashToken(token));
  if (link?.purpose !== purpose || (purpose === 'setup' && (await countAccounts(db)) > 0)) {
    throw new AppError('link_unknown', linkUnusable);
  }
  return link;
}

/** Uses a setup link: creates the first platform admin, once, however many links were printed. */
export async function completeSetup(db: Db, token: string, credentials: Credentials): Promise<void> {
  requireAcceptablePassword(credentials.password, credentials.email, 'password');
  const passwordHash = await hashPassword(credentials.password);
  await db.transaction(async (tx) => {
    await lockAccountCreation(tx);
    const link = await deletePasswordLink(tx, hashToken(token), 'setup');
    if (!link || (await countAccounts(tx)) > 0) throw new AppError('link_unknown', linkUnusable);
    const accountId = await insertAccount(tx, { email: credentials.email, passwordHash, isPlatformAdmin: true });
    await recordAuditEvent(tx, { accountId, action: 'account.setup_completed', target: credentials.email });
  });
}

/** Uses a set-password link; every session of the account ends, since its password changed. */
export async function setPasswordWithLink(db: Db, token: string, password: string): Promise<void> {
  const link = await findUsableLink(db, token, 'set_password');
  requireAcceptablePassword(password, link.email ?? '', 'password');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const used = await deletePasswordLink(tx, hashToken(token), 'set_password');
    if (!used?.accountId) throw new AppError('link_unknown', linkUnusable);
    await updateAccountPassword(tx, used.accountId, passwordHash);
    await deleteSessionsByAccount(tx, used.accountId, null);
    await recordAuditEvent(tx, { accountId: used.accountId, action: 'account.password_set_by_link' });
  });
}

/** A one-time set-password link for an account; only its hash is kept. Pass a transaction. */
export async function issuePasswordLink(tx: Queryable, accountId: string, validHours = passwordLinkHours): Promise<string> {
  const token = generateToken(16);
  await insertPasswordLink(tx, { tokenHash: hashToken(token), purpose: 'set_password', accountId, validHours });
  return token;
}

/**
 * "Forgot your password?": counts the request under the address, whether or not it has an
 * account (so the limit, and its 429, say nothing about which addresses exist): 3 per 15
 * minutes, in the sign-in attempts table under a label of its own.
 */
export async function limitPasswordResetRequests(db: Queryable, email: string): Promise<void> {
  const bucket = hashToken(`password-reset:${email}`);
  await insertSignInAttempt(db, bucket);
  if ((await countRecentSignInAttempts(db, bucket, signInWindowMinutes)) > maxPasswordResetRequests) {
    throw new AppError('too_many_attempts', `Too many password reset requests for this address. Wait ${signInWindowMinutes} minutes and try again.`);
  }
}

/**
 * Queues a mail with a one-time set-password link when the address has an account; returns
 * whether it did. The mail belongs to no organization (an account may hold roles in several).
 * It speaks the account's chosen language, else that of the page the person asked from.
 */
export async function mailPasswordReset(db: Db, email: string, baseUrl: string, pageLanguage: StaffLanguage): Promise<boolean> {
  const account = await findAccountByEmail(db, email);
  if (!account) return false;
  await db.transaction(async (tx) => {
    const token = await issuePasswordLink(tx, account.id, mailedResetLinkHours);
    const message = composePasswordResetMail(translator(chooseStaffLanguage({ account: account.language ?? undefined, preferred: pageLanguage })), account.email, `${baseUrl}/password/${token}`, mailedResetLinkHours);
    await queueMailBatch(tx, { organizationId: null, waveId: null, kind: 'password_reset', messages: [message] });
    await recordAuditEvent(tx, { accountId: account.id, action: 'account.password_reset_mailed' });
  });
  return true;
}

export async function findOrCreateAccount(tx: Queryable, email: string): Promise<{ accountId: string; isNew: boolean }> {
  const existing = await findAccountByEmail(tx, email);
  if (existing) return { accountId: existing.id, isNew: false };
  return { accountId: await insertAccount(tx, { email, passwordHash: null, isPlatformAdmin: false }), isNew: true };
}

export async function addMembership(tx: Queryable, membership: { accountId: string; organizationId: string; role: Role }): Promise<boolean> {
  return insertMembership(tx, membership);
}

/** Removes a role; answers the account's e-mail (for the audit trail), or undefined when it was not held. */
export async function removeMembership(tx: Queryable, membership: { accountId: string; organizationId: string; role: Role }): Promise<string | undefined> {
  if (!(await deleteMembership(tx, membership))) return undefined;
  return (await findAccountById(tx, membership.accountId))?.email;
}

/** The staff of one organization with their roles, for its managers. */
export async function listOrganizationMembers(db: Queryable, organizationId: string): Promise<MemberRow[]> {
  return findMembersOfOrganization(db, organizationId);
}

export async function listAccounts(db: Queryable): Promise<AccountListRow[]> {
  return findAccountsWithMemberships(db);
}

async function requireAccount(db: Queryable, accountId: string): Promise<{ id: string; email: string }> {
  const account = await findAccountById(db, accountId);
  if (!account) throw new AppError('not_found', 'There is no such account.');
  return account;
}

/** A platform admin ends every session of an account (a lost laptop, a person who left). */
export async function revokeSessions(db: Db, actor: Staff, accountId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const account = await requireAccount(tx, accountId);
    const revoked = await deleteSessionsByAccount(tx, account.id, null);
    await recordAuditEvent(tx, { accountId: actor.accountId, action: 'account.sessions_revoked', target: account.email, details: { revoked } });
    return revoked;
  });
}

/** A platform admin issues a new set-password link (a forgotten password); shown to them once. */
export async function resetPassword(db: Db, actor: Staff, accountId: string): Promise<{ email: string; token: string }> {
  return db.transaction(async (tx) => {
    const account = await requireAccount(tx, accountId);
    const token = await issuePasswordLink(tx, account.id);
    await recordAuditEvent(tx, { accountId: actor.accountId, action: 'account.password_link_issued', target: account.email });
    return { email: account.email, token };
  });
}

/** `npm run create-admin`: makes (or promotes) a platform admin and returns a set-password link token. */
export async function createPlatformAdmin(db: Db, email: string): Promise<string> {
  return db.transaction(async (tx) => {
    const { accountId } = await findOrCreateAccount(tx, email);
    await updateAccountPlatformAdmin(tx, accountId);
    const token = await issuePasswordLink(tx, accountId);
    await recordAuditEvent(tx, { accountId: null, action: 'account.platform_admin_created', target: email, details: { via: 'command line' } });
    return token;
  });
}

/** Housekeeping for the periodic sweep: expired sessions, links and old sign-in attempts. */
export async function pruneExpiredCredentials(db: Queryable): Promise<void> {
  await deleteExpiredSessions(db);
  await deleteExpiredPasswordLinks(db);
  await deleteOldSignInAttempts(db, signInWindowMinutes);
  await deleteExpiredTrustedDevices(db);
}
