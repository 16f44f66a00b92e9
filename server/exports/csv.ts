/**
 * RFC 4180 CSV, shared by every download: fields holding a comma, quote, CR or LF are quoted
 * with inner quotes doubled, and lines end in CRLF. Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR) gets a leading single quote, so an answer
 * typed by a respondent can never execute in a manager's spreadsheet (OWASP "CSV injection").
 * Numbers and booleans are written as they are, so a negative number stays a number.
 */
export type CsvCell = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export function formatCsvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF included, so a stream can write rows one at a time. */
export function formatCsvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(formatCsvCell).join(',')}\r\n`;
}

export function formatCsv(rows: ReadonlyArray<readonly CsvCell[]>): string {
  return rows.map(formatCsvRow).join('');
}
