import fs from 'node:fs';
import { expect } from 'chai';
import { buildExportCodebook, selectColumns } from '../../../server/exports/columns.js';
import { buildStataDo, numlist, stataName, stataString } from '../../../server/exports/stata.js';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';

function loadInstrument(file: string): Instrument {
  const parsed = parseInstrument(JSON.parse(fs.readFileSync(`surveys/${file}`, 'utf8')));
  if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

describe('buildStataDo', () => {
  const instrument = loadInstrument('peer-staff-climate.v2.json');
  const columns = selectColumns(buildExportCodebook(instrument, ['North Clinic']), true);
  const doFile = buildStataDo(columns, { dataFile: 'spring-responses.csv', title: 'Spring $wave `x\'\nsecond line', language: 'en' });
  const lines = doFile.split('\r\n');

  it('reads the file by position as UTF-8 from row 2, typing every column once, and renames the columns in the file\'s order', () => {
    const importLine = lines.find((line) => line.startsWith('import delimited')) ?? '';
    expect(importLine).to.include('using `"spring-responses.csv"\', clear varnames(nonames) rowrange(2) delimiters(",") bindquote(strict) encoding("utf-8") asdouble');
    expect(importLine).to.include('stringcols(1 3/6 41/42) numericcols(2 7/40 43/48)');
    expect(lines).to.include(`assert c(k) == ${columns.length}`);
    const start = lines.indexOf(') ( ///') + 1;
    expect(lines.slice(start, start + columns.length).map((line) => line.replace(' ///', '').trim())).to.deep.equal(columns.map((row) => row.variable));
    expect(lines.slice(lines.indexOf('rename ( ///') + 1, start - 1).map((line) => line.trim())).to.deep.equal(columns.map((_row, index) => `v${index + 1} ///`));
  });

  it('defines the agreement scale once and puts it on every rating; role group becomes labelled numbers, unknown codes stop the file', () => {
    const defines = lines.filter((line) => line.startsWith('label define'));
    const agreement = defines.filter((line) => line.includes('1 `"Strongly disagree"\' 2 `"Disagree"\''));
    expect(agreement).to.have.length(1);
    const agreementName = agreement[0]?.split(' ')[2] ?? '';
    expect(lines).to.include(`label values ma_treated_as_patient ${agreementName}`);
    expect(lines).to.include(`label values intent_stay ${agreementName}`);
    expect(lines).to.include('replace _coded = 1 if role_group == `"peer_staff"\'');
    expect(lines).to.include('assert !missing(_coded) if role_group != ""');
    expect(lines.slice(lines.indexOf('drop role_group'), lines.indexOf('drop role_group') + 2)).to.deep.equal(['drop role_group', 'rename _coded role_group']);
    expect(lines.filter((line) => line.startsWith('label values score_'))).to.have.length(0);
  });

  it('labels every variable, quoting so that quotes, ` and $ print as written, and keeps comment lines macro-free', () => {
    for (const row of columns) expect(lines.some((line) => line.startsWith(`label variable ${row.variable} \`"`)), row.variable).to.equal(true);
    expect(lines[1]).to.equal("* PeerClimate respondent-level export: Spring 'wave 'x' second line.");
    expect(doFile.endsWith('\r\n')).to.equal(true);
  });

  it('leaves out the comment columns when the file has none', () => {
    const without = buildStataDo(selectColumns(buildExportCodebook(instrument, []), false), { dataFile: 'a.csv', title: 'A', language: 'en' });
    expect(without).to.not.include('comment_helpful');
    expect(without).to.include(`assert c(k) == ${columns.length - 2}`);
  });
});

describe('stataString, stataName and numlist', () => {
  it('quotes with compound quotes and escapes macro characters', () => {
    expect(stataString('Say "hi" to $me and `you\'')).to.equal('`"Say "hi" to \\$me and \\`you\'"\'');
    expect(stataString('end "\' here\nnext')).to.equal('`"end " \' here next"\'');
  });

  it('makes names Stata accepts, at most 32 characters', () => {
    expect(stataName('role_group')).to.equal('role_group');
    expect(stataName('1st-item')).to.equal('v_1st_item');
    expect(stataName('a'.repeat(40))).to.have.length(32);
    expect([stataName('in'), stataName('long'), stataName('str10'), stataName('income')]).to.deep.equal(['in_', 'long_', 'str10_', 'income']);
  });

  it('writes runs of positions as ranges', () => {
    expect(numlist([1, 3, 4, 5, 7, 9, 10])).to.equal('1 3/5 7 9/10');
    expect(numlist([])).to.equal('');
  });
});
