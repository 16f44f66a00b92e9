import { z } from 'zod';
import { otherTheme, themes } from './comments/themes.js';

const WaveParams = z.object({ orgId: z.uuid(), waveId: z.uuid() });

/** A filter narrows the dashboard to one unit or one role group, never both (a cell is too small to read). */
export const DashboardInput = z.object({
  params: WaveParams,
  query: z.strictObject({
    unit: z.uuid('must be a unit id').optional(),
    role: z.string().max(50).optional(),
    /** Comment search words and theme: they narrow a comment list already allowed, never the group. */
    q: z.string().trim().max(100).optional(),
    theme: z.enum([...themes.map((theme) => theme.key), otherTheme.key]).optional(),
  }).refine((query) => !(query.unit && query.role), { message: 'choose a unit or a role group, not both' }),
});

export type DashboardFilter = z.output<typeof DashboardInput>['query'];
