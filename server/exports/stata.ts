import type { CodebookRow } from '../instruments/codebook.js';
import { isNumericColumn, parseValueLabels } from './spss.js';

/**
 * A Stata do-file (Stata 14 or later, which reads UTF-8) that reads a respondent-level CSV and
 * applies its codebook: variable labels, and value labels on numbers. Generated from the same
 * codebook rows as the file's header, so it lists the file's columns in order.
 *
 * Reading: columns are read by position (varnames(nonames), from row 2) and renamed, so a header
 * that is not a valid Stata name cannot make Stata invent v1, v2 instead; every column is typed
 * (stringcols/numericcols), numbers as double so unrounded scores keep their digits. Stata puts
 * value labels on numbers only, so a coded text column (role group, tenure band, a choice) becomes
 * numbers 1, 2, … with the codebook's labels, in the codebook's order; a value the codebook does
 * not know stops the do-file (assert) instead of turning silently into missing.
 */
export type StataOptions = { dataFile: string; title: string; language: string };

const maxNameLength = 32;
const maxVariableLabel = 80;

// Names Stata keeps for itself (Stata User's Guide, 11.3 "Naming conventions").
const reservedNames = new Set(['_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_N', '_pi', 'pi',
  '_pred', '_rc', '_skip', 'strL', 'using', 'with']);

/** Variable names as Stata accepts them: a letter or _ first, then letters, digits or _, at most 32, none of its own words. */
export function stataName(variable: string): string {
  const cleaned = variable.replace(/[^A-Za-z0-9_]/g, '_');
  const name = (/^[A-Za-z_]/.test(cleaned) ? cleaned : `v_${cleaned}`).slice(0, maxNameLength);
  return reservedNames.has(name) || /^str\d+$/.test(name) ? `${name.slice(0, maxNameLength - 1)}_` : name;
}

/**
 * A string as Stata's compound double quotes `"…"', which may hold double quotes; a backslash
 * before ` and $ stops macro expansion, so a label is printed as written.
 */
export function stataString(text: string): string {
  // `"' inside would end the compound quotes early.
  return `\`"${text.replace(/[\r\n]+/g, ' ').replaceAll('"\'', '" \'').replace(/([`$])/g, '\\$1')}"'`;
}

/** Text for a * comment line: one line, without the characters that start a macro. */
function commentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[`$]/g, "'");
}

/** Cut at a character boundary (Stata 14 counts characters in labels). */
function shorten(text: string, maxCharacters: number): string {
  return Array.from(text).slice(0, maxCharacters).join('');
}

/** "1/3 5 7/8": column positions (1-based) as a Stata numlist. */
export function numlist(positions: readonly number[]): string {
  const parts: string[] = [];
  for (let index = 0; index < positions.length;) {
    let end = index;
    while (end + 1 < positions.length && positions[end + 1] === (positions[end] ?? 0) + 1) end += 1;
    parts.push(end > index ? `${positions[index] ?? 0}/${positions[end] ?? 0}` : String(positions[index] ?? 0));
    index = end + 1;
  }
  return parts.join(' ');
}

type Variable = { name: string; isNumeric: boolean; isCoded: boolean; label: string; valueLabels: Array<[string, string]> };

function describeVariable(row: CodebookRow, language: string): Variable {
  const labels = parseValueLabels(row.valueLabels[language] ?? '');
  const isNumeric = isNumericColumn(row, labels);
  return {
    name: stataName(row.variable),
    isNumeric,
    // Multiple choices ("a;b") and units stay text: their cells are not one labelled code.
    isCoded: !isNumeric && labels.length > 0 && (row.type === 'single choice' || row.type.startsWith('yes/no')),
    label: shorten(row.texts[language] ?? row.variable, maxVariableLabel),
    valueLabels: isNumeric ? labels.filter(([value]) => /^-?\d+(\.\d+)?$/.test(value)) : labels,
  };
}

/** The shared value label set of every variable with the same pairs, named labels_1, labels_2, … */
function nameLabelSets(variables: readonly Variable[]): { names: Map<string, string>; lines: string[] } {
  const names = new Map<string, string>();
  const lines: string[] = [];
  for (const variable of variables) {
    if (variable.valueLabels.length === 0) continue;
    const pairs = variable.valueLabels.map(([value, label], index) => [variable.isCoded ? String(index + 1) : value, label || value]);
    const key = JSON.stringify(pairs);
    if (names.has(key)) continue;
    names.set(key, `labels_${names.size + 1}`);
    lines.push(`label define labels_${names.size} ${pairs.map(([value, label]) => `${value} ${stataString(label ?? '')}`).join(' ')}`);
  }
  return { names, lines };
}

function labelSetOf(variable: Variable, names: ReadonlyMap<string, string>): string | undefined {
  return names.get(JSON.stringify(variable.valueLabels.map(([value, label], index) => [variable.isCoded ? String(index + 1) : value, label || value])));
}

/** Lines turning one coded text column into labelled numbers in its place. */
function encodeLines(variable: Variable, labelSet: string): string[] {
  const { name } = variable;
  return [
    `generate long _coded = .`,
    ...variable.valueLabels.map(([value], index) => `replace _coded = ${index + 1} if ${name} == ${stataString(value)}`),
    `assert !missing(_coded) if ${name} != ""`,
    `label values _coded ${labelSet}`,
    `order _coded, after(${name})`,
    `drop ${name}`,
    `rename _coded ${name}`,
  ];
}

/** The do-file's text (CRLF line ends, for Windows Stata). */
export function buildStataDo(columns: readonly CodebookRow[], options: StataOptions): string {
  const variables = columns.map((row) => describeVariable(row, options.language));
  const positions = (isNumeric: boolean): number[] => variables.flatMap((variable, index) => (variable.isNumeric === isNumeric ? [index + 1] : []));
  const typed = [
    ...(positions(false).length > 0 ? [`stringcols(${numlist(positions(false))})`] : []),
    ...(positions(true).length > 0 ? [`numericcols(${numlist(positions(true))})`] : []),
  ];
  const sets = nameLabelSets(variables);
  const lines = [
    '* Encoding: UTF-8 (Stata 14 or later).',
    `* PeerClimate respondent-level export: ${commentText(options.title)}.`,
    `* Reads ${commentText(options.dataFile)} (the file for statistics software, not the one for spreadsheets) from the working directory: cd there first.`,
    `import delimited using ${stataString(options.dataFile)}, clear varnames(nonames) rowrange(2) delimiters(",") bindquote(strict) encoding("utf-8") asdouble ${typed.join(' ')}`,
    `assert c(k) == ${variables.length}`,
    'rename ( ///',
    ...variables.map((_variable, index) => `  v${index + 1} ///`),
    ') ( ///',
    ...variables.map((variable) => `  ${variable.name} ///`),
    ')',
    ...sets.lines,
    ...variables.flatMap((variable) => {
      const labelSet = labelSetOf(variable, sets.names);
      if (!labelSet) return [];
      return variable.isCoded ? encodeLines(variable, labelSet) : [`label values ${variable.name} ${labelSet}`];
    }),
    ...variables.map((variable) => `label variable ${variable.name} ${stataString(variable.label)}`),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
