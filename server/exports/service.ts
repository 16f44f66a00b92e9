import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import { type Db, isConcurrentWrite, type Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { codebookTable } from '../instruments/codebook.js';
import type { Instrument } from '../instruments/definition.js';
import { scoringRules } from '../instruments/scoring.js';
import { getInstrumentVersion } from '../instruments/service.js';
import type { UnitRow } from '../organizations/queries.js';
import { listUnits } from '../organizations/service.js';
import type { WaveRow } from '../waves/queries.js';
import { isClosedOn } from '../waves/schedule.js';
import { countResponsesOfWaves, getWave, listClosedWavesNotCovered, listWaves } from '../waves/service.js';
import { aggregateColumns, buildAggregateRows } from './aggregate.js';
import { type CoarseningStep, coarsenGroups, type CombinationCount, guardCounts } from './coarsen.js';
import {
  buildExportCodebook, type ExportCodebook, instrumentSignature, planCells, type ReportedValues, reportValues, selectColumns,
} from './columns.js';
import { type CsvFlavour, formatCsv, formatCsvCell, formatCsvRow } from './csv.js';
import { planLines, storedLayout } from './lines.js';
import {
  countExportLinesByGroup, countResponsesByGroup, deleteExportLines, type ExportLineRow, findExportLayout, findExportLineCoverage, findResponseLines,
  findStoredLines, findStoredResponse, insertExportLines, sliceIdSpace, sumScoresByGroup,
} from './queries.js';
import { type ExportKind, fileNameOf, fileStemOf, seriesStemOf } from './files.js';
import { buildSpssSyntax } from './spss.js';
import { buildStataDo } from './stata.js';

/** What an export covers: one wave, or every wave of the organization with one instrument's questions. */
export type ExportScope = {
  organizationId: string;
  title: string;
  /** Start of every file name of this export. */
  fileStem: string;
  instrument: Instrument;
  waves: WaveRow[];
  units: UnitRow[];
};

export type ExportOptions = { includeComments: boolean; isForExcel: boolean };
export type ExportFile = { fileName: string; contentType: string; body: string };
export type StreamedExport = { fileName: string; chunks: AsyncIterable<string> };

// About this many responses per slice of the id space; a slice that holds more is read in several
// batches. Small enough that a batch's text (about 100 KB) stays below V8's large-object size and
// dies young, so a long export does not grow the heap: measured, 2,500 took the peak RSS from
// 112 to 181 MB on PostgreSQL, 600 to 144 MB, at the same rate.
const sliceSize = 600;
const batchLimit = 2 * sliceSize;
const csvType = 'text/csv; charset=utf-8';
// Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
const excelMark = '\uFEFF';
/** The Excel option makes a file for spreadsheets (byte-order mark, formula guard); without it, for statistics software. */
const flavourOf = (options: Pick<ExportOptions, 'isForExcel'>): CsvFlavour => (options.isForExcel ? 'spreadsheet' : 'statistics');

async function loadInstrument(db: Queryable, versionId: string): Promise<Instrument> {
  const instrument = await getInstrumentVersion(db, versionId);
  if (!instrument) throw new Error(`instrument version ${versionId} is missing`);
  return instrument;
}

/** One wave of the organization; another organization's wave is "not found". */
export async function resolveWaveScope(db: Queryable, organizationId: string, waveId: string): Promise<ExportScope> {
  const wave = await getWave(db, organizationId, waveId);
  return {
    organizationId, title: wave.name, fileStem: fileStemOf(wave.name), instrument: await loadInstrument(db, wave.instrumentVersionId),
    waves: [wave], units: await listUnits(db, organizationId),
  };
}

/**
 * Every wave of the organization whose instrument has the key, questions and subscales of
 * `versionId`; that version must be one the organization's waves used, else "not found".
 */
export async function resolveSeriesScope(db: Queryable, organizationId: string, versionId: string): Promise<ExportScope> {
  const waves = await listWaves(db, organizationId);
  if (!waves.some((wave) => wave.instrumentVersionId === versionId)) throw new AppError('not_found', 'No wave of this organization used that instrument version.');
  const instrument = await loadInstrument(db, versionId);
  const signature = instrumentSignature(instrument);
  const matching: WaveRow[] = [];
  for (const wave of waves) {
    if (wave.instrumentKey === instrument.key && instrumentSignature(await loadInstrument(db, wave.instrumentVersionId)) === signature) matching.push(wave);
  }
  return {
    organizationId, title: `${instrument.title[instrument.languages[0] ?? 'en'] ?? instrument.key}, all waves`,
    fileStem: seriesStemOf(instrument.key, instrument.version), instrument, waves: matching, units: await listUnits(db, organizationId),
  };
}

export type ExportSeries = { versionId: string; title: string; fileStem: string; waves: WaveRow[] };

/**
 * Every wave of the organization, and every instrument that two or more waves used with the same
 * questions (named by its newest version used), for the exports page.
 */
export async function listExports(db: Queryable, organizationId: string): Promise<{ waves: WaveRow[]; series: ExportSeries[] }> {
  const waves = await listWaves(db, organizationId);
  const series = new Map<string, ExportSeries & { version: number }>();
  for (const wave of waves) {
    const key = `${wave.instrumentKey}/${instrumentSignature(await loadInstrument(db, wave.instrumentVersionId))}`;
    const entry = series.get(key) ?? { versionId: '', version: 0, title: '', fileStem: '', waves: [] };
    entry.waves.push(wave);
    if (wave.instrumentVersion > entry.version) {
      Object.assign(entry, {
        versionId: wave.instrumentVersionId, version: wave.instrumentVersion, title: wave.instrumentTitle,
        fileStem: seriesStemOf(wave.instrumentKey, wave.instrumentVersion),
      });
    }
    series.set(key, entry);
  }
  return { waves, series: [...series.values()].filter((entry) => entry.waves.length > 1).map(({ version: _version, ...entry }) => entry) };
}

function isClosed(wave: WaveRow): boolean {
  return isClosedOn(wave, wave.today);
}

/**
 * Waves whose data may leave: closed ones only. Two files of an open wave, taken a day apart,
 * differ by exactly the newest respondents' answers.
 */
function requireClosedWaves(scope: ExportScope): WaveRow[] {
  const closed = scope.waves.filter(isClosed);
  if (closed.length === 0) {
    throw new AppError('invalid_state', `${scope.title}: data can be exported only after a wave closes, so that two downloads cannot be compared to single out the newest answers.`);
  }
  return closed;
}

function requireCommentsAllowed(waves: readonly WaveRow[]): void {
  const refusing = waves.filter((wave) => !wave.allowCommentExport);
  if (refusing.length === 0) return;
  const names = refusing.map((wave) => `"${wave.name}"`).join(', ');
  throw new AppError('forbidden', `comments: the settings of ${names} do not allow free-text comments in exports (a manager decides this while a wave is a draft). Download without comments.`, [
    { path: 'comments', message: `not allowed for ${names}` },
  ]);
}

async function audit(db: Queryable, actor: Staff, scope: ExportScope, kind: ExportKind, waves: readonly WaveRow[], options: Partial<ExportOptions>): Promise<void> {
  await recordAuditEvent(db, {
    accountId: actor.accountId, organizationId: scope.organizationId, action: 'export.downloaded', target: scope.title,
    details: { kind, waves: waves.map((wave) => wave.name).join(', '), comments: options.includeComments ?? false, excel: options.isForExcel ?? false },
  });
}

type RespondentPlan = {
  waves: WaveRow[]; leftOut: WaveRow[]; k: number; counts: CombinationCount[]; steps: CoarseningStep[]; codebook: ExportCodebook; values: ReportedValues;
  /** Waves whose lines stored at the close hold exactly their responses: counted, and streamed without comments, from those lines. */
  storedWaveIds: ReadonlySet<string>;
};

/** The waves whose stored lines were written for this instrument's layout and hold as many lines as the wave has responses. */
async function findStoredWaves(db: Queryable, instrument: Instrument, waves: readonly WaveRow[]): Promise<Set<string>> {
  const { key } = storedLayout(instrument);
  const responsesOf = await countResponsesOfWaves(db, waves.map((wave) => wave.id));
  const stored = await Promise.all(waves.map(async (wave) => {
    const header = await findExportLayout(db, wave.id);
    return header !== undefined && header.layout === key && header.responses === responsesOf(wave.id) ? [wave.id] : [];
  }));
  return new Set(stored.flat());
}

/**
 * Counts every (wave, unit, role group, tenure band), leaves out waves with 1..k-1 responses
 * (nothing can protect them), and coarsens the rest with the strictest k of the waves.
 */
async function planRespondentFile(db: Queryable, scope: ExportScope, waves: readonly WaveRow[]): Promise<RespondentPlan> {
  const k = Math.max(...waves.map((wave) => wave.minGroupSize));
  const storedWaveIds = await findStoredWaves(db, scope.instrument, waves);
  const live = waves.filter((wave) => !storedWaveIds.has(wave.id)).map((wave) => wave.id);
  const rows = [
    ...await countExportLinesByGroup(db, [...storedWaveIds]),
    ...await countResponsesByGroup(db, scope.organizationId, live, scope.instrument.demographics.tenureBand ?? null),
  ];
  const totalOf = (wave: WaveRow): number => rows.filter((row) => row.waveId === wave.id).reduce((sum, row) => sum + row.n, 0);
  const leftOut = waves.filter((wave) => totalOf(wave) > 0 && totalOf(wave) < k);
  if (leftOut.length === waves.length) throw new AppError('invalid_state', `${scope.title}: fewer than k = ${k} responses, so no respondent-level file can be made.`);
  const included = waves.filter((wave) => !leftOut.includes(wave));
  const counts = rows.filter((row) => included.some((wave) => wave.id === row.waveId))
    .map((row) => ({ stratum: row.waveId, unit: row.unitId, role: row.roleGroup, tenure: row.tenure, n: row.n }));
  const result = coarsenGroups(counts, k);
  if (!result.ok) throw new Error(`coarsening refused its counts: ${JSON.stringify(result.problems)}`);
  const codebook = buildExportCodebook(scope.instrument, scope.units.map((unit) => unit.name));
  const values = reportValues(result.mappings, codebook.mergedLabels, new Map(scope.units.map((unit) => [unit.id, unit.name])));
  return { waves: included, leftOut, k, counts, steps: result.steps, codebook, values, storedWaveIds };
}

type Batch = { waveIndex: number; slice: number; afterId: string };

/**
 * Reads the response whose numbers the fast path refused and codes it cell by cell, which
 * throws naming the variable (never the value); the file must stop either way.
 */
async function refuseStoredValues(db: Queryable, scope: ExportScope, plan: RespondentPlan, options: ExportOptions, responseId: string): Promise<never> {
  const { instrument } = scope;
  const stored = await findStoredResponse(db, scope.organizationId, responseId, {
    questions: instrument.questions.map((question) => ({ name: question.name, isComment: instrument.comments.includes(question.name) })),
    subscales: instrument.subscales.map((subscale) => subscale.key),
    includeComments: options.includeComments,
  });
  if (stored) planCells(instrument, selectColumns(plan.codebook, options.includeComments), plan.values)({ ...stored, waveName: '', instrumentVersion: 0 });
  throw new Error('a stored response changed while it was exported; the export stops');
}

async function* streamResponses(db: Queryable, scope: ExportScope, plan: RespondentPlan, options: ExportOptions): AsyncGenerator<string> {
  const columns = selectColumns(plan.codebook, options.includeComments);
  const lines = planLines(scope.instrument, columns, plan.values, new Map(plan.waves.map((wave) => [wave.instrumentVersionId, wave.instrumentVersion])), flavourOf(options));
  const guard = guardCounts(plan.counts);
  const isStored = plan.waves.map((wave) => !options.includeComments && plan.storedWaveIds.has(wave.id));
  // Wave after wave, each in random-id order, a slice of the id space at a time.
  const slices = plan.waves.map((wave) => sliceIdSpace(plan.counts.filter((count) => count.stratum === wave.id).reduce((sum, count) => sum + count.n, 0), sliceSize));
  const read = (batch: Batch): Promise<ExportLineRow[]> => {
    const wave = plan.waves[batch.waveIndex];
    const range = { afterId: batch.afterId, lastId: slices[batch.waveIndex]?.[batch.slice + 1] ?? '', limit: batchLimit };
    if (!wave) return Promise.resolve([]);
    return isStored[batch.waveIndex] ? findStoredLines(db, wave.id, range) : findResponseLines(db, scope.organizationId, wave.id, range, lines.fields);
  };
  const following = (batch: Batch, rows: readonly ExportLineRow[]): Batch | undefined => {
    const last = rows.at(-1);
    if (last && rows.length === batchLimit) return { ...batch, afterId: last.id };
    const waveSlices = slices[batch.waveIndex] ?? [];
    if (batch.slice + 2 < waveSlices.length) return { waveIndex: batch.waveIndex, slice: batch.slice + 1, afterId: waveSlices[batch.slice + 1] ?? '' };
    const waveIndex = batch.waveIndex + 1;
    return waveIndex < plan.waves.length ? { waveIndex, slice: 0, afterId: slices[waveIndex]?.[0] ?? '' } : undefined;
  };
  yield `${options.isForExcel ? excelMark : ''}${formatCsvRow(columns.map((row) => row.variable), flavourOf(options))}`;
  let batch: Batch | undefined = { waveIndex: 0, slice: 0, afterId: slices[0]?.[0] ?? '' };
  let reading = read(batch);
  while (batch) {
    const rows = await reading;
    const current: Batch = batch;
    batch = following(current, rows);
    // On PostgreSQL the next batch is read while this one is written; a client that goes away
    // leaves that read unawaited, so its failure must not become an unhandled rejection.
    if (batch) {
      reading = read(batch);
      reading.catch(() => undefined);
    }
    const waveId = plan.waves[current.waveIndex]?.id ?? '';
    const waveCell = formatCsvCell(plan.waves[current.waveIndex]?.name, flavourOf(options));
    let chunk = '';
    for (const row of rows) {
      guard.check(waveId, row);
      const line = lines.write(row, waveCell);
      if (line === null) {
        await refuseStoredValues(db, scope, plan, options, row.id);
        return;
      }
      chunk += line;
    }
    if (chunk) yield chunk;
  }
  guard.finish();
}

/**
 * The respondent-level file: checks (closed waves, comments allowed), counts and coarsens, and
 * records the download, all before the first byte; then rows stream batch by batch.
 */
export async function openRespondentFile(db: Queryable, actor: Staff, scope: ExportScope, options: ExportOptions): Promise<StreamedExport> {
  const waves = requireClosedWaves(scope);
  if (options.includeComments) requireCommentsAllowed(waves);
  const plan = await planRespondentFile(db, scope, waves);
  await audit(db, actor, scope, 'responses', plan.waves, options);
  return { fileName: fileNameOf(scope.fileStem, 'responses'), chunks: streamResponses(db, scope, plan, options) };
}

/**
 * Stores the export lines of a wave that has just closed (see closed_wave_exports), so that its
 * downloads stream them instead of reading every answer again. Counted and written in one
 * REPEATABLE READ snapshot, so the stored count is the number of lines.
 */
export async function prepareClosedWaveExport(db: Db, organizationId: string, waveId: string): Promise<void> {
  const scope = await resolveWaveScope(db, organizationId, waveId);
  const [wave] = scope.waves;
  if (!wave || !isClosed(wave)) return;
  const layout = storedLayout(scope.instrument);
  try {
    await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await deleteExportLines(tx, waveId);
      const responsesOf = await countResponsesOfWaves(tx, [waveId]);
      await insertExportLines(tx, waveId, { ...layout, responses: responsesOf(waveId) });
    });
  } catch (error) {
    // Another process stored the same wave's lines at the same moment; they are as good.
    if (!isConcurrentWrite(error)) throw error;
  }
}

/** The sweep's step: stores export lines for every closed wave without current ones; returns how many. */
export async function prepareClosedWaveExports(db: Db): Promise<number> {
  const stale = await listClosedWavesNotCovered(db, await findExportLineCoverage(db));
  for (const { organizationId, waveId } of stale) await prepareClosedWaveExport(db, organizationId, waveId);
  return stale.length;
}

const dimensionNames = { unit: 'unit', role: 'role group', tenure: 'tenure band' } as const;

/** Why a value is reported otherwise: what became of it, and the rule that first moved it. */
function describeStep(step: CoarseningStep, isEmpty: boolean, k: number): string {
  const action = isEmpty ? 'left empty' : 'merged into other';
  return step.reason === 'level_below_k'
    ? `${action}: a ${dimensionNames[step.dimension]} level had fewer than k = ${k} responses in the file`
    : `${action}: a unit × role group × tenure band combination within a wave had fewer than k = ${k} responses`;
}

/** The companion of the respondent-level file: every value reported otherwise than as itself, and why. */
export async function buildCoarseningNotes(db: Queryable, actor: Staff, scope: ExportScope, options: Pick<ExportOptions, 'isForExcel'>): Promise<ExportFile> {
  const plan = await planRespondentFile(db, scope, requireClosedWaves(scope));
  await audit(db, actor, scope, 'coarsening', plan.waves, options);
  const variables = { unit: 'unit', role: scope.instrument.demographics.roleGroup, tenure: scope.instrument.demographics.tenureBand ?? 'tenure' };
  const unitNames = new Map(scope.units.map((unit) => [unit.id, unit.name]));
  const seen = new Set<string>();
  const rows = plan.steps.flatMap((step) => step.values.flatMap((value) => {
    const key = `${step.dimension}/${String(value)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const original = value === null ? '(not given)' : step.dimension === 'unit' ? (unitNames.get(value) ?? value) : value;
    const reported = plan.values[step.dimension].get(value) ?? null;
    return [[variables[step.dimension], original, reported, describeStep(step, reported === null, plan.k)]];
  }));
  const leftOut = plan.leftOut.map((wave) => ['wave', wave.name, '', `left out: the wave has fewer than k = ${plan.k} responses`]);
  return {
    fileName: fileNameOf(scope.fileStem, 'coarsening'), contentType: csvType,
    body: (options.isForExcel ? excelMark : '') + formatCsv([['variable', 'original_value', 'reported_value', 'reason'], ...leftOut, ...rows], flavourOf(options)),
  };
}

/** Group × subscale statistics of every closed wave in scope, each wave under its own k. */
export async function buildAggregatedFile(db: Queryable, actor: Staff, scope: ExportScope, options: Pick<ExportOptions, 'isForExcel'>): Promise<ExportFile> {
  const waves = requireClosedWaves(scope);
  const { instrument } = scope;
  const roles = instrument.questions.find((question) => question.name === instrument.demographics.roleGroup);
  const rows = [];
  for (const wave of waves) {
    const counts = await countResponsesByGroup(db, scope.organizationId, [wave.id], null);
    const sums = await sumScoresByGroup(db, scope.organizationId, wave.id, scoringRules(instrument).scale.favorableAtLeast);
    rows.push(...buildAggregateRows({
      waveName: wave.name, k: wave.minGroupSize, units: scope.units,
      roles: roles?.kind === 'single_choice' ? roles.values.map(String) : [],
      subscales: instrument.subscales,
      respondents: counts.map((count) => ({ unit: count.unitId, role: count.roleGroup, n: count.n })),
      sums: sums.map((sum) => ({ ...sum, unit: sum.unitId, role: sum.roleGroup })),
    }));
  }
  await audit(db, actor, scope, 'aggregated', waves, options);
  return {
    fileName: fileNameOf(scope.fileStem, 'aggregated'), contentType: csvType,
    body: (options.isForExcel ? excelMark : '') + formatCsv([aggregateColumns, ...rows], flavourOf(options)),
  };
}

/** The respondent-level file's codebook: every column it can have, comments included. */
export async function buildCodebookFile(db: Queryable, actor: Staff, scope: ExportScope, options: Pick<ExportOptions, 'isForExcel'>): Promise<ExportFile> {
  const codebook = buildExportCodebook(scope.instrument, scope.units.map((unit) => unit.name));
  const table = codebookTable(scope.instrument, codebook.rows);
  await audit(db, actor, scope, 'codebook', scope.waves, options);
  return {
    fileName: fileNameOf(scope.fileStem, 'codebook'), contentType: csvType,
    body: (options.isForExcel ? excelMark : '') + formatCsv([table.columns, ...table.rows], flavourOf(options)),
  };
}

const syntaxOf = {
  spss: { build: buildSpssSyntax, contentType: 'text/plain; charset=utf-8' },
  stata: { build: buildStataDo, contentType: 'text/plain; charset=utf-8' },
} as const;

/** SPSS syntax or a Stata do-file reading the respondent-level file with the same comments option. */
export async function buildSyntaxFile(db: Queryable, actor: Staff, scope: ExportScope, kind: keyof typeof syntaxOf, options: Pick<ExportOptions, 'includeComments'>): Promise<ExportFile> {
  const codebook = buildExportCodebook(scope.instrument, scope.units.map((unit) => unit.name));
  const body = syntaxOf[kind].build(selectColumns(codebook, options.includeComments), {
    dataFile: fileNameOf(scope.fileStem, 'responses'), title: scope.title, language: scope.instrument.languages[0] ?? 'en',
  });
  await audit(db, actor, scope, kind, scope.waves, options);
  return { fileName: fileNameOf(scope.fileStem, kind), contentType: syntaxOf[kind].contentType, body };
}
