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

export const UnitsPageInput = z.object({ params: OrganizationParams, query: z.object({ done: z.enum(['created', 'renamed']).optional() }) });

export const CreateUnitInput = z.object({ params: OrganizationParams, body: z.object({ name: Name }) });

export const RenameUnitInput = z.object({
  params: OrganizationParams.extend({ unitId: z.uuid('must be a unit id') }),
  body: z.object({ name: Name }),
});
