import type { Queryable } from '../db/db.js';

export type AnswerRow = { id: string; unitId: string; roleGroup: string | null; answers: Record<string, unknown> };

/**
 * One batch of a wave's responses after `afterId`, in id order (random ids: no submission order),
 * without the answers named in `leaveOut` (comments and other questions no subscale uses, which
 * would only be parsed and dropped).
 */
export async function findResponseAnswers(
  db: Queryable, organizationId: string, waveId: string, range: { afterId: string; limit: number }, leaveOut: readonly string[],
): Promise<AnswerRow[]> {
  return db.query<AnswerRow>(
    `SELECT r.id, r.unit_id AS "unitId", r.role_group AS "roleGroup", r.answers - $5::text[] AS answers
     FROM responses r JOIN waves w ON w.id = r.wave_id
     WHERE w.organization_id = $1 AND r.wave_id = $2 AND r.id > $3
     ORDER BY r.id LIMIT $4`,
    [organizationId, waveId, range.afterId, range.limit, [...leaveOut]],
  );
}
