import type { Db } from '../../server/db/db.js';
import { generateToken, hashToken } from '../../server/http/tokens.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { createOrganizationWithUnits } from '../../server/organizations/service.js';
import { createWaveWithOpenLinks, type UnitLink } from '../../server/waves/service.js';
import type { WaveStatus } from '../../server/waves/schedule.js';

export type BuiltWave = { organizationId: string; waveId: string; links: UnitLink[] };

let sequence = 0;

/** An organization with units and a wave over one instrument, each name unique to the test. */
export async function buildWave(
  db: Db,
  instrument: PublishedInstrument,
  options: { status?: WaveStatus; unitNames?: string[]; minGroupSize?: number } = {},
): Promise<BuiltWave> {
  sequence += 1;
  return db.transaction(async (tx) => {
    const { organizationId, units } = await createOrganizationWithUnits(tx, {
      name: `Test organization ${sequence}`, isDemo: false, unitNames: options.unitNames ?? ['North Clinic', 'South Clinic'],
    });
    const { waveId, links } = await createWaveWithOpenLinks(tx, {
      organizationId, instrumentVersionId: instrument.id, name: `Wave ${sequence}`,
      status: options.status ?? 'open', minGroupSize: options.minGroupSize ?? 5,
    }, units);
    return { organizationId, waveId, links };
  });
}

/** The newest published version of an instrument, or the given version. */
export function instrumentByKey(published: PublishedInstrument[], key: string, version?: number): PublishedInstrument {
  const found = published
    .filter((entry) => entry.instrument.key === key && (version === undefined || entry.instrument.version === version))
    .sort((a, b) => b.instrument.version - a.instrument.version)[0];
  if (!found) throw new Error(`no published instrument ${key}${version === undefined ? '' : ` v${version}`}`);
  return found;
}

/**
 * Single-use invitation links as waves made before personal invitations have them (they can no
 * longer be issued, and keep working until their wave closes): the tokens, with only their hashes stored.
 */
export async function seedLegacyInvitations(db: Db, waveId: string, unitId: string, count: number): Promise<string[]> {
  const tokens = Array.from({ length: count }, () => generateToken(16));
  await db.query('INSERT INTO invitations (token_hash, wave_id, unit_id) SELECT unnest($1::text[]), $2, $3', [tokens.map(hashToken), waveId, unitId]);
  return tokens;
}
