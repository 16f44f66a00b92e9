import type { CodebookRow } from '../instruments/codebook.js';

/**
 * SPSS (and PSPP) syntax that reads a respondent-level CSV and applies its codebook: variable
 * labels, value labels and missing values. Generated from the same codebook rows as the file's
 * header, so the variables are listed in the file's column order.
 *
 * Reading: UTF-8, comma-delimited, double-quote qualified, first case on line 2. Text columns get
 * 4 bytes per character (UTF-8's widest); numbers are read as F (empty cells become system
 * missing). Empty text cells (not given, or blanked for anonymity) are declared missing.
 * PSPP converts text to its locale's encoding whatever /ENCODING says, so under LANG=C accents
 * become "?"; SET LOCALE='UTF-8' fixes that in PSPP, but SPSS takes only locale names there, so the
 * header says it instead of running it.
 */
export type SpssOptions = { dataFile: string; title: string; language: string };

const maxLabelBytes = 120;
const maxStringWidth = 32767;

function quote(text: string): string {
  return `'${text.replaceAll("'", "''").replace(/[\r\n]+/g, ' ')}'`;
}

/** Labels longer than SPSS keeps are cut at a character boundary, never mid-character. */
function shorten(text: string, maxBytes: number): string {
  let result = '';
  for (const char of text) {
    if (Buffer.byteLength(result + char) > maxBytes) break;
    result += char;
  }
  return result;
}

/** Variable names as SPSS accepts them: a letter first, then letters, digits or _ (others become _). */
export function spssName(variable: string): string {
  const cleaned = variable.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(cleaned) ? cleaned.slice(0, 64) : `v_${cleaned}`.slice(0, 64);
}

/** "value=label; value=label" (the codebook's value_labels) as pairs; a label may itself hold "=". */
export function parseValueLabels(text: string): Array<[string, string]> {
  if (text === '') return [];
  return text.split('; ').map((pair): [string, string] => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
  });
}

/** Whether a column holds numbers: ratings, whole numbers, scores, and choices whose codes are all numbers. */
export function isNumericColumn(row: CodebookRow, labels: ReadonlyArray<[string, string]>): boolean {
  if (row.role === 'score' || row.type.startsWith('rating') || row.type === 'whole number') return true;
  return row.type === 'single choice' && labels.length > 0 && labels.every(([value]) => /^-?\d+(\.\d+)?$/.test(value));
}

/** Widest text a column can hold, in bytes. */
function stringWidth(row: CodebookRow, labels: ReadonlyArray<[string, string]>): number {
  const characters = /at most (\d+) characters/.exec(row.type)?.[1];
  if (characters) return Math.min(maxStringWidth, 4 * Number(characters));
  if (row.type.startsWith('month')) return 7;
  if (row.type === 'single choice' || row.type.startsWith('yes/no')) return Math.max(8, ...labels.map(([value]) => Buffer.byteLength(value)));
  if (row.type.startsWith('multiple choice')) return Math.min(maxStringWidth, Math.max(8, labels.reduce((sum, [value]) => sum + Buffer.byteLength(value) + 1, 0)));
  return 800;
}

type Variable = { name: string; isNumeric: boolean; format: string; label: string; valueLabels: Array<[string, string]> };

function describeVariable(row: CodebookRow, language: string): Variable {
  const valueLabels = parseValueLabels(row.valueLabels[language] ?? '');
  const numeric = isNumericColumn(row, valueLabels);
  return {
    name: spssName(row.variable),
    isNumeric: numeric,
    format: numeric ? (row.role === 'score' ? 'F8.4' : 'F8.0') : `A${stringWidth(row, valueLabels)}`,
    label: shorten(row.texts[language] ?? row.variable, 255),
    valueLabels: numeric ? valueLabels.filter(([value]) => /^-?\d+(\.\d+)?$/.test(value)) : valueLabels,
  };
}

/** The syntax file's text (CRLF line ends, for Windows SPSS). */
export function buildSpssSyntax(columns: readonly CodebookRow[], options: SpssOptions): string {
  const variables = columns.map((row) => describeVariable(row, options.language));
  const withLabels = variables.filter((variable) => variable.valueLabels.length > 0);
  const strings = variables.filter((variable) => !variable.isNumeric);
  const lines = [
    '* Encoding: UTF-8.',
    `* PeerClimate respondent-level export: ${options.title.replace(/[\r\n]+/g, ' ')}.`,
    `* Reads ${options.dataFile} (the file for statistics software, not the one for spreadsheets) from the current folder: put its full path in FILE if needed.`,
    "* PSPP outside a UTF-8 locale (such as LANG=C) turns accented letters into ?: run it as LC_ALL=C.UTF-8 pspp, or run SET LOCALE='UTF-8'. before this file.",
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${quote(options.dataFile)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...variables.map((variable) => `    ${variable.name} ${variable.format}`),
    '.',
    'VARIABLE LABELS',
    ...variables.map((variable, index) => `  ${index === 0 ? '' : '/'}${variable.name} ${quote(variable.label)}`),
    '.',
    ...(withLabels.length === 0 ? [] : [
      'VALUE LABELS',
      ...withLabels.map((variable, index) => `  ${index === 0 ? '' : '/'}${variable.name} ${variable.valueLabels
        .map(([value, label]) => `${variable.isNumeric ? value : quote(value)} ${quote(shorten(label || value, maxLabelBytes))}`).join(' ')}`),
      '.',
    ]),
    ...strings.map((variable) => `MISSING VALUES ${variable.name} ('').`),
    'EXECUTE.',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
