import { addMembership, findOrCreateAccount, issuePasswordLink, removeMembership } from '../accounts/service.js';
import type { Role, Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import { type Db, isUniqueViolation, type Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import {
  countOrganizationsByDemo, deleteUnitRow, findDemoOrganizationId, findOrganizationById, findOrganizations, findUnitById, findUnitIdsInWaves,
  findUnitsByOrganization, insertOrganization, insertUnit, type OrganizationListRow, type OrganizationRow, updateUnitArchived, updateUnitHeadcount,
  updateUnitName, type UnitRow,
} from './queries.js';

export type NewOrganization = { name: string; isDemo: boolean; unitNames: string[] };

/** Creates an organization with its units; callers pass a transaction so it lands whole. */
export async function createOrganizationWithUnits(tx: Queryable, organization: NewOrganization): Promise<{ organizationId: string; units: UnitRow[] }> {
  const organizationId = await insertOrganization(tx, organization);
  for (const name of organization.unitNames) await insertUnit(tx, { organizationId, name });
  return { organizationId, units: await findUnitsByOrganization(tx, organizationId) };
}

export async function countOrganizations(db: Queryable): Promise<{ demo: number; real: number }> {
  return countOrganizationsByDemo(db);
}

export async function findDemoOrganization(db: Queryable): Promise<string | undefined> {
  return findDemoOrganizationId(db);
}

/** Runs `write`, turning a unique-name violation into a message that names the field. */
async function withUniqueName<T>(field: string, name: string, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = `there is already ${what} called "${name}"`;
    throw new AppError('name_taken', `${field}: ${message}`, [{ path: field, message }]);
  }
}

export async function listOrganizations(db: Queryable): Promise<OrganizationListRow[]> {
  return findOrganizations(db);
}

/** The organization, or "not found": access already checked the role, this catches deleted ones. */
export async function getOrganization(db: Queryable, organizationId: string): Promise<OrganizationRow> {
  const organization = await findOrganizationById(db, organizationId);
  if (!organization) throw new AppError('not_found', 'There is no page at this address.');
  return organization;
}

export async function createOrganization(db: Db, actor: Staff, name: string): Promise<string> {
  return db.transaction(async (tx) => {
    const organizationId = await withUniqueName('name', name, 'an organization', () => insertOrganization(tx, { name, isDemo: false }));
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'organization.created', target: name });
    return organizationId;
  });
}

export async function listUnits(db: Queryable, organizationId: string): Promise<UnitRow[]> {
  return findUnitsByOrganization(db, organizationId);
}

/** Units a new wave may include: archived ones keep their past results but are never offered again. */
export async function listActiveUnits(db: Queryable, organizationId: string): Promise<UnitRow[]> {
  return (await findUnitsByOrganization(db, organizationId)).filter((unit) => !unit.isArchived);
}

export type UnitWithUse = UnitRow & { isInWaves: boolean };

/** Every unit with whether a wave has used it (a used unit can be archived but not deleted). */
export async function listUnitsWithUse(db: Queryable, organizationId: string): Promise<UnitWithUse[]> {
  const used = await findUnitIdsInWaves(db, organizationId);
  return (await findUnitsByOrganization(db, organizationId)).map((unit) => ({ ...unit, isInWaves: used.has(unit.id) }));
}

/** A unit of this organization; another organization's unit is "not found", never "forbidden". */
export async function getUnit(db: Queryable, organizationId: string, unitId: string): Promise<UnitRow> {
  const unit = await findUnitById(db, organizationId, unitId);
  if (!unit) throw new AppError('not_found', 'There is no such unit in this organization.');
  return unit;
}

export async function createUnit(db: Db, actor: Staff, organizationId: string, name: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getOrganization(tx, organizationId);
    await withUniqueName('name', name, 'a unit', () => insertUnit(tx, { organizationId, name }));
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'unit.created', target: name });
  });
}

export async function renameUnit(db: Db, actor: Staff, organizationId: string, unitId: string, name: string): Promise<void> {
  await db.transaction(async (tx) => {
    const unit = await getUnit(tx, organizationId, unitId);
    await withUniqueName('name', name, 'a unit', () => updateUnitName(tx, organizationId, unitId, name));
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'unit.renamed', target: name, details: { from: unit.name } });
  });
}

/** Archives a unit (never offered to new waves) or brings it back; waves that include it are untouched. */
export async function setUnitArchived(db: Db, actor: Staff, organizationId: string, unitId: string, isArchived: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const unit = await getUnit(tx, organizationId, unitId);
    if (unit.isArchived === isArchived) return;
    await updateUnitArchived(tx, organizationId, unitId, isArchived);
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: isArchived ? 'unit.archived' : 'unit.restored', target: unit.name });
  });
}

/** The number of staff a unit has, the denominator of an open-link wave's response rate; null clears it. */
export async function changeHeadcount(db: Db, actor: Staff, organizationId: string, unitId: string, headcount: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    const unit = await getUnit(tx, organizationId, unitId);
    await updateUnitHeadcount(tx, organizationId, unitId, headcount);
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'unit.headcount_changed', target: unit.name, details: { headcount } });
  });
}

/** Deletes a unit no wave has used; a used one holds results and links, so it can only be archived. */
export async function deleteUnit(db: Db, actor: Staff, organizationId: string, unitId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const unit = await getUnit(tx, organizationId, unitId);
    if ((await findUnitIdsInWaves(tx, organizationId)).has(unitId)) {
      throw new AppError('invalid_state', `"${unit.name}" is part of a survey wave, so it keeps its history: archive it instead.`);
    }
    await deleteUnitRow(tx, organizationId, unitId);
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'unit.deleted', target: unit.name });
  });
}

export type Grant = { email: string; organizationId: string; role: Role };

/**
 * Grants a role, creating the account when the e-mail has none. A new account gets a one-time
 * set-password link, returned here to be shown once; only its hash is stored.
 */
export async function grantRole(db: Db, actor: Staff, grant: Grant): Promise<{ setPasswordToken: string | undefined }> {
  return db.transaction(async (tx) => {
    await getOrganization(tx, grant.organizationId);
    const { accountId, isNew } = await findOrCreateAccount(tx, grant.email);
    const isAdded = await addMembership(tx, { accountId, organizationId: grant.organizationId, role: grant.role });
    if (!isAdded) throw new AppError('name_taken', `${grant.email} is already ${grant.role} in this organization.`, [{ path: 'email', message: `already holds the ${grant.role} role here` }]);
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId: grant.organizationId, action: 'membership.granted', target: grant.email, details: { role: grant.role, isNewAccount: isNew } });
    return { setPasswordToken: isNew ? await issuePasswordLink(tx, accountId) : undefined };
  });
}

export async function revokeRole(db: Db, actor: Staff, membership: { accountId: string; organizationId: string; role: Role }): Promise<void> {
  await db.transaction(async (tx) => {
    const email = await removeMembership(tx, membership);
    if (email === undefined) throw new AppError('not_found', 'That account does not hold that role in that organization.');
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId: membership.organizationId, action: 'membership.revoked', target: email, details: { role: membership.role } });
  });
}

/** The organization, or undefined; for callers that choose their own error. */
export async function findOrganization(db: Queryable, organizationId: string): Promise<OrganizationRow | undefined> {
  return findOrganizationById(db, organizationId);
}
