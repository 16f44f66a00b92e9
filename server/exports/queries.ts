import type { Queryable, SqlValue } from '../db/db.js';
import { shuffle } from '../db/group-commit.js';
import type { LineFields, RenderedResponse } from './lines.js';

export type GroupCountRow = { waveId: string; unitId: string; roleGroup: string | null; tenure: string | null; n: number };

/**
 * Responses per (wave, unit, role group, tenure band) of the organization's given waves. The
 * tenure band is read from the answers under `tenureVariable` (null: the instrument has none).
 */
export async function countResponsesByGroup(db: Queryable, organizationId: string, waveIds: readonly string[], tenureVariable: string | null): Promise<GroupCountRow[]> {
  return db.query<GroupCountRow>(
    `SELECT r.wave_id AS "waveId", r.unit_id AS "unitId", r.role_group AS "roleGroup",
            CASE WHEN $3::text IS NULL THEN NULL ELSE r.answers ->> $3::text END AS tenure, count(*)::int AS n
     FROM responses r JOIN waves w ON w.id = r.wave_id
     WHERE w.organization_id = $1 AND r.wave_id = ANY($2::uuid[])
     GROUP BY 1, 2, 3, 4`,
    [organizationId, [...waveIds], tenureVariable],
  );
}

/** countResponsesByGroup of waves whose export lines are stored, read from those narrow lines instead of the answers. */
export async function countExportLinesByGroup(db: Queryable, waveIds: readonly string[]): Promise<GroupCountRow[]> {
  return db.query<GroupCountRow>(
    `SELECT wave_id AS "waveId", unit_id AS "unitId", role_group AS "roleGroup", tenure, count(*)::int AS n
     FROM closed_wave_export_lines WHERE wave_id = ANY($1::uuid[])
     GROUP BY 1, 2, 3, 4`,
    [[...waveIds]],
  );
}

export type ExportResponseRow = {
  id: string;
  instrumentVersionId: string;
  unitId: string;
  roleGroup: string | null;
  submissionMonth: string;
  /** The answers to `questions` and the scores of `subscales`, in their order; null where absent. */
  answers: unknown[];
  scores: unknown[];
};

/** Which values a stored response is read with: every question (comments only when included) and every subscale, in order. */
export type BatchFields = { questions: ReadonlyArray<{ name: string; isComment: boolean }>; subscales: readonly string[]; includeComments: boolean };

/** Adds a text parameter (a question or subscale key) and returns its placeholder. */
function textParam(params: SqlValue[]): (value: string) => string {
  return (value) => {
    params.push(value);
    return `$${String(params.length)}::text`;
  };
}

/** A comment a manager hid from the dashboard (it named someone, say) stays out of exports too. */
function commentUnlessHidden(key: string): string {
  return `CASE WHEN EXISTS (SELECT 1 FROM hidden_comments h WHERE h.response_id = r.id AND h.question = ${key}) THEN NULL ELSE r.answers -> ${key} END`;
}

/**
 * The values a line is written from, as SQL over a response `r` (lines.ts): the tenure band as
 * text when it is a string or number; runs of number columns written by the database, one `->>`
 * per cell, joined by '|' into one value (reading values is where an export spends its time);
 * and the other coded answers.
 */
function lineExpressions(fields: LineFields, param: (value: string) => string): { tenure: string; runs: string; coded: string } {
  const tenureKey = fields.tenureKey === null ? 'NULL' : param(fields.tenureKey);
  const runs = fields.runs.map((run) => `concat(${run.map((cell) => `r.${cell.source} ->> ${param(cell.key)}`).join(", ',', ")})`);
  const coded = fields.coded.map(({ key, isComment }) => (isComment ? commentUnlessHidden(param(key)) : `r.answers -> ${param(key)}`));
  return {
    tenure: `CASE WHEN jsonb_typeof(r.answers -> ${tenureKey}) IN ('string', 'number') THEN r.answers ->> ${tenureKey} END`,
    runs: runs.length > 0 ? `concat(${runs.join(", '|', ")})` : "''",
    coded: `jsonb_build_array(${coded.join(', ')})`,
  };
}

/** Whether every cell of the runs holds its column's JSON type (or nothing), as SQL over `r`. */
function isWellTypedExpression(fields: LineFields, param: (value: string) => string): string {
  const cells = fields.runs.flat();
  if (cells.length === 0) return 'true';
  return cells.map((cell) => `coalesce(jsonb_typeof(r.${cell.source} -> ${param(cell.key)}), 'null') IN (${param(cell.kind)}, 'null')`).join(' AND ');
}

/**
 * A wave's response ids in an order drawn afresh for this download (from its stored lines when
 * `isStored`): row order in a file says nothing about when anyone answered, and no two
 * downloads list rows alike. Only ids are shuffled, so a large wave costs a few megabytes here.
 * The ids come as one text and are shuffled here with a cryptographic generator: sorting
 * 100,000 ids by random() spilled to disk in PostgreSQL and, with a row per id, took 200 to
 * 300 ms of a download's start.
 */
export async function findIdsInRandomOrder(db: Queryable, waveId: string, isStored: boolean): Promise<string[]> {
  const [row] = await db.query<{ ids: string | null }>(isStored
    ? "SELECT string_agg(response_id::text, ',') AS ids FROM closed_wave_export_lines WHERE wave_id = $1"
    : "SELECT string_agg(id::text, ',') AS ids FROM responses WHERE wave_id = $1", [waveId]);
  return row?.ids ? shuffle(row.ids.split(',')) : [];
}

/** countResponsesByMonth of waves whose export lines are stored, read from those narrow lines instead of every response's row. */
export async function countExportLinesByMonth(db: Queryable, waveIds: readonly string[]): Promise<Array<{ waveId: string; month: string; n: number }>> {
  return db.query<{ waveId: string; month: string; n: number }>(
    `SELECT wave_id AS "waveId", submission_month AS month, count(*)::int AS n
     FROM closed_wave_export_lines WHERE wave_id = ANY($1::uuid[]) GROUP BY 1, 2`,
    [[...waveIds]],
  );
}

/** Responses per month of submission of each given wave. */
export async function countResponsesByMonth(db: Queryable, waveIds: readonly string[]): Promise<Array<{ waveId: string; month: string; n: number }>> {
  return db.query<{ waveId: string; month: string; n: number }>(
    `SELECT wave_id AS "waveId", to_char(submitted_on, 'YYYY-MM') AS month, count(*)::int AS n
     FROM responses WHERE wave_id = ANY($1::uuid[]) GROUP BY 1, 2`,
    [[...waveIds]],
  );
}

/**
 * The responses of one wave with the given ids, in no particular order (the caller orders
 * them). Each call is its own short query, so no transaction stays open while a client
 * downloads (PGlite has one connection for everyone). Only the month of submission leaves the
 * database, never the day. The number runs are checked in lines.ts.
 */
export async function findResponseLines(db: Queryable, organizationId: string, waveId: string, ids: readonly string[], fields: LineFields): Promise<ExportLineRow[]> {
  const params: SqlValue[] = [organizationId, waveId, [...ids]];
  const line = lineExpressions(fields, textParam(params));
  return db.query<ExportLineRow>(
    `SELECT r.id, r.instrument_version_id AS "instrumentVersionId", r.unit_id AS "unitId", r.role_group AS "roleGroup",
            ${line.tenure} AS tenure, to_char(r.submitted_on, 'YYYY-MM') AS "submissionMonth",
            ${line.runs} AS runs, ${line.coded} AS coded, NULL::boolean AS "isWellTyped"
     FROM responses r JOIN waves w ON w.id = r.wave_id AND w.organization_id = $1
     WHERE r.wave_id = $2 AND r.id = ANY($3::uuid[])`,
    params,
  );
}

export type ExportLineRow = RenderedResponse & { id: string };

/** Forgets a wave's stored export lines (its lines go with it). */
export async function deleteExportLines(db: Queryable, waveId: string): Promise<void> {
  await db.query('DELETE FROM closed_wave_exports WHERE wave_id = $1', [waveId]);
}

/**
 * Stores a closed wave's export lines for `layout` (comments are never among them), written in
 * id order so that reading them in id order reads the table front to back.
 */
export async function insertExportLines(db: Queryable, waveId: string, layout: { key: string; fields: LineFields; responses: number }): Promise<void> {
  await db.query('INSERT INTO closed_wave_exports (wave_id, layout, responses) VALUES ($1, $2, $3)', [waveId, layout.key, layout.responses]);
  const params: SqlValue[] = [waveId];
  const param = textParam(params);
  const line = lineExpressions(layout.fields, param);
  await db.query(
    `INSERT INTO closed_wave_export_lines
       (wave_id, response_id, instrument_version_id, unit_id, role_group, tenure, submission_month, runs, coded, is_well_typed)
     SELECT r.wave_id, r.id, r.instrument_version_id, r.unit_id, r.role_group, ${line.tenure}, to_char(r.submitted_on, 'YYYY-MM'),
            ${line.runs}, ${line.coded}, ${isWellTypedExpression(layout.fields, param)}
     FROM responses r WHERE r.wave_id = $1 ORDER BY r.id`,
    params,
  );
}

/**
 * Refreshes the planner's statistics of the stored lines. A download looks its lines up a batch
 * of ids at a time; without statistics that know the new wave's rows, PostgreSQL plans each
 * batch as a scan of the whole wave filtered by id (measured on 100,000 lines: 99,400 rows read
 * and thrown away per batch of 600, 14,000 rows/s instead of 48,000). Autovacuum would catch up
 * only a minute or more after the close, and never where it is off. ANALYZE samples at most
 * 300 rows per point of the statistics target, so it costs the same for any size of table.
 */
export async function analyzeExportLines(db: Queryable): Promise<void> {
  await db.query('ANALYZE closed_wave_export_lines');
}

/** The layout and response count a wave's stored export lines were written for, if any. */
export async function findExportLayout(db: Queryable, waveId: string): Promise<{ layout: string; responses: number } | undefined> {
  const rows = await db.query<{ layout: string; responses: number }>('SELECT layout, responses FROM closed_wave_exports WHERE wave_id = $1', [waveId]);
  return rows[0];
}

const fieldSeparator = '\u001f';
const lineSeparator = '\u001e';
const storedLineFields = 9;

/**
 * Stored export lines of one wave with the given ids, as findResponseLines returns them, from the table instead of
 * the answers. The batch comes as one text (fields and lines split by the ASCII unit and record
 * separators, which no id, code, month or run of numbers holds): a row per line costs PGlite
 * several times more than the lines themselves. Runs of a line that failed its type check are
 * left out, since that line is refused anyway; an empty role group or tenure band is none.
 * The ids go as one text too: pg writes an array parameter element by element, which allocated
 * about 220 bytes per id (22 MB for a download of 100,000 lines, sampled).
 */
export async function findStoredLines(db: Queryable, waveId: string, ids: readonly string[]): Promise<ExportLineRow[]> {
  const [batch] = await db.query<{ lines: string | null }>(
    `SELECT string_agg(concat_ws(chr(31), response_id, instrument_version_id, unit_id, coalesce(role_group, ''), coalesce(tenure, ''),
                                 submission_month, CASE WHEN is_well_typed THEN runs ELSE '' END, coded, is_well_typed::text), chr(30)) AS lines
     FROM closed_wave_export_lines WHERE wave_id = $1 AND response_id = ANY(string_to_array($2, ',')::uuid[])`,
    [waveId, ids.join(',')],
  );
  if (!batch?.lines) return [];
  return batch.lines.split(lineSeparator).map((line) => {
    const fields = line.split(fieldSeparator);
    if (fields.length !== storedLineFields) throw new Error('a stored export line does not have its fields; the export stops');
    const [id = '', instrumentVersionId = '', unitId = '', roleGroup = '', tenure = '', submissionMonth = '', runs = '', coded = '[]', isWellTyped] = fields;
    return {
      id, instrumentVersionId, unitId, roleGroup: roleGroup || null, tenure: tenure || null, submissionMonth, runs,
      coded: coded === '[]' ? [] : JSON.parse(coded) as unknown[], isWellTyped: isWellTyped === 'true',
    };
  });
}

/** How many responses each wave's stored export lines cover. */
export async function findExportLineCoverage(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ waveId: string; responses: number }>('SELECT wave_id AS "waveId", responses FROM closed_wave_exports');
  return new Map(rows.map((row) => [row.waveId, row.responses]));
}

/** One response's stored answers and scores, to name the variable whose value the fast path refused. */
export async function findStoredResponse(db: Queryable, organizationId: string, responseId: string, fields: BatchFields): Promise<ExportResponseRow | undefined> {
  const params: SqlValue[] = [organizationId, responseId];
  const param = textParam(params);
  const answers = fields.questions.map(({ name, isComment }) => {
    if (!isComment) return `r.answers -> ${param(name)}`;
    return fields.includeComments ? commentUnlessHidden(param(name)) : 'NULL';
  });
  const scores = fields.subscales.map((key) => `r.scores -> ${param(key)}`);
  const rows = await db.query<ExportResponseRow>(
    `SELECT r.id, r.instrument_version_id AS "instrumentVersionId", r.unit_id AS "unitId", r.role_group AS "roleGroup",
            to_char(r.submitted_on, 'YYYY-MM') AS "submissionMonth",
            jsonb_build_array(${answers.join(', ')}) AS answers, jsonb_build_array(${scores.join(', ')}) AS scores
     FROM responses r JOIN waves w ON w.id = r.wave_id AND w.organization_id = $1
     WHERE r.id = $2`,
    params,
  );
  return rows[0];
}

export type ScoreSumsRow = { unitId: string; roleGroup: string | null; subscale: string; n: number; sum: number; sumOfSquares: number; favorable: number };

/**
 * Per (unit, role group, subscale) of one wave: scored responses, the sum and sum of squares of
 * their scores, and how many reach `favorableAtLeast` (scoring.ts summarizeSums turns these into
 * n, mean, SD and % favorable for any group made of such cells).
 */
export async function sumScoresByGroup(db: Queryable, organizationId: string, waveId: string, favorableAtLeast: number): Promise<ScoreSumsRow[]> {
  return db.query<ScoreSumsRow>(
    `SELECT r.unit_id AS "unitId", r.role_group AS "roleGroup", s.key AS subscale, count(*)::int AS n,
            sum(s.value::float8) AS sum, sum(s.value::float8 * s.value::float8) AS "sumOfSquares",
            (count(*) FILTER (WHERE s.value::float8 >= $3))::int AS favorable
     FROM responses r JOIN waves w ON w.id = r.wave_id
       CROSS JOIN LATERAL jsonb_each_text(r.scores) AS s(key, value)
     WHERE w.organization_id = $1 AND r.wave_id = $2 AND jsonb_typeof(r.scores) = 'object'
     GROUP BY 1, 2, 3`,
    [organizationId, waveId, favorableAtLeast],
  );
}
