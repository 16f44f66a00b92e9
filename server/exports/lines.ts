import type { CodebookRow } from '../instruments/codebook.js';
import { type Instrument, scoreVariable } from '../instruments/definition.js';
import { buildExportCodebook, codeAnswer, contextVariables, type ReportedValues, selectColumns, unexpected } from './columns.js';
import { type CsvFlavour, formatCsvCell } from './csv.js';

/**
 * The fast path of the respondent-level file. Reading ~40 values out of every stored answer
 * object costs more than anything else in an export, so the database writes the columns that
 * hold only numbers (ratings, yes/no, scores) itself: each run of such neighbouring columns
 * arrives as one text of cells joined by commas, empty where there is no value, and the runs of
 * a response as one text joined by '|'. Everything that
 * is text (unit, role group, tenure band, choices, comments) still goes through csv.ts here.
 */
export type RenderedCell = { source: 'answers' | 'scores'; key: string; kind: 'number' | 'boolean' };

/** What the export query must return for each response, in column order. */
export type LineFields = {
  /** The question holding the tenure band, read as text when it is a string or number; null: none. */
  tenureKey: string | null;
  /** Each run of number and yes/no columns, written by the database. */
  runs: RenderedCell[][];
  /** Answers coded here (choices and free text) as stored values; comments may be hidden by a manager. */
  coded: Array<{ key: string; isComment: boolean }>;
};

/** One response as the export query returns it. */
export type RenderedResponse = {
  instrumentVersionId: string;
  unitId: string;
  roleGroup: string | null;
  tenure: string | null;
  submissionMonth: string;
  /** The runs, each cells joined by ',', joined by '|'. */
  runs: string;
  coded: readonly unknown[];
  /**
   * Whether the database found every number column of the response of its JSON type when it
   * stored the line (closed_wave_export_lines); null when it did not check, and the runs' text
   * is checked here instead.
   */
  isWellTyped: boolean | null;
};

const numberCell = '-?\\d+(?:\\.\\d+)?';
const booleanCell = 'true|false';

/**
 * A run is written only when every cell is empty or of its column's kind (a JSON number as
 * PostgreSQL writes it, or true/false); the fixed number of commas also catches a value that
 * holds one. Anything else (a string, an object) fails, and the caller names the variable.
 */
function runPattern(kinds: ReadonlyArray<'number' | 'boolean'>): RegExp {
  return new RegExp(`^${kinds.map((kind) => `(?:${kind === 'number' ? numberCell : booleanCell})?`).join(',')}$`);
}

type Writer = (response: RenderedResponse, waveCell: string, runs: readonly string[]) => string | null;

function reportedCell(map: ReadonlyMap<string | null, string | null>, variable: string, flavour: CsvFlavour): (value: string | null) => string {
  const cells = new Map([...map].map(([value, reported]) => [value, formatCsvCell(reported, flavour)]));
  return (value) => {
    const cell = cells.get(value);
    if (cell === undefined) throw unexpected(variable);
    return cell;
  };
}

function contextWriter(instrument: Instrument, variable: string, values: ReportedValues, versions: ReadonlyMap<string, number>, flavour: CsvFlavour): Writer | undefined {
  const { roleGroup, tenureBand } = instrument.demographics;
  if (variable === contextVariables.wave) return (_response, waveCell) => waveCell;
  if (variable === contextVariables.instrumentVersion) return (response) => formatCsvCell(versions.get(response.instrumentVersionId));
  if (variable === contextVariables.submissionMonth) return (response) => formatCsvCell(values.isMonthReported ? response.submissionMonth : null);
  if (variable === contextVariables.unit) {
    const unitCell = reportedCell(values.unit, variable, flavour);
    return (response) => unitCell(response.unitId);
  }
  if (variable === roleGroup) {
    const roleCell = reportedCell(values.role, variable, flavour);
    return (response) => roleCell(response.roleGroup);
  }
  if (variable === tenureBand) {
    const tenureCell = reportedCell(values.tenure, variable, flavour);
    return (response) => tenureCell(response.tenure);
  }
  return undefined;
}

/**
 * Plans the lines of one file: which values the query returns (`fields`), and `write`, which
 * turns one returned response into its CSV line (CRLF included). `write` returns null when a
 * run of number columns holds a value of another type (read the response again with planCells
 * to name it), and throws, naming the variable, for a unit, role group or tenure band that the
 * coarsening did not see. Its lines equal formatCsvRow(planCells(...), flavour) of the same response.
 */
export function planLines(
  instrument: Instrument, columns: readonly CodebookRow[], values: ReportedValues, versions: ReadonlyMap<string, number>, flavour: CsvFlavour = 'spreadsheet',
): { fields: LineFields; write(response: RenderedResponse, waveCell: string): string | null } {
  const fields: LineFields = { tenureKey: instrument.demographics.tenureBand ?? null, runs: [], coded: [] };
  const writers: Writer[] = [];
  let runKinds: Array<'number' | 'boolean'> = [];
  const closeRun = (): void => {
    if (runKinds.length === 0) return;
    const index = fields.runs.length - 1;
    const pattern = runPattern(runKinds);
    writers.push((response, _waveCell, runs) => {
      const run = runs[index] ?? '';
      return response.isWellTyped === true || pattern.test(run) ? run : null;
    });
    runKinds = [];
  };
  const addToRun = (cell: RenderedCell): void => {
    if (runKinds.length === 0) fields.runs.push([]);
    fields.runs[fields.runs.length - 1]?.push(cell);
    runKinds.push(cell.kind);
  };
  for (const row of columns) {
    const context = contextWriter(instrument, row.variable, values, versions, flavour);
    const spec = instrument.questions.find((question) => question.name === row.variable);
    const subscale = instrument.subscales.find((candidate) => scoreVariable(candidate.key) === row.variable);
    if (subscale) addToRun({ source: 'scores', key: subscale.key, kind: 'number' });
    else if (!context && (spec?.kind === 'rating' || spec?.kind === 'boolean')) addToRun({ source: 'answers', key: spec.name, kind: spec.kind === 'rating' ? 'number' : 'boolean' });
    else {
      closeRun();
      if (context) writers.push(context);
      else if (spec) {
        const index = fields.coded.push({ key: spec.name, isComment: instrument.comments.includes(spec.name) }) - 1;
        writers.push((response) => formatCsvCell(codeAnswer(spec, response.coded[index]), flavour));
      } else throw new Error(`codebook variable ${row.variable} is neither context, question nor score`);
    }
  }
  closeRun();
  // One array for every line: joined, it makes the line as one flat string, where appending cell after
  // cell made a chain of short-lived strings per line that the young generation had to collect.
  const cells: string[] = new Array<string>(writers.length).fill('');
  return {
    fields,
    write(response, waveCell) {
      if (response.isWellTyped === false) return null;
      // A '|' inside a stored value adds a run, so the count also catches it.
      const runs = response.runs.split('|');
      if (runs.length !== Math.max(1, fields.runs.length)) return null;
      for (let index = 0; index < writers.length; index += 1) {
        const cell = writers[index]?.(response, waveCell, runs) ?? null;
        if (cell === null) return null;
        cells[index] = cell;
      }
      return `${cells.join(',')}\r\n`;
    },
  };
}

/** The lines of a file without comments: what is stored at a wave's close, and the key that says so. */
export function storedLayout(instrument: Instrument): { key: string; fields: LineFields } {
  const columns = selectColumns(buildExportCodebook(instrument, []), false);
  const { fields } = planLines(instrument, columns, { unit: new Map(), role: new Map(), tenure: new Map(), isMonthReported: true }, new Map());
  return { key: JSON.stringify(fields), fields };
}
