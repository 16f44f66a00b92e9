import { expect } from 'chai';
import { formatCsv, formatCsvCell, formatCsvRow } from '../../../server/exports/csv.js';
import { parseCsv } from '../../support/csv.js';

describe('formatCsv', () => {
  it('when a field holds a comma, quote, CR or LF, quotes it and doubles inner quotes', () => {
    expect(formatCsvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).to.equal('plain,"a,b","say ""hi""","two\nlines","cr\rhere"\r\n');
  });

  it('ends every record, the last included, with CRLF', () => {
    expect(formatCsv([['a', 'b'], ['c', 'd']])).to.equal('a,b\r\nc,d\r\n');
  });

  it('when text starts like a spreadsheet formula, prefixes a single quote', () => {
    for (const text of ['=SUM(A1:A2)', '+1', '-1+2', '@cmd', '\tx', '\rx']) {
      expect(formatCsvCell(text).replace(/^"/, ''), JSON.stringify(text)).to.match(/^'/);
    }
    expect(formatCsvCell('=HYPERLINK("http://x","y")')).to.equal(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('for statistics software, writes text starting like a formula exactly as typed (still quoted where RFC 4180 asks)', () => {
    for (const text of ['=SUM(A1:A2)', '+1', '-1+2', '@cmd', '- not valued']) expect(formatCsvCell(text, 'statistics')).to.equal(text);
    expect(formatCsvRow(['=HYPERLINK("http://x","y")', 'a,b'], 'statistics')).to.equal('"=HYPERLINK(""http://x"",""y"")","a,b"\r\n');
    expect(formatCsv([['-x']], 'statistics')).to.equal('-x\r\n');
    expect(formatCsv([['-x']], 'spreadsheet')).to.equal("'-x\r\n");
  });

  it('writes numbers and booleans as they are, a negative number included, and empty for null', () => {
    expect(formatCsvRow([-1.5, 0, true, null, undefined, 'ok'])).to.equal('-1.5,0,true,,,ok\r\n');
  });

  it('when read back by an independent RFC 4180 reader, gives the same cells (Spanish text kept as UTF-8)', () => {
    const rows = [['variable', 'question_es'], ['ma_1', '¿Qué opción, "mejor"?\nSí'], ['n', '']];
    expect(parseCsv(formatCsv(rows))).to.deep.equal(rows);
  });
});
