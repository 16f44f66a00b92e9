import { z } from 'zod';
import { Email } from '../accounts/schema.js';
import { roles } from '../accounts/roles.js';

/** Names as people type them: trimmed, 1 to 200 characters (the column's own limit). */
export const Name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');

export const OrganizationParams = z.object({ orgId: z.uuid('must be an organization id') });

export const OrganizationInput = z.object({ params: OrganizationParams });

export const CreateOrganizationInput = z.object({ body: z.object({ name: Name }) });

export const GrantRoleInput = z.object({
  body: z.object({ email: Email, organizationId: z.uuid('choose an organization'), role: z.enum(roles, 'must be manager or researcher') }),
});

export const RevokeRoleInput = z.object({
  body: z.object({ accountId: z.uuid(), organizationId: z.uuid(), role: z.enum(roles) }),
});

export const unitNotices = ['created', 'renamed', 'archived', 'restored', 'deleted', 'headcount'] as const;

export const UnitsPageInput = z.object({ params: OrganizationParams, query: z.object({ done: z.enum(unitNotices).optional() }) });

export const CreateUnitInput = z.object({ params: OrganizationParams, body: z.object({ name: Name }) });

const UnitParams = OrganizationParams.extend({ unitId: z.uuid('must be a unit id') });

export const RenameUnitInput = z.object({ params: UnitParams, body: z.object({ name: Name }) });

export const UnitInput = z.object({ params: UnitParams });

/** A blank field clears the headcount: it is optional, and only open-link response rates use it. */
export const HeadcountInput = z.object({
  params: UnitParams,
  body: z.object({
    headcount: z.string('must be a whole number').trim().regex(/^\d{0,6}$/, 'must be a whole number')
      .transform((text) => (text === '' ? null : Number(text)))
      .refine((count) => count === null || (count >= 1 && count <= 100000), 'must be 1 to 100000, or blank'),
  }),
});
