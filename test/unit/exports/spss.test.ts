import fs from 'node:fs';
import { expect } from 'chai';
import { buildExportCodebook, selectColumns } from '../../../server/exports/columns.js';
import { buildSpssSyntax, parseValueLabels, spssName } from '../../../server/exports/spss.js';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';

function loadInstrument(file: string): Instrument {
  const parsed = parseInstrument(JSON.parse(fs.readFileSync(`surveys/${file}`, 'utf8')));
  if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

describe('buildSpssSyntax', () => {
  const instrument = loadInstrument('peer-staff-climate.v2.json');
  const columns = selectColumns(buildExportCodebook(instrument, ["O'Brien House"]), true);
  const syntax = buildSpssSyntax(columns, { dataFile: "spring-responses.csv", title: "Spring 'wave'\nsecond line", language: 'en' });
  const lines = syntax.split('\r\n');

  it('reads the file as UTF-8 comma-separated text with a header line, listing every column in order with its format', () => {
    expect(syntax).to.include("/FILE='spring-responses.csv'\r\n  /ENCODING='UTF8'");
    expect(syntax).to.include('/FIRSTCASE=2');
    const start = lines.indexOf('  /VARIABLES=') + 1;
    const listed = lines.slice(start, start + columns.length).map((line) => line.trim());
    expect(listed.map((line) => line.split(' ')[0])).to.deep.equal(columns.map((row) => row.variable));
    expect(listed).to.include.members(['instrument_version F8.0', 'ma_treated_as_patient F8.0', 'score_microaggressions F8.4', 'submission_month A7', 'comment_helpful A8000', 'role_group A14']);
  });

  it('gives variable labels, numeric and text value labels with quotes doubled, and blank text as missing', () => {
    expect(syntax).to.include("  wave 'Survey wave (its name)'");
    expect(syntax).to.include("/ma_treated_as_patient 1 'Strongly disagree' 2 'Disagree' 3 'Neither agree nor disagree' 4 'Agree' 5 'Strongly agree'");
    expect(syntax).to.include("/role_group 'peer_staff' 'Peer support specialist or other peer role'");
    expect(syntax).to.include("MISSING VALUES role_group ('').");
    expect(syntax).to.not.include('MISSING VALUES ma_treated_as_patient');
    expect(syntax).to.include("* PeerClimate respondent-level export: Spring 'wave' second line.");
    expect(syntax.endsWith('EXECUTE.\r\n')).to.equal(true);
  });
});

describe('spssName and parseValueLabels', () => {
  it('makes names SPSS accepts', () => {
    expect(spssName('ma_left_out')).to.equal('ma_left_out');
    expect(spssName('q-1.a')).to.equal('q_1_a');
    expect(spssName('1st')).to.equal('v_1st');
  });

  it('splits "value=label; …", keeping an "=" inside a label', () => {
    expect(parseValueLabels('1=Low; 2=a=b')).to.deep.equal([['1', 'Low'], ['2', 'a=b']]);
    expect(parseValueLabels('')).to.deep.equal([]);
  });
});
