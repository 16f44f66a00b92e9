import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import { type Db, isConcurrentWrite, type Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { decisionFor, roleValues } from '../dashboards/assemble.js';
import { loadReleasedFigures } from '../dashboards/service.js';
import { codebookTable, type CodebookRow } from '../instruments/codebook.js';
import type { Instrument } from '../instruments/definition.js';
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
import { type CsvCell, type CsvFlavour, formatCsv, formatCsvCell, formatCsvRow } from './csv.js';
import { planLines, storedLayout } from './lines.js';
import {
  analyzeExportLines, countExportLinesByGroup, countExportLinesByMonth, countResponsesByGroup, countResponsesByMonth, deleteExportLines, type ExportLineRow, findExportLayout, findExportLineCoverage,
  findIdsInRandomOrder, findResponseLines, findStoredLines, findStoredResponse, insertExportLines,
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

// Responses per batch. Small enough that a batch's text (about 100 KB) stays below V8's large-object size and
// dies young, so a long export does not grow the heap: measured, 2,500 took the peak RSS from
// 112 to 181 MB on PostgreSQL, 600 to 144 MB, at the same rate.
const batchSize = 600;
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
export async function listExports(db: Queryable, organizationId: string): Promise<{ waves: WaveRow[]; series: ExportSeries[]; titles: Map<string, Readonly<Record<string, string>>> }> {
  const waves = await listWaves(db, organizationId);
  const series = new Map<string, ExportSeries & { version: number }>();
  // Each instrument version's title in its languages, so the page names it in the reader's.
  const titles = new Map<string, Readonly<Record<string, string>>>();
  for (const wave of waves) {
    const instrument = await loadInstrument(db, wave.instrumentVersionId);
    titles.set(wave.instrumentVersionId, instrument.title);
    const key = `${wave.instrumentKey}/${instrumentSignature(instrument)}`;
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
  return { waves, series: [...series.values()].filter((entry) => entry.waves.length > 1).map(({ version: _version, ...entry }) => entry), titles };
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

/** One wave's part of a respondent-level file: coded the same way in every file the wave is part of. */
type WavePlan = { wave: WaveRow; counts: CombinationCount[]; steps: CoarseningStep[]; values: ReportedValues; unitNames: Map<string, string>; isStored: boolean };

type RespondentPlan = { waves: WavePlan[]; leftOut: WaveRow[]; codebook: ExportCodebook };

/** Whether a wave's lines stored at the close were written for this instrument's layout and hold as many lines as the wave has responses. */
async function hasCurrentLines(db: Queryable, instrument: Instrument, wave: WaveRow): Promise<boolean> {
  const header = await findExportLayout(db, wave.id);
  return header !== undefined && header.layout === storedLayout(instrument).key && header.responses === (await countResponsesOfWaves(db, [wave.id]))(wave.id);
}

/**
 * Codes one closed wave on its own, under its own k, so that a response reads the same in the
 * wave's file and in every all-waves file: the units the dashboard shows keep their names, the
 * units it hides are "other" together, tenure and role are recoded first, and the month is
 * reported only when every month of the wave holds k responses or more.
 */
async function planWave(db: Db, scope: ExportScope, wave: WaveRow, codebook: ExportCodebook): Promise<WavePlan | undefined> {
  // The dashboard's figures are decided in this process while PostgreSQL counts the responses (a read of every row of the wave).
  const released = loadReleasedFigures(db, scope.organizationId, wave);
  released.catch(() => undefined);
  const isStored = await hasCurrentLines(db, scope.instrument, wave);
  const rows = isStored ? await countExportLinesByGroup(db, [wave.id]) : await countResponsesByGroup(db, scope.organizationId, [wave.id], scope.instrument.demographics.tenureBand ?? null);
  const k = wave.minGroupSize;
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  if (total < k) return undefined;
  const { figures, units } = await released;
  const fixedUnits = new Map(units.map((unit) => [unit.id, decisionFor(figures.respondents, { unitId: unit.id }).isShown ? 'kept' as const : 'other' as const]));
  const counts = rows.map((row) => ({ stratum: row.waveId, unit: row.unitId, role: row.roleGroup, tenure: row.tenure, n: row.n }));
  const result = coarsenGroups(counts, k, fixedUnits);
  if (!result.ok) throw new Error(`coarsening refused its counts: ${JSON.stringify(result.problems)}`);
  const months = isStored ? await countExportLinesByMonth(db, [wave.id]) : await countResponsesByMonth(db, [wave.id]);
  const unitNames = new Map(units.map((unit) => [unit.id, unit.name]));
  const values = reportValues(result.mappings, codebook.mergedLabels, unitNames, months.every((month) => month.n >= k));
  return { wave, counts, steps: result.steps, values, unitNames, isStored };
}

/** Leaves out waves with fewer than k responses (nothing can protect them) and codes the rest, each on its own. */
async function planRespondentFile(db: Db, scope: ExportScope, waves: readonly WaveRow[]): Promise<RespondentPlan> {
  const codebook = buildExportCodebook(scope.instrument, scope.units.map((unit) => unit.name));
  const planned: WavePlan[] = [];
  const leftOut: WaveRow[] = [];
  for (const wave of waves) {
    const plan = await planWave(db, scope, wave, codebook);
    if (plan) planned.push(plan);
    else leftOut.push(wave);
  }
  if (planned.length === 0) throw new AppError('invalid_state', `${scope.title}: fewer than k responses, so no respondent-level file can be made.`);
  return { waves: planned, leftOut, codebook };
}

/**
 * Reads the response whose numbers the fast path refused and codes it cell by cell, which
 * throws naming the variable (never the value); the file must stop either way.
 */
async function refuseStoredValues(db: Queryable, scope: ExportScope, columns: readonly CodebookRow[], plan: WavePlan, options: ExportOptions, responseId: string): Promise<never> {
  const { instrument } = scope;
  const stored = await findStoredResponse(db, scope.organizationId, responseId, {
    questions: instrument.questions.map((question) => ({ name: question.name, isComment: instrument.comments.includes(question.name) })),
    subscales: instrument.subscales.map((subscale) => subscale.key),
    includeComments: options.includeComments,
  });
  if (stored) planCells(instrument, columns, plan.values)({ ...stored, waveName: '', instrumentVersion: 0 });
  throw new Error('a stored response changed while it was exported; the export stops');
}

function splitIntoBatches(ids: readonly string[]): string[][] {
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += batchSize) batches.push(ids.slice(start, start + batchSize));
  return batches;
}

/** One wave's lines, in an order drawn afresh for this download, a batch at a time (the next read while one is written). */
async function* streamWave(db: Queryable, scope: ExportScope, columns: readonly CodebookRow[], plan: WavePlan, options: ExportOptions): AsyncGenerator<string> {
  const lines = planLines(scope.instrument, columns, plan.values, new Map([[plan.wave.instrumentVersionId, plan.wave.instrumentVersion]]), flavourOf(options));
  const guard = guardCounts(plan.counts);
  const isStored = plan.isStored && !options.includeComments;
  const batches = splitIntoBatches(await findIdsInRandomOrder(db, plan.wave.id, isStored));
  const read = (ids: readonly string[]): Promise<ExportLineRow[]> => (isStored
    ? findStoredLines(db, plan.wave.id, ids) : findResponseLines(db, scope.organizationId, plan.wave.id, ids, lines.fields));
  const waveCell = formatCsvCell(plan.wave.name, flavourOf(options));
  let reading = batches[0] ? read(batches[0]) : Promise.resolve([]);
  for (const [index, ids] of batches.entries()) {
    const rows = new Map((await reading).map((row) => [row.id, row]));
    const next = batches[index + 1];
    // A client that goes away leaves the next read unawaited: its failure must not become an unhandled rejection.
    if (next) {
      reading = read(next);
      reading.catch(() => undefined);
    }
    const chunk: string[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) throw new Error('a response went missing while it was exported; the export stops');
      guard.check(plan.wave.id, row);
      const line = lines.write(row, waveCell);
      if (line === null) {
        await refuseStoredValues(db, scope, columns, plan, options, row.id);
        return;
      }
      chunk.push(line);
    }
    // Joined once, the batch is one flat string for the socket, not a chain of 600 lines to flatten.
    if (chunk.length > 0) yield chunk.join('');
  }
  guard.finish();
}

async function* streamResponses(db: Queryable, scope: ExportScope, plan: RespondentPlan, options: ExportOptions): AsyncGenerator<string> {
  const columns = selectColumns(plan.codebook, options.includeComments);
  yield `${options.isForExcel ? excelMark : ''}${formatCsvRow(columns.map((row) => row.variable), flavourOf(options))}`;
  for (const wave of plan.waves) yield* streamWave(db, scope, columns, wave, options);
}

/**
 * The respondent-level file: checks (closed waves, comments allowed), counts and coarsens, and
 * records the download, all before the first byte; then rows stream batch by batch.
 */
export async function openRespondentFile(db: Db, actor: Staff, scope: ExportScope, options: ExportOptions): Promise<StreamedExport> {
  const waves = requireClosedWaves(scope);
  if (options.includeComments) requireCommentsAllowed(waves);
  const plan = await planRespondentFile(db, scope, waves);
  await audit(db, actor, scope, 'responses', plan.waves.map((entry) => entry.wave), options);
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
  // After the commit, so that no lock on the table is held while the transaction lasts.
  await analyzeExportLines(db);
}

/**
 * The sweep's step: stores export lines for every closed wave without current ones; returns how many.
 * Refreshes the table's planner statistics each time, so lines are read by index even without autovacuum.
 */
export async function prepareClosedWaveExports(db: Db): Promise<number> {
  const stale = await listClosedWavesNotCovered(db, await findExportLineCoverage(db));
  for (const { organizationId, waveId } of stale) await prepareClosedWaveExport(db, organizationId, waveId);
  if (stale.length === 0) await analyzeExportLines(db);
  return stale.length;
}

const dimensionNames = { unit: 'unit', role: 'role group', tenure: 'tenure band' } as const;

/** Why a value is reported otherwise: what became of it, and the rule that moved it. */
function describeStep(step: CoarseningStep, isEmpty: boolean, k: number): string {
  const action = isEmpty ? 'left empty' : 'merged into other';
  if (step.reason === 'unit_hidden_on_dashboard') return `${action}: the dashboard hides this unit (fewer than k = ${k} responses, or hidden so that a smaller unit cannot be worked out)`;
  return step.reason === 'level_below_k'
    ? `${action}: this ${dimensionNames[step.dimension]} had fewer than k = ${k} responses in the wave`
    : `${action}: a unit × role group × tenure band combination of the wave had fewer than k = ${k} responses`;
}

function describeWaveRecodes(scope: ExportScope, plan: WavePlan): CsvCell[][] {
  const variables = { unit: 'unit', role: scope.instrument.demographics.roleGroup, tenure: scope.instrument.demographics.tenureBand ?? 'tenure' };
  const k = plan.wave.minGroupSize;
  const seen = new Set<string>();
  const rows = plan.steps.flatMap((step) => step.values.flatMap((value) => {
    const key = `${step.dimension}/${String(value)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const original = value === null ? '(not given)' : step.dimension === 'unit' ? (plan.unitNames.get(value) ?? value) : value;
    const reported = plan.values[step.dimension].get(value) ?? null;
    return [[plan.wave.name, variables[step.dimension], original, reported, describeStep(step, reported === null, k)]];
  }));
  const month = plan.values.isMonthReported ? [] : [[plan.wave.name, 'submission_month', '(every month)', null, `left empty: a month of the wave had fewer than k = ${k} responses`]];
  return [...rows, ...month];
}

/** The companion of the respondent-level file: every value reported otherwise than as itself, wave by wave, and why. */
export async function buildCoarseningNotes(db: Db, actor: Staff, scope: ExportScope, options: Pick<ExportOptions, 'isForExcel'>): Promise<ExportFile> {
  const plan = await planRespondentFile(db, scope, requireClosedWaves(scope));
  await audit(db, actor, scope, 'coarsening', plan.waves.map((entry) => entry.wave), options);
  const leftOut = plan.leftOut.map((wave) => [wave.name, 'wave', wave.name, null, `left out: the wave has fewer than k = ${wave.minGroupSize} responses`]);
  return {
    fileName: fileNameOf(scope.fileStem, 'coarsening'), contentType: csvType,
    body: (options.isForExcel ? excelMark : '') + formatCsv([['wave', 'variable', 'original_value', 'reported_value', 'reason'], ...leftOut, ...plan.waves.flatMap((wave) => describeWaveRecodes(scope, wave))], flavourOf(options)),
  };
}

/** Group × subscale statistics of every closed wave in scope: the dashboard's own figures. */
export async function buildAggregatedFile(db: Db, actor: Staff, scope: ExportScope, options: Pick<ExportOptions, 'isForExcel'>): Promise<ExportFile> {
  const waves = requireClosedWaves(scope);
  const rows: CsvCell[][] = [];
  for (const wave of waves) {
    const { figures, units, instrument } = await loadReleasedFigures(db, scope.organizationId, wave);
    rows.push(...buildAggregateRows({ waveName: wave.name, instrument, units, roles: roleValues(instrument), figures }));
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
