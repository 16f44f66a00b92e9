import type { DashboardReport } from './present.js';

/**
 * The PDF's charts, drawn as pdfkit vectors from the same printed figures as the page's tables
 * (the report's strings): a hidden figure ("Suppressed") draws nothing, so a chart can never
 * show what its table hides.
 */
type Doc = PDFKit.PDFDocument;
type Results = NonNullable<DashboardReport['results']>;

// Okabe–Ito colours, as on the page: distinguishable with the common colour-vision deficiencies.
export const chartPalette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
const axisColour = '#555555';
const gridColour = '#d0d0d0';

/** A printed figure as a number ("57%" -> 57, "3.40" -> 3.4), or null for "Suppressed" and blanks. */
export function readPrinted(text: string): number | null {
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : null;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** One bar: its label and its printed % favorable ("57%", or "Suppressed": no bar). */
export type Bar = { title: string; favorable: string };

/**
 * Horizontal bars of % favorable, 0 to 100, with the 60% mark the actions use; `rowHeight` in
 * points (a long list of items takes thinner rows, and continues on the next page).
 */
export function drawFavorableBars(doc: Doc, bars: readonly Bar[], fitText: (text: string) => string, rowHeight = 16): void {
  const pageRows = Math.floor((doc.page.height - doc.page.margins.top - doc.page.margins.bottom - 40) / rowHeight);
  for (let start = 0; start < bars.length; start += pageRows) drawBarBlock(doc, bars.slice(start, start + pageRows), fitText, rowHeight);
}

function drawBarBlock(doc: Doc, bars: readonly Bar[], fitText: (text: string) => string, rowHeight: number): void {
  const rows = bars.map((bar) => ({ title: bar.title, value: readPrinted(bar.favorable), text: bar.favorable }));
  const left = doc.page.margins.left;
  const labelWidth = 200;
  const barWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right - labelWidth - 50;
  ensureRoom(doc, rows.length * rowHeight + 30);
  const top = doc.y + 4;
  const x0 = left + labelWidth;
  doc.save().lineWidth(0.5).strokeColor(gridColour);
  for (const tick of [0, 20, 40, 60, 80, 100]) doc.moveTo(x0 + (barWidth * tick) / 100, top).lineTo(x0 + (barWidth * tick) / 100, top + rows.length * rowHeight).stroke();
  doc.restore();
  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    const size = rowHeight < 14 ? 6.5 : 8;
    doc.font('Helvetica').fontSize(size).fillColor('#1a1a1a').text(fitText(row.title), left, y + (rowHeight - size) / 2, { width: labelWidth - 6, height: rowHeight, ellipsis: true, lineBreak: false });
    if (row.value !== null) doc.rect(x0, y + 2, (barWidth * Math.max(0, Math.min(100, row.value))) / 100, rowHeight - 4).fill(chartPalette[0] ?? '#0072B2');
    const valueX = x0 + (barWidth * (row.value ?? 0)) / 100 + 4;
    doc.font('Helvetica').fontSize(size).fillColor(row.value === null ? '#6b6b6b' : '#1a1a1a').text(fitText(row.text), valueX, y + (rowHeight - size) / 2, { lineBreak: false });
  });
  const bottom = top + rows.length * rowHeight;
  doc.save().lineWidth(1).strokeColor('#D55E00').dash(3, { space: 2 }).moveTo(x0 + barWidth * 0.6, top - 2).lineTo(x0 + barWidth * 0.6, bottom).stroke().undash().restore();
  doc.font('Helvetica').fontSize(7).fillColor(axisColour);
  for (const tick of [0, 20, 40, 60, 80, 100]) doc.text(`${tick}%`, x0 + (barWidth * tick) / 100 - 8, bottom + 3, { lineBreak: false });
  doc.x = left;
  doc.y = bottom + 16;
}

/** Lines of each area's mean across the closed waves (1 to 5); a hidden point breaks its line. */
export function drawTrendLines(doc: Doc, results: Results, fitText: (text: string) => string): void {
  const { waves, rows } = results.trend;
  const left = doc.page.margins.left + 30;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right - 40;
  const height = 150;
  ensureRoom(doc, height + 40 + rows.length * 11);
  const top = doc.y + 6;
  const xOf = (index: number): number => left + (waves.length === 1 ? width / 2 : (width * index) / (waves.length - 1));
  const yOf = (mean: number): number => top + height - ((mean - 1) / 4) * height;
  doc.save().lineWidth(0.5).strokeColor(gridColour);
  for (let tick = 1; tick <= 5; tick += 1) doc.moveTo(left, yOf(tick)).lineTo(left + width, yOf(tick)).stroke();
  doc.restore();
  doc.font('Helvetica').fontSize(7).fillColor(axisColour);
  for (let tick = 1; tick <= 5; tick += 1) doc.text(String(tick), left - 14, yOf(tick) - 3, { lineBreak: false });
  waves.forEach((wave, index) => doc.text(fitText(wave.name), xOf(index) - 40, top + height + 4, { width: 80, align: 'center', lineBreak: false, ellipsis: true }));
  rows.forEach((row, rowIndex) => {
    const colour = chartPalette[rowIndex % chartPalette.length] ?? '#000000';
    const points = row.means.map(readPrinted);
    doc.save().lineWidth(1.5).strokeColor(colour).fillColor(colour);
    points.forEach((mean, index) => {
      if (mean === null) return;
      const previous = index > 0 ? points[index - 1] : null;
      if (previous !== null && previous !== undefined) doc.moveTo(xOf(index - 1), yOf(previous)).lineTo(xOf(index), yOf(mean)).stroke();
      doc.circle(xOf(index), yOf(mean), 2.2).fill();
    });
    doc.restore();
  });
  let legendY = top + height + 18;
  rows.forEach((row, rowIndex) => {
    doc.rect(left, legendY + 1, 8, 6).fill(chartPalette[rowIndex % chartPalette.length] ?? '#000000');
    doc.font('Helvetica').fontSize(7).fillColor('#1a1a1a').text(fitText(row.title), left + 12, legendY, { lineBreak: false });
    legendY += 10;
  });
  doc.x = doc.page.margins.left;
  doc.y = legendY + 8;
}
