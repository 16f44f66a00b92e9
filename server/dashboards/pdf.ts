import PDFDocument from 'pdfkit';
import { fileStemOf } from '../exports/files.js';
import { drawFavorableBars, drawTrendLines } from './pdf-charts.js';
import { type DashboardReport, suppressedLabel } from './present.js';

/** What the report names beside the wave: who it is for and when it was made (ISO date). */
export type ReportContext = { organizationName: string; generatedOn: string };

type Doc = PDFKit.PDFDocument;
type Results = NonNullable<DashboardReport['results']>;

const margin = 50;
const footerHeight = 30;
const colours = { text: '#1a1a1a', muted: '#555555', suppressed: '#6b6b6b', header: '#e8eef5', rule: '#b0b0b0' };

// Code points above Latin-1 that the standard fonts' WinAnsi encoding holds (PDF 1.7, annex D.2).
const winAnsiExtras = new Set('ŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™');
// Letters that Unicode does not decompose into a base letter and a mark.
const plainLetters: Record<string, string> = { 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'ı': 'i', 'Ħ': 'H', 'ħ': 'h', '−': '-', '≤': '<=', '≥': '>=' };

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || char === '\n' || winAnsiExtras.has(char);
}

/**
 * Text the PDF's standard fonts can print. They encode WinAnsi only (Western European letters,
 * Spanish included); any other character becomes its unaccented letter where Unicode decomposes
 * it (ő -> o) or a known plain letter (ł -> l), and "?" otherwise, rather than a wrong glyph.
 */
export function toStandardFontText(text: string): string {
  return Array.from(text, (char) => {
    if (isWinAnsi(char)) return char;
    const plain = plainLetters[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '');
    return plain !== '' && Array.from(plain).every(isWinAnsi) ? plain : '?';
  }).join('');
}

function write(doc: Doc, text: string, options: { size?: number; bold?: boolean; colour?: string; gap?: number } = {}): void {
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.size ?? 10).fillColor(options.colour ?? colours.text);
  doc.text(toStandardFontText(text), margin, doc.y, { width: doc.page.width - 2 * margin });
  doc.moveDown(options.gap ?? 0.3);
}

/** A section title, moved to the next page when too little room is left for anything under it. */
function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
  doc.moveDown(0.6);
  write(doc, text, { size: 13, bold: true, gap: 0.4 });
}

type Shade = { background: string; text: string } | null;

/**
 * A table with a header row; a "Suppressed" cell is greyed so a reader sees a hidden figure at
 * once; `shadeOf` gives a body cell its heatmap colours (the page's, from heat-colour.ts).
 */
function table(doc: Doc, header: string[], rows: string[][], options: { size?: number; firstColumn?: number; shadeOf?: (row: number, column: number) => Shade } = {}): void {
  const size = options.size ?? 9;
  const cell = (text: string, isHeader: boolean, shade: Shade = null): PDFKit.Mixins.CellOptions => ({
    text: toStandardFontText(text),
    type: isHeader ? 'TH' : 'TD',
    font: { src: isHeader ? 'Helvetica-Bold' : 'Helvetica', size },
    textColor: shade ? shade.text : text === suppressedLabel ? colours.suppressed : colours.text,
    ...(isHeader ? { backgroundColor: colours.header } : shade ? { backgroundColor: shade.background } : {}),
  });
  doc.table({
    position: { x: margin },
    maxWidth: doc.page.width - 2 * margin,
    columnStyles: (column) => (column === 0 ? { width: options.firstColumn ?? '*' } : { width: '*' }),
    defaultStyle: { border: 0.5, borderColor: colours.rule, padding: 3 },
    data: [header.map((text) => cell(text, true)), ...rows.map((row, rowIndex) => row.map((text, column) => cell(text, false, options.shadeOf?.(rowIndex, column) ?? null)))],
  });
  doc.moveDown(0.5);
}

function writeTitle(doc: Doc, report: DashboardReport, context: ReportContext): void {
  const { wave } = report;
  write(doc, context.organizationName, { colour: colours.muted });
  write(doc, `${wave.name}: climate dashboard`, { size: 20, bold: true, gap: 0.2 });
  write(doc, `${wave.instrumentTitle} · ${wave.isClosed ? 'closed' : 'still open'} · report made on ${context.generatedOn}`, { colour: colours.muted });
  write(doc, `To protect anonymity, results are shown only for groups of ${wave.k} or more, and comments only for groups of ${wave.commentThreshold} or more. `
    + `Every figure that is hidden reads "${suppressedLabel}"; a second group may be hidden with a small one, so that no total gives it away.`, { gap: 0.6 });
}

function writeParticipation(doc: Doc, report: DashboardReport): void {
  heading(doc, 'Participation');
  write(doc, `Showing: ${report.headline.label}. Responses: ${report.headline.count}.`);
  table(doc, ['Unit', 'Responses', 'Response rate'], report.participation.map((unit) => [unit.label, unit.responses, unit.rate]), { firstColumn: 220 });
}

function writeAreas(doc: Doc, report: DashboardReport, results: Results): void {
  const label = report.headline.label.toLowerCase() === 'whole wave' ? 'the wave' : report.headline.label;
  heading(doc, `How ${label} rates each area`);
  write(doc, `Mean from 1 to 5 (higher is better), n and SD over respondents. ${report.favorableDefinition}`, { size: 9, colour: colours.muted });
  drawFavorableBars(doc, results.constructs, toStandardFontText);
  table(doc, ['Area', 'n', 'Mean', 'SD', '% favorable'], results.constructs.map((row) => [row.title, row.n, row.mean.text, row.sd, row.favorable]), { firstColumn: 220 });
  if (results.actions.length === 0) return;
  heading(doc, 'What to do next');
  write(doc, 'The one to three areas to act on first: those below 60% favorable, lowest first (when none is, the lowest area).', { size: 9, colour: colours.muted });
  for (const entry of results.actions) {
    write(doc, `${String(entry.rank)}. ${entry.title}`, { bold: true, gap: 0.1 });
    write(doc, `Why: ${entry.reason}.`, { gap: 0.1 });
    for (const action of entry.actions) write(doc, `•  ${action}`, { gap: 0.1 });
    doc.moveDown(0.3);
  }
}

function writeBreakdown(doc: Doc, results: Results): void {
  const of = results.breakdownOf === 'unit' ? 'Unit' : 'Role group';
  heading(doc, `Mean score by ${of.toLowerCase()} and area`);
  write(doc, 'Darker is better: the shade follows the printed mean on one continuous scale, as on the page.', { size: 9, colour: colours.muted });
  const rows = results.groups.map((group, index) => [group.label, ...results.constructs.map((row) => row.breakdown[index]?.text ?? '')]);
  const shadeOf = (row: number, column: number): Shade => (column === 0 ? null : results.constructs[column - 1]?.breakdown[row]?.shade ?? null);
  table(doc, [of, ...results.constructs.map((row) => row.title)], rows, { size: 8, firstColumn: 110, shadeOf });
  heading(doc, 'Items, lowest first');
  write(doc, 'Each item after reverse coding; (R) marks a reverse-worded item.', { size: 9, colour: colours.muted });
  drawFavorableBars(doc, results.items.map((item) => ({ title: `${item.text}${item.isReversed ? ' (R)' : ''}`, favorable: item.favorable })), toStandardFontText, 11);
  table(doc, ['Item', 'Mean', '% favorable'], results.items.map((item) => [`${item.text}${item.isReversed ? ' (R)' : ''}`, item.mean, item.favorable]), { size: 8, firstColumn: 330 });
}

function writeTrend(doc: Doc, report: DashboardReport, results: Results): void {
  heading(doc, 'Trend across the closed waves of this survey');
  if (results.trend.waves.length < 2) {
    write(doc, 'A trend appears once a second wave of this survey has closed.', { colour: colours.muted });
    return;
  }
  write(doc, `Mean (1 to 5) by area in each closed wave, oldest first, for ${report.headline.label}; a wave that hides the group has no point.`, { size: 9, colour: colours.muted });
  drawTrendLines(doc, results, toStandardFontText);
  table(doc, ['Area', ...results.trend.waves.map((wave) => wave.name)], results.trend.rows.map((row) => [row.title, ...row.means]), { size: 8, firstColumn: 150 });
}

function writeComparisons(doc: Doc, results: Results): void {
  heading(doc, 'Change since the previous wave');
  if (results.change.previousWave) {
    write(doc, `Compared with ${results.change.previousWave}; shown only where both waves pass the minimum group size.`, { size: 9, colour: colours.muted });
    table(doc, ['Area', 'Mean change', '% favorable change', 'Direction'], results.change.rows.map((row) => [row.title, row.mean, row.favorable, row.direction]), { firstColumn: 180 });
  } else write(doc, 'No earlier closed wave of this survey.', { colour: colours.muted });
  heading(doc, 'Perception gap: peer staff and supervisors / clinical staff');
  if (results.gap.companionWave && results.gap.rows.length > 0) {
    write(doc, `Means on the parallel areas, with ${results.gap.companionWave} (a positive gap: peer staff rate it higher).`, { size: 9, colour: colours.muted });
    table(doc, ['Area', 'Peer staff', 'Supervisors and clinical staff', 'Gap'], results.gap.rows.map((row) => [row.title, row.peer, row.staff, row.difference]), { firstColumn: 180 });
  } else write(doc, 'No closed wave of the other audience to compare with.', { colour: colours.muted });
  heading(doc, `What goes with ${results.drivers.outcome ? 'the outcome question' : 'the outcome'}`);
  if (results.drivers.ranking.length > 0) {
    write(doc, `Areas ranked by their correlation (r) with "${results.drivers.outcomeText ?? ''}".`, { size: 9, colour: colours.muted });
    table(doc, ['Area', 'r'], results.drivers.ranking.map((row) => [row.title, row.r]), { firstColumn: 300 });
  } else write(doc, `Shown when at least ${results.drivers.minimum} responses support it.`, { colour: colours.muted });
}

function writeComments(doc: Doc, report: DashboardReport, results: Results): void {
  heading(doc, 'Comments');
  if (!results.comments.isShown) {
    write(doc, results.comments.reason, { colour: colours.muted });
    return;
  }
  const narrowed = results.comments.matches ? `; ${results.comments.matches} match this search or theme` : '';
  write(doc, `In random order, dated by the wave (${report.wave.name})${results.comments.isSample ? '; a random sample' : ''}${narrowed}.`, { size: 9, colour: colours.muted });
  for (const comment of results.comments.items) write(doc, `“${comment.text}”`, { gap: 0.5 });
}

/** Page numbers and the disclosure rule at the foot of every page, written once all pages exist. */
function writeFooters(doc: Doc, report: DashboardReport): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = 0; index < count; index += 1) {
    doc.switchToPage(start + index);
    // Writing below the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(colours.muted).text(
      toStandardFontText(`${report.wave.name} · page ${index + 1} of ${count} · figures for groups of fewer than ${report.wave.k} respondents are suppressed`),
      margin, doc.page.height - bottom + footerHeight / 3, { width: doc.page.width - 2 * margin, align: 'center', lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }
}

/** The download's name: the wave's name in safe file-name letters. */
export function dashboardPdfFileName(waveName: string): string {
  return `${fileStemOf(waveName)}-dashboard.pdf`;
}

/**
 * The dashboard as a PDF for a board: the same formatted report the page prints, so every figure
 * the disclosure module hid reads "Suppressed" here too. Resolves to the whole file.
 */
export function renderDashboardPdf(report: DashboardReport, context: ReportContext): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', bufferPages: true, lang: 'en', displayTitle: true,
    margins: { top: margin, left: margin, right: margin, bottom: margin + footerHeight },
    info: { Title: `${report.wave.name}: climate dashboard`, Creator: 'PeerClimate' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  writeTitle(doc, report, context);
  writeParticipation(doc, report);
  if (report.resultsMessage) write(doc, report.resultsMessage, { bold: true, gap: 0.6 });
  const results = report.results;
  if (results) {
    writeAreas(doc, report, results);
    writeBreakdown(doc, results);
    writeTrend(doc, report, results);
    writeComparisons(doc, results);
    writeComments(doc, report, results);
  }
  writeFooters(doc, report);
  doc.end();
  return done;
}
