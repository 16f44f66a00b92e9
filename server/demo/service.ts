import type { Db } from '../db/db.js';
import { scoreResponse, scoringRules } from '../instruments/scoring.js';
import { getInstrumentVersion } from '../instruments/service.js';
import { type BulkResponse, insertResponses } from '../respond/queries.js';
import { createRandom, generateAnswers } from './synthetic.js';

export type SyntheticUnit = {
  unitId: string;
  /** How many responses this unit gets. */
  responses: number;
  /** Shifts the unit's climate (in standard deviations): below 0, a harder place to work. */
  climateShift: number;
};

export type SyntheticWave = {
  waveId: string;
  instrumentVersionId: string;
  units: readonly SyntheticUnit[];
  /** Role groups with their weights, e.g. { peer_staff: 1 } or { supervisor: 1, clinical_other: 2 }. */
  roleWeights: Readonly<Record<string, number>>;
  /** The day every response is dated (YYYY-MM-DD). */
  submittedOn: string;
  seed: number;
};

const batchSize = 1000;

function pickWeighted(weights: Readonly<Record<string, number>>, draw: number): string {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let left = draw * total;
  for (const [role, weight] of entries) {
    left -= weight;
    if (left < 0) return role;
  }
  return entries[entries.length - 1]?.[0] ?? '';
}

/**
 * Stores synthetic responses for the demo and benchmarks, scored by the real scoring engine
 * and inserted in batches. Deterministic for a given seed. Returns how many were stored.
 */
export async function seedSyntheticResponses(db: Db, wave: SyntheticWave): Promise<number> {
  const instrument = await getInstrumentVersion(db, wave.instrumentVersionId);
  if (!instrument) throw new Error(`no instrument version ${wave.instrumentVersionId}`);
  const rules = scoringRules(instrument);
  const random = createRandom(wave.seed);
  let batch: BulkResponse[] = [];
  let stored = 0;
  for (const unit of wave.units) {
    for (let index = 0; index < unit.responses; index += 1) {
      const roleGroup = pickWeighted(wave.roleWeights, random.next());
      const answers = generateAnswers(instrument, { climate: unit.climateShift + random.normal(), roleGroup, skipRate: 0.04 }, random);
      batch.push({
        waveId: wave.waveId, unitId: unit.unitId, instrumentVersionId: wave.instrumentVersionId, roleGroup,
        language: random.next() < 0.2 ? 'es' : 'en', submittedOn: wave.submittedOn,
        answers: JSON.stringify(answers), scores: JSON.stringify(scoreResponse(rules, answers)),
      });
      if (batch.length === batchSize) {
        await insertResponses(db, batch);
        stored += batch.length;
        batch = [];
      }
    }
  }
  await insertResponses(db, batch);
  return stored + batch.length;
}
