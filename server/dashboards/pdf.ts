import type { StaffLanguage } from '../i18n/languages.js';
import type { Translate } from '../i18n/translate.js';
import { fileStemOf } from '../exports/files.js';
import { drawFavorableBars, drawTrendLines } from './pdf-charts.js';
import type { DashboardReport } from './present.js';

/**
 * What the report names beside the wave: who it is for and when it was made (ISO date); its words
 * are in the `language` of the staff member who downloads it (the report's too, from presentReport).
 */
export type ReportContext = { organizationName: string; generatedOn: string; language: StaffLanguage; t: Translate };

/**
 * PDFKit and its fonts take about 10 MB that most processes never need (its PDFs are drawn on
 * request), so it is loaded on the first one.
 */
export async function loadPdfKit() {
  return (await import('pdfkit')).default;
}

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
function table(doc: Doc, header: string[], rows: string[][], suppressed: string, options: { size?: number; firstColumn?: number; shadeOf?: (row: number, column: number) => Shade } = {}): void {
  const size = options.size ?? 9;
  const cell = (text: string, isHeader: boolean, shade: Shade = null): PDFKit.Mixins.CellOptions => ({
    text: toStandardFontText(text),
    type: isHeader ? 'TH' : 'TD',
    font: { src: isHeader ? 'Helvetica-Bold' : 'Helvetica', size },
    textColor: shade ? shade.text : text === suppressed ? colours.suppressed : colours.text,
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
  const { t } = context;
  write(doc, context.organizationName, { colour: colours.muted });
  write(doc, t('{wave}: climate dashboard', { wave: wave.name }), { size: 20, bold: true, gap: 0.2 });
  const made = { instrument: wave.instrumentTitle, date: context.generatedOn };
  write(doc, wave.isClosed ? t('{instrument} · closed · report made on {date}', made) : t('{instrument} · still open · report made on {date}', made), { colour: colours.muted });
  write(doc, t('To protect anonymity, results are shown only for groups of {k} or more, and comments only for groups of {threshold} or more. Every figure that is hidden reads "{suppressed}"; a second group may be hidden with a small one, so that no total gives it away.', {
    k: wave.k, threshold: wave.commentThreshold, suppressed: report.suppressed,
  }), { gap: 0.6 });
}

function writeParticipation(doc: Doc, report: DashboardReport, t: Translate): void {
  heading(doc, t('Participation'));
  write(doc, t('Showing: {group}. Responses: {count}.', { group: report.headline.label, count: report.headline.count }));
  table(doc, [t('Unit'), t('Responses'), t('Response rate')], report.participation.map((unit) => [unit.label, unit.responses, unit.rate]), report.suppressed, { firstColumn: 220 });
}

function writeActions(doc: Doc, results: Results, t: Translate): void {
  if (results.actions.length === 0) return;
  heading(doc, t('What to do next'));
  write(doc, t('The one to three areas to act on first: those below 60% favorable, lowest first (when none is, the lowest area).'), { size: 9, colour: colours.muted });
  for (const entry of results.actions) {
    write(doc, `${String(entry.rank)}. ${entry.title}`, { bold: true, gap: 0.1 });
    write(doc, t('Why: {reason}.', { reason: entry.reason }), { gap: 0.1 });
    for (const action of entry.actions) write(doc, `•  ${action}`, { gap: 0.1 });
    doc.moveDown(0.3);
  }
}

function writeAreas(doc: Doc, report: DashboardReport, results: Results, t: Translate): void {
  heading(doc, report.areasHeading);
  write(doc, t('Mean from 1 to 5 (higher is better), n and SD over respondents. {definition}', { definition: report.favorableDefinition }), { size: 9, colour: colours.muted });
  drawFavorableBars(doc, results.constructs, toStandardFontText);
  table(doc, [t('Area'), 'n', t('Mean'), t('SD'), report.favorableHeading], results.constructs.map((row) => [row.title, row.n, row.mean.text, row.sd, row.favorable]), report.suppressed, { firstColumn: 220 });
  writeActions(doc, results, t);
}

function writeBreakdown(doc: Doc, report: DashboardReport, results: Results, t: Translate): void {
  const byUnit = results.breakdownOf === 'unit';
  heading(doc, byUnit ? t('Mean score by unit and area') : t('Mean score by role group and area'));
  write(doc, t('Darker is better: the shade follows the printed mean on one continuous scale, as on the page.'), { size: 9, colour: colours.muted });
  const rows = results.groups.map((group, index) => [group.label, ...results.constructs.map((row) => row.breakdown[index]?.text ?? '')]);
  const shadeOf = (row: number, column: number): Shade => (column === 0 ? null : results.constructs[column - 1]?.breakdown[row]?.shade ?? null);
  table(doc, [byUnit ? t('Unit') : t('Role group'), ...results.constructs.map((row) => row.title)], rows, report.suppressed, { size: 8, firstColumn: 110, shadeOf });
  heading(doc, t('Items, lowest first'));
  write(doc, t('Each item after reverse coding; (R) marks a reverse-worded item.'), { size: 9, colour: colours.muted });
  drawFavorableBars(doc, results.items.map((item) => ({ title: `${item.text}${item.isReversed ? ' (R)' : ''}`, favorable: item.favorable })), toStandardFontText, 11);
  table(doc, [t('Item'), t('Mean'), report.favorableHeading], results.items.map((item) => [`${item.text}${item.isReversed ? ' (R)' : ''}`, item.mean, item.favorable]), report.suppressed, { size: 8, firstColumn: 330 });
}

function writeTrend(doc: Doc, report: DashboardReport, results: Results, t: Translate): void {
  heading(doc, t('Trend across the closed waves of this survey'));
  if (results.trend.waves.length < 2) {
    write(doc, t('A trend appears once a second wave of this survey has closed.'), { colour: colours.muted });
    return;
  }
  write(doc, t('Mean (1 to 5) by area in each closed wave, oldest first, for {group}; a wave that hides the group has no point.', { group: report.headline.label }), { size: 9, colour: colours.muted });
  drawTrendLines(doc, results, toStandardFontText);
  table(doc, [t('Area'), ...results.trend.waves.map((wave) => wave.name)], results.trend.rows.map((row) => [row.title, ...row.means]), report.suppressed, { size: 8, firstColumn: 150 });
}

function writeComparisons(doc: Doc, report: DashboardReport, results: Results, t: Translate): void {
  heading(doc, t('Change since the previous wave'));
  if (results.change.previousWave) {
    write(doc, t('Compared with {wave}; shown only where both waves pass the minimum group size.', { wave: results.change.previousWave }), { size: 9, colour: colours.muted });
    table(doc, [t('Area'), t('Mean change'), t('% favorable change'), t('Direction')], results.change.rows.map((row) => [row.title, row.mean, row.favorable, row.direction]), report.suppressed, { firstColumn: 180 });
  } else write(doc, t('No earlier closed wave of this survey.'), { colour: colours.muted });
  heading(doc, t('Perception gap: peer staff and supervisors / clinical staff'));
  if (results.gap.companionWave && results.gap.rows.length > 0) {
    write(doc, t('Means on the parallel areas, with {wave} (a positive gap: peer staff rate it higher).', { wave: results.gap.companionWave }), { size: 9, colour: colours.muted });
    table(doc, [t('Area'), t('Peer staff'), t('Supervisors and clinical staff'), t('Gap')], results.gap.rows.map((row) => [row.title, row.peer, row.staff, row.difference]), report.suppressed, { firstColumn: 180 });
  } else write(doc, t('No closed wave of the other audience to compare with.'), { colour: colours.muted });
  heading(doc, results.drivers.outcome ? t('What goes with the outcome question') : t('What goes with the outcome'));
  if (results.drivers.ranking.length > 0) {
    write(doc, t('Areas ranked by their correlation (r) with "{outcome}".', { outcome: results.drivers.outcomeText ?? '' }), { size: 9, colour: colours.muted });
    table(doc, [t('Area'), 'r'], results.drivers.ranking.map((row) => [row.title, row.r]), report.suppressed, { firstColumn: 300 });
  } else write(doc, t('Shown when at least {minimum} responses support it.', { minimum: results.drivers.minimum }), { colour: colours.muted });
}

function writeComments(doc: Doc, report: DashboardReport, results: Results, t: Translate): void {
  heading(doc, t('Comments'));
  if (!results.comments.isShown) {
    write(doc, results.comments.reason, { colour: colours.muted });
    return;
  }
  const slots = { wave: report.wave.name, matches: results.comments.matches };
  const intro = results.comments.matches
    ? (results.comments.isSample
      ? t('In random order, dated by the wave ({wave}); a random sample; {matches} match this search or theme.', slots)
      : t('In random order, dated by the wave ({wave}); {matches} match this search or theme.', slots))
    : (results.comments.isSample ? t('In random order, dated by the wave ({wave}); a random sample.', slots) : t('In random order, dated by the wave ({wave}).', slots));
  write(doc, intro, { size: 9, colour: colours.muted });
  for (const comment of results.comments.items) write(doc, `“${comment.text}”`, { gap: 0.5 });
}

/** Page numbers and the disclosure rule at the foot of every page, written once all pages exist. */
function writeFooters(doc: Doc, report: DashboardReport, t: Translate): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = 0; index < count; index += 1) {
    doc.switchToPage(start + index);
    // Writing below the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(colours.muted).text(
      toStandardFontText(t('{wave} · page {page} of {pages} · figures for groups of fewer than {k} respondents are suppressed', { wave: report.wave.name, page: index + 1, pages: count, k: report.wave.k })),
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
export async function renderDashboardPdf(report: DashboardReport, context: ReportContext): Promise<Buffer> {
  const doc = new (await loadPdfKit())({
    size: 'A4', bufferPages: true, lang: context.language, displayTitle: true,
    margins: { top: margin, left: margin, right: margin, bottom: margin + footerHeight },
    info: { Title: context.t('{wave}: climate dashboard', { wave: report.wave.name }), Creator: 'PeerClimate' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { t } = context;
  writeTitle(doc, report, context);
  writeParticipation(doc, report, t);
  if (report.resultsMessage) write(doc, report.resultsMessage, { bold: true, gap: 0.6 });
  const results = report.results;
  if (results) {
    writeAreas(doc, report, results, t);
    writeBreakdown(doc, report, results, t);
    writeTrend(doc, report, results, t);
    writeComparisons(doc, report, results, t);
    writeComments(doc, report, results, t);
  }
  writeFooters(doc, report, t);
  doc.end();
  return done;
}
