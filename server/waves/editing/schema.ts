import { z } from 'zod';
import { Name, OrganizationParams } from '../../organizations/schema.js';
import { UnitIds } from '../schema.js';

const WaveParams = OrganizationParams.extend({ waveId: z.uuid('must be a wave id') });
const IsoDate = z.iso.date('must be a date (YYYY-MM-DD)');

export const DraftEditInput = z.object({
  params: WaveParams,
  body: z.object({ name: Name, opensOn: IsoDate, closesOn: IsoDate, unitIds: UnitIds }),
});
