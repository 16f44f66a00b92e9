import { z } from 'zod';
import { Email } from '../../accounts/schema.js';
import { roles } from '../../accounts/roles.js';
import { OrganizationParams } from '../schema.js';

export const colleagueNotices = ['granted', 'removed'] as const;

export const ColleaguesPageInput = z.object({ params: OrganizationParams, query: z.object({ done: z.enum(colleagueNotices).optional() }) });

export const InviteColleagueInput = z.object({
  params: OrganizationParams,
  body: z.object({ email: Email, role: z.enum(roles, 'must be manager or researcher') }),
});

export const RemoveColleagueInput = z.object({
  params: OrganizationParams,
  body: z.object({ accountId: z.uuid('must be an account id'), role: z.enum(roles, 'must be manager or researcher') }),
});
