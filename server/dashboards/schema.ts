import { z } from 'zod';

const WaveParams = z.object({ orgId: z.uuid(), waveId: z.uuid() });

/** A filter narrows the dashboard to one unit or one role group, never both (a cell is too small to read). */
export const DashboardInput = z.object({
  params: WaveParams,
  query: z.strictObject({
    unit: z.uuid('must be a unit id').optional(),
    role: z.string().max(50).optional(),
  }).refine((query) => !(query.unit && query.role), { message: 'choose a unit or a role group, not both' }),
});

export const HideCommentInput = z.object({
  params: WaveParams,
  body: z.object({ comment: z.string().min(1).max(500) }),
});

export type DashboardFilter = z.output<typeof DashboardInput>['query'];
