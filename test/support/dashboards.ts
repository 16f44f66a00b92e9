import { seedSyntheticResponses } from '../../server/demo/service.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { listUnits } from '../../server/organizations/service.js';
import { createWaveWithOpenLinks } from '../../server/waves/service.js';
import type { TestServer } from './server.js';

/** Responses per unit name; the unit named North leans favorable, every other unit unfavorable. */
export type UnitSizes = Record<string, number>;

/** Synthetic responses for a wave, `sizes[name]` of them in each named unit. */
export async function seedUnits(server: TestServer, waveId: string, instrument: PublishedInstrument, unitIds: Map<string, string>, sizes: UnitSizes, roleWeights: Record<string, number>, seedValue: number): Promise<void> {
  await seedSyntheticResponses(server.db, {
    waveId, instrumentVersionId: instrument.id, submittedOn: '2026-10-01', seed: seedValue, roleWeights,
    units: Object.entries(sizes).map(([name, responses]) => ({ unitId: unitIds.get(name) ?? '', responses, climateShift: name === 'North' ? 0.5 : -0.5 })),
  });
}

/** Another wave of the organization over all its units, with k = 5. */
export async function addWave(server: TestServer, organizationId: string, instrument: PublishedInstrument, name: string, status: 'open' | 'closed'): Promise<string> {
  const units = await listUnits(server.db, organizationId);
  return server.db.transaction(async (tx) => (await createWaveWithOpenLinks(tx, { organizationId, instrumentVersionId: instrument.id, name, status, minGroupSize: 5 }, units)).waveId);
}
