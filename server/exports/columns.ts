import { buildCodebook, type CodebookRow } from '../instruments/codebook.js';
import { type Instrument, type QuestionSpec, scoreVariable } from '../instruments/definition.js';
import type { Dimension, Mappings } from './coarsen.js';
import type { CsvCell } from './csv.js';

/**
 * The respondent-level file's columns and its data dictionary, which always agree: the header
 * is the `variable` of each codebook row, in order. Context first (wave, instrument version,
 * unit, role group, tenure band, month), then the instrument's questions in survey order, then
 * subscale scores. Free-text comments are columns only when asked for and allowed.
 */
export type ExportCodebook = { rows: CodebookRow[]; mergedLabels: Record<Dimension, string> };

export const contextVariables = { wave: 'wave', instrumentVersion: 'instrument_version', unit: 'unit', submissionMonth: 'submission_month' };

const mergedNote: Record<string, string> = {
  en: 'merged for anonymity: see the coarsening file',
  es: 'agrupado por anonimato: vea el archivo de agrupación',
};

/** "other", unless that is already a real value (a unit or a choice called "other"): then "other_2", … */
export function chooseMergedLabel(values: ReadonlyArray<string | number>): string {
  const taken = new Set(values.map(String));
  let label = 'other';
  for (let suffix = 2; taken.has(label); suffix += 1) label = `other_${suffix}`;
  return label;
}

function contextRow(instrument: Instrument, variable: string, role: CodebookRow['role'], type: string, texts: Record<string, string>, labels: Record<string, string> = {}): CodebookRow {
  const inEach = (values: Record<string, string>): Record<string, string> =>
    Object.fromEntries(instrument.languages.map((language) => [language, values[language] ?? values.en ?? '']));
  return { variable, role, texts: inEach(texts), type, valueLabels: inEach(labels), isReverseCoded: false, subscale: '', construct: '', scoringRule: '' };
}

function withMergedLabel(row: CodebookRow, label: string): CodebookRow {
  const valueLabels = Object.fromEntries(Object.entries(row.valueLabels).map(([language, labels]) =>
    [language, `${labels}; ${label}=${mergedNote[language] ?? mergedNote.en ?? ''}`]));
  return { ...row, valueLabels };
}

function choiceValues(instrument: Instrument, name: string | undefined): Array<string | number> {
  const spec = instrument.questions.find((question) => question.name === name);
  return spec && (spec.kind === 'single_choice' || spec.kind === 'multiple_choice') ? spec.values : [];
}

/** The codebook of a respondent-level file of this instrument in an organization with these units. */
export function buildExportCodebook(instrument: Instrument, unitNames: readonly string[]): ExportCodebook {
  const { roleGroup, tenureBand } = instrument.demographics;
  const mergedLabels = {
    unit: chooseMergedLabel(unitNames),
    role: chooseMergedLabel(choiceValues(instrument, roleGroup)),
    tenure: chooseMergedLabel(choiceValues(instrument, tenureBand)),
  };
  const instrumentRows = buildCodebook(instrument);
  const demographic = (name: string | undefined, label: string): CodebookRow[] => {
    const row = instrumentRows.find((candidate) => candidate.variable === name);
    return row ? [withMergedLabel(row, label)] : [];
  };
  const rows = [
    contextRow(instrument, contextVariables.wave, 'context', 'text', { en: 'Survey wave (its name)', es: 'Ola de la encuesta (su nombre)' }),
    contextRow(instrument, contextVariables.instrumentVersion, 'context', 'whole number',
      { en: 'Version of the instrument answered (same questions in every version of one file)', es: 'Versión del instrumento respondida' }),
    contextRow(instrument, contextVariables.unit, 'demographic', 'text',
      { en: 'Unit (site or team) of the survey link', es: 'Unidad (sitio o equipo) del enlace de la encuesta' },
      { en: `${mergedLabels.unit}=${mergedNote.en ?? ''}`, es: `${mergedLabels.unit}=${mergedNote.es ?? ''}` }),
    ...demographic(roleGroup, mergedLabels.role),
    ...demographic(tenureBand, mergedLabels.tenure),
    contextRow(instrument, contextVariables.submissionMonth, 'context', 'month (YYYY-MM)',
      { en: 'Month of submission; the day is never exported, and the month is left empty for a wave with a month of fewer than k responses', es: 'Mes de envío; el día nunca se exporta, y el mes queda vacío si algún mes de la ola tiene menos de k respuestas' }),
    ...instrumentRows.filter((row) => row.variable !== roleGroup && row.variable !== tenureBand),
  ];
  return { rows, mergedLabels };
}

/** The columns of one file: every codebook row, free-text comments only when included. */
export function selectColumns(codebook: ExportCodebook, includeComments: boolean): CodebookRow[] {
  return codebook.rows.filter((row) => includeComments || row.role !== 'comment');
}

/**
 * One stored response as the export query reads it: `answers` holds the answer to each of the
 * instrument's questions and `scores` each subscale's score, in the instrument's order (null or
 * undefined where there is none).
 */
export type StoredResponse = {
  waveName: string;
  instrumentVersion: number;
  unitId: string;
  roleGroup: string | null;
  submissionMonth: string;
  answers: readonly unknown[];
  scores: readonly unknown[];
};

/**
 * Reported value of each original unit id, role group and tenure band (null = empty cell), and
 * whether the month of submission is reported (it is left empty unless every month holds k).
 */
export type ReportedValues = Record<Dimension, ReadonlyMap<string | null, string | null>> & { isMonthReported: boolean };

/** Turns the coarsening's decisions into cell values: kept values as themselves, merged ones as the merged label. */
export function reportValues(mappings: Mappings, mergedLabels: Record<Dimension, string>, unitNames: ReadonlyMap<string, string>, isMonthReported: boolean): ReportedValues {
  const report = (dimension: Dimension, name: (value: string) => string): ReadonlyMap<string | null, string | null> =>
    new Map([...mappings[dimension]].map(([value, reported]) => {
      if (reported === 'other') return [value, mergedLabels[dimension]];
      return [value, reported === 'blank' || value === null ? null : name(value)];
    }));
  return { unit: report('unit', (id) => unitNames.get(id) ?? id), role: report('role', String), tenure: report('tenure', String), isMonthReported };
}

/** Reads a stored response's tenure band as the counts group it (its answer as text, or null); built once per file. */
export function readTenure(instrument: Instrument): (answers: readonly unknown[]) => string | null {
  const index = instrument.questions.findIndex((question) => question.name === instrument.demographics.tenureBand);
  return (answers) => {
    const answer = index < 0 ? undefined : answers[index];
    return typeof answer === 'string' || typeof answer === 'number' ? String(answer) : null;
  };
}

export function unexpected(variable: string): Error {
  // Names the variable only: a stored answer never goes to a log.
  return new Error(`stored response holds an unexpected value for ${variable}`);
}

export function codeAnswer(spec: QuestionSpec, answer: unknown): CsvCell {
  if (answer === undefined || answer === null) return null;
  const isExpected = {
    rating: typeof answer === 'number',
    single_choice: typeof answer === 'string' || typeof answer === 'number',
    multiple_choice: Array.isArray(answer),
    boolean: typeof answer === 'boolean',
    text: typeof answer === 'string',
  }[spec.kind];
  if (!isExpected) throw unexpected(spec.name);
  // Several choices in one cell, separated by semicolons (the codebook says "list of values").
  if (Array.isArray(answer)) return answer.map(String).join(';');
  // SPSS reads one case per line even inside quotes, so a line break in a comment becomes " / ".
  return typeof answer === 'string' ? answer.replace(/\r\n|\r|\n/g, ' / ') : (answer as number | boolean);
}

function reported(map: ReadonlyMap<string | null, string | null>, value: string | null, variable: string): string | null {
  const cell = map.get(value);
  if (cell === undefined) throw unexpected(variable);
  return cell;
}

type Cell = (response: StoredResponse) => CsvCell;

function cellFor(instrument: Instrument, row: CodebookRow, values: ReportedValues): Cell {
  const { roleGroup, tenureBand } = instrument.demographics;
  const scoreIndex = instrument.subscales.findIndex((candidate) => scoreVariable(candidate.key) === row.variable);
  const questionIndex = instrument.questions.findIndex((question) => question.name === row.variable);
  const spec = instrument.questions[questionIndex];
  if (row.variable === contextVariables.wave) return (response) => response.waveName;
  if (row.variable === contextVariables.instrumentVersion) return (response) => response.instrumentVersion;
  if (row.variable === contextVariables.submissionMonth) return (response) => (values.isMonthReported ? response.submissionMonth : null);
  if (row.variable === contextVariables.unit) return (response) => reported(values.unit, response.unitId, row.variable);
  if (row.variable === roleGroup) return (response) => reported(values.role, response.roleGroup, row.variable);
  if (row.variable === tenureBand) {
    const tenureOf = readTenure(instrument);
    return (response) => reported(values.tenure, tenureOf(response.answers), row.variable);
  }
  if (scoreIndex >= 0) {
    return (response) => {
      const score = response.scores[scoreIndex] ?? null;
      if (score !== null && typeof score !== 'number') throw unexpected(row.variable);
      return score;
    };
  }
  if (!spec) throw new Error(`codebook variable ${row.variable} is neither context, question nor score`);
  return (response) => codeAnswer(spec, response.answers[questionIndex]);
}

/**
 * One function per column, built once per file, that turns a stored response into its cells.
 * Throws (naming the variable, never the value) when a stored value has an unexpected type or
 * a unit, role group or tenure band the coarsening did not see: a file must not go out wrong.
 */
export function planCells(instrument: Instrument, columns: readonly CodebookRow[], values: ReportedValues): (response: StoredResponse) => CsvCell[] {
  const cells = columns.map((row) => cellFor(instrument, row, values));
  return (response) => cells.map((cell) => cell(response));
}

/**
 * What must match for waves to share one respondent-level file: every question's name and kind
 * and every subscale (versions that only reword a question or a label match).
 */
export function instrumentSignature(instrument: Instrument): string {
  return JSON.stringify([instrument.questions.map((question) => [question.name, question.kind]), instrument.subscales.map((subscale) => subscale.key)]);
}
