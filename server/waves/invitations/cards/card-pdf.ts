import { loadPdfKit, toStandardFontText } from '../../../dashboards/pdf.js';
import { loadQrCode, type QrCodeLibrary } from '../../qr.js';
import { formatCardCode } from '../personal-code.js';

export type Card = { unitName: string; code: string };
export type CardSheet = { organizationName: string; waveName: string; entryUrl: string; cards: readonly Card[] };

type Doc = PDFKit.PDFDocument;

const columns = 2;
const rows = 4;
const margin = 36;
const qrSize = 96;

/** Draws the QR code module by module: vector squares stay sharp on any printer. */
function drawQr(doc: Doc, qrCode: QrCodeLibrary, text: string, x: number, y: number): void {
  const { modules } = qrCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = qrSize / modules.size;
  doc.fillColor('#000000');
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) doc.rect(x + column * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill();
}

function drawCard(doc: Doc, qrCode: QrCodeLibrary, sheet: CardSheet, card: Card, x: number, y: number, width: number, height: number): void {
  doc.save().lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#888888').rect(x, y, width, height).stroke().restore();
  const inner = x + 12;
  const textWidth = width - qrSize - 36;
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#1a1a1a').text(toStandardFontText(sheet.waveName), inner, y + 12, { width: textWidth });
  doc.font('Helvetica').fontSize(8.5).fillColor('#444444').text(toStandardFontText(`${sheet.organizationName} · ${card.unitName}`), inner, doc.y + 2, { width: textWidth });
  doc.font('Helvetica').fontSize(8.5).fillColor('#1a1a1a')
    .text(toStandardFontText(`Scan the code, or go to ${sheet.entryUrl} and type:`), inner, doc.y + 8, { width: textWidth });
  doc.font('Courier-Bold').fontSize(17).text(formatCardCode(card.code), inner, doc.y + 4, { width: textWidth });
  doc.font('Helvetica').fontSize(7.5).fillColor('#444444')
    .text('Anonymous: nobody keeps a list of who got which card. The card answers once.', inner, doc.y + 6, { width: textWidth });
  drawQr(doc, qrCode, `${sheet.entryUrl}?code=${card.code}`, x + width - qrSize - 12, y + (height - qrSize) / 2);
}

/**
 * Letter-size pages of eight cards, each with the wave, the unit, the code in large type and a QR
 * code of the card page with the code filled in. Cards of a unit follow each other in random
 * order; the code is all that is printed of the invitation.
 */
export async function renderCardSheet(sheet: CardSheet): Promise<Buffer> {
  const qrCode = await loadQrCode();
  const doc = new (await loadPdfKit())({ size: 'LETTER', margin, info: { Title: toStandardFontText(`Survey cards: ${sheet.waveName}`) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = (doc.page.width - 2 * margin) / columns;
  const height = (doc.page.height - 2 * margin) / rows;
  sheet.cards.forEach((card, index) => {
    const slot = index % (columns * rows);
    if (index > 0 && slot === 0) doc.addPage();
    drawCard(doc, qrCode, sheet, card, margin + (slot % columns) * width, margin + Math.floor(slot / columns) * height, width, height);
  });
  doc.end();
  return done;
}
