/**
 * RFC 4180 CSV, shared by every download: fields holding a comma, quote, CR or LF are quoted
 * with inner quotes doubled, and lines end in CRLF. Numbers and booleans are written as they
 * are, so a negative number stays a number.
 *
 * Two flavours. 'spreadsheet' (the default): text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR) gets a leading single quote, so an answer typed by a
 * respondent can never execute in a manager's spreadsheet (OWASP "CSV injection").
 * 'statistics': text exactly as typed, for R, SPSS, Stata or Python, which run no formulas and
 * would read the quote as data (it touched about half of the comments in a real wave).
 */
export type CsvCell = string | number | boolean | null | undefined;
export type CsvFlavour = 'spreadsheet' | 'statistics';

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export function formatCsvCell(cell: CsvCell, flavour: CsvFlavour = 'spreadsheet'): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = flavour === 'spreadsheet' && formulaStart.test(cell) ? `'${cell}` : cell;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF included, so a stream can write rows one at a time. */
export function formatCsvRow(cells: readonly CsvCell[], flavour: CsvFlavour = 'spreadsheet'): string {
  return `${cells.map((cell) => formatCsvCell(cell, flavour)).join(',')}\r\n`;
}

export function formatCsv(rows: ReadonlyArray<readonly CsvCell[]>, flavour: CsvFlavour = 'spreadsheet'): string {
  return rows.map((row) => formatCsvRow(row, flavour)).join('');
}
