import type { Queryable } from '../db/db.js';
import type { PairSums } from '../instruments/scoring.js';
import type { CellCountRow, ItemValueRow, ScoreBinRow } from './assemble.js';
import type { PackedCell } from './cells.js';

// Every aggregate runs in the database and is grouped by (unit, role): the finest cells the
// disclosure module decides on. Larger groups are sums of these cells, added up in assemble.ts.

export async function countRespondentsByCell(db: Queryable, waveId: string): Promise<CellCountRow[]> {
  return db.query<CellCountRow>(
    `SELECT unit_id AS "unitId", role_group AS "roleGroup", count(*)::int AS n
     FROM responses WHERE wave_id = $1 GROUP BY unit_id, role_group`,
    [waveId],
  );
}

/**
 * Subscale scores per cell and scale-point bin (bin p holds p <= score < p + 1; the top bin holds
 * the maximum), and, over those of them who answered the outcome item (null: none), the sums
 * its correlation with each subscale is computed from: one pass over the wave for both.
 * (OFFSET 0 keeps the outcome read once per response, not once per subscale.)
 */
export async function aggregateScoresByCell(db: Queryable, waveId: string, scaleMax: number, outcome: string | null): Promise<ScoreBinRow[]> {
  const rows = await db.query<Omit<ScoreBinRow, 'outcome'> & Omit<PairSums, 'n'> & { pairs: number }>(
    `SELECT unit_id AS "unitId", role_group AS "roleGroup", subscale, least(floor(x), $2)::int AS bin, count(*)::int AS n,
            sum(x)::float8 AS sum, sum(x * x)::float8 AS "sumSquares",
            count(y)::int AS "pairs", coalesce(sum(x) FILTER (WHERE y IS NOT NULL), 0)::float8 AS "sumX",
            coalesce(sum(x * x) FILTER (WHERE y IS NOT NULL), 0)::float8 AS "sumXSquares", coalesce(sum(y), 0)::float8 AS "sumY",
            coalesce(sum(y * y), 0)::float8 AS "sumYSquares", coalesce(sum(x * y), 0)::float8 AS "sumProducts"
     FROM (SELECT unit_id, role_group, scores, (answers ->> $3::text)::float8 AS y FROM responses WHERE wave_id = $1 OFFSET 0) AS scored
       CROSS JOIN LATERAL jsonb_each_text(scored.scores) AS s(subscale, value) CROSS JOIN LATERAL (SELECT s.value::float8 AS x) AS score
     GROUP BY unit_id, role_group, subscale, least(floor(x), $2)`,
    [waveId, scaleMax, outcome],
  );
  return rows.map(({ pairs, sumX, sumXSquares, sumY, sumYSquares, sumProducts, ...bin }) => ({
    ...bin, outcome: { n: pairs, sumX, sumXSquares, sumY, sumYSquares, sumProducts },
  }));
}

/** Raw answers (before reverse coding) per cell for the given rating questions; a stored value that is not a number (only tampering stores one) is not counted. */
export async function countItemValuesByCell(db: Queryable, waveId: string, questions: readonly string[]): Promise<ItemValueRow[]> {
  return db.query<ItemValueRow>(
    `SELECT r.unit_id AS "unitId", r.role_group AS "roleGroup", a.key AS question, a.value::text::int AS value, count(*)::int AS n
     FROM responses r CROSS JOIN LATERAL jsonb_each(r.answers) AS a(key, value)
     WHERE r.wave_id = $1 AND a.key = ANY($2::text[]) AND jsonb_typeof(a.value) = 'number'
     GROUP BY r.unit_id, r.role_group, a.key, a.value`,
    [waveId, [...questions]],
  );
}

export type StoredAggregates = { responses: number; cells: PackedCell[]; units: Array<{ id: string; name: string }> };

export async function findClosedWaveAggregates(db: Queryable, waveId: string): Promise<StoredAggregates | undefined> {
  const rows = await db.query<StoredAggregates>('SELECT responses, cells, units FROM closed_wave_aggregates WHERE wave_id = $1', [waveId]);
  return rows[0];
}

/** Stores a closed wave's aggregates; those of a wave whose results were shown are never replaced. */
export async function upsertClosedWaveAggregates(db: Queryable, waveId: string, stored: StoredAggregates): Promise<void> {
  await db.query(
    `INSERT INTO closed_wave_aggregates (wave_id, responses, cells, units) VALUES ($1, $2, $3::jsonb, $4::jsonb)
     ON CONFLICT (wave_id) DO UPDATE SET responses = EXCLUDED.responses, cells = EXCLUDED.cells, units = EXCLUDED.units
     WHERE (SELECT w.released_on FROM waves w WHERE w.id = closed_wave_aggregates.wave_id) IS NULL`,
    [waveId, stored.responses, JSON.stringify(stored.cells), JSON.stringify(stored.units)],
  );
}

/** How many responses each wave's stored aggregates cover. */
export async function findAggregateCoverage(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ waveId: string; responses: number }>('SELECT wave_id AS "waveId", responses FROM closed_wave_aggregates');
  return new Map(rows.map((row) => [row.waveId, row.responses]));
}

export async function countInvitationsByUnit(db: Queryable, waveId: string): Promise<Array<{ unitId: string; invited: number }>> {
  return db.query<{ unitId: string; invited: number }>(
    // Single-use links of earlier waves, and the personal invitations counted when the wave closed.
    `SELECT unit_id AS "unitId", sum(invited)::int AS invited
     FROM (SELECT unit_id, count(*) AS invited FROM invitations WHERE wave_id = $1 GROUP BY unit_id
           UNION ALL
           SELECT unit_id, invited FROM wave_units WHERE wave_id = $1 AND invited IS NOT NULL) c
     GROUP BY unit_id`,
    [waveId],
  );
}
