import fs from 'node:fs';
import { expect } from 'chai';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';
import { buildExportCodebook, chooseMergedLabel, planCells, reportValues, selectColumns, type StoredResponse } from '../../../server/exports/columns.js';

function loadInstrument(file: string): Instrument {
  const parsed = parseInstrument(JSON.parse(fs.readFileSync(`surveys/${file}`, 'utf8')));
  if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

const instrument = loadInstrument('peer-staff-climate.v2.json');
const units = new Map([['u1', 'North Clinic'], ['u2', 'other']]);

/** Answers and scores in the instrument's order, as the export query returns them. */
const answersOf = (answers: Record<string, unknown>): unknown[] => instrument.questions.map((question) => answers[question.name] ?? null);
const scoresOf = (scores: Record<string, unknown>): unknown[] => instrument.subscales.map((subscale) => scores[subscale.key] ?? null);

function response(change: Partial<StoredResponse> = {}): StoredResponse {
  return {
    waveName: 'Spring', instrumentVersion: 2, unitId: 'u1', roleGroup: 'peer_staff', submissionMonth: '2026-03',
    answers: answersOf({ role_group: 'peer_staff', tenure_band: 'under_1y', ma_treated_as_patient: 2, comment_helpful: 'line one\r\nline two\nthree' }),
    scores: scoresOf({ microaggressions: 3.5 }),
    ...change,
  };
}

describe('buildExportCodebook', () => {
  it('starts with wave, version, unit, role group, tenure band and month, then every other question, then the scores', () => {
    const { rows } = buildExportCodebook(instrument, [...units.values()]);
    const variables = rows.map((row) => row.variable);
    expect(variables.slice(0, 6)).to.deep.equal(['wave', 'instrument_version', 'unit', 'role_group', 'tenure_band', 'submission_month']);
    expect(variables).to.have.length(4 + instrument.questions.length + instrument.subscales.length);
    expect(variables.at(-1)).to.equal('score_job_conditions');
  });

  it('labels the merged level of each coarsened column, avoiding a unit that is itself called "other"', () => {
    const { rows, mergedLabels } = buildExportCodebook(instrument, [...units.values()]);
    expect(mergedLabels).to.deep.equal({ unit: 'other_2', role: 'other', tenure: 'other' });
    expect(rows.find((row) => row.variable === 'unit')?.valueLabels.en).to.equal('other_2=merged for anonymity: see the coarsening file');
    expect(rows.find((row) => row.variable === 'role_group')?.valueLabels.es).to.match(/; other=agrupado por anonimato/);
  });

  it('leaves comment columns out unless they are included', () => {
    const codebook = buildExportCodebook(instrument, []);
    expect(selectColumns(codebook, false).map((row) => row.variable)).to.not.include('comment_helpful');
    expect(selectColumns(codebook, true).map((row) => row.variable)).to.include.members(['comment_helpful', 'comment_change']);
  });
});

describe('chooseMergedLabel', () => {
  it('is "other" unless a real value already is, then the first free "other_n"', () => {
    expect(chooseMergedLabel(['a', 'b'])).to.equal('other');
    expect(chooseMergedLabel(['other', 'other_2', 3])).to.equal('other_3');
  });
});

describe('planCells', () => {
  const codebook = buildExportCodebook(instrument, [...units.values()]);
  const mappings = {
    unit: new Map([['u1', 'kept' as const], ['u2', 'other' as const]]),
    role: new Map([['peer_staff', 'kept' as const], [null, 'kept' as const]]),
    tenure: new Map([['under_1y', 'blank' as const], [null, 'kept' as const]]),
  };
  const values = reportValues(mappings, codebook.mergedLabels, units, true);
  const columns = selectColumns(codebook, true);
  const cellsOf = planCells(instrument, columns, values);
  const cell = (cells: unknown[], variable: string): unknown => cells[columns.findIndex((row) => row.variable === variable)];

  it('writes the reported unit, role and tenure, the month, coded answers, scores, and comments with line breaks as " / "', () => {
    const cells = cellsOf(response());
    expect(cells.slice(0, 6)).to.deep.equal(['Spring', 2, 'North Clinic', 'peer_staff', null, '2026-03']);
    expect(cell(cells, 'ma_treated_as_patient')).to.equal(2);
    expect(cell(cells, 'ma_left_out')).to.equal(null);
    expect(cell(cells, 'score_microaggressions')).to.equal(3.5);
    expect(cell(cells, 'comment_helpful')).to.equal('line one / line two / three');
    expect(cellsOf(response({ unitId: 'u2' }))[2]).to.equal('other_2');
  });

  it('throws, naming the variable but not the value, for a stored value of the wrong type or a group the coarsening never saw', () => {
    expect(() => cellsOf(response({ answers: answersOf({ ma_treated_as_patient: 'secret text' }) }))).to.throw('unexpected value for ma_treated_as_patient');
    expect(() => cellsOf(response({ answers: answersOf({ ma_treated_as_patient: 'secret text' }) }))).to.not.throw(/secret/);
    expect(() => cellsOf(response({ unitId: 'u3' }))).to.throw('unexpected value for unit');
    expect(() => cellsOf(response({ scores: scoresOf({ microaggressions: '3' }) }))).to.throw('unexpected value for score_microaggressions');
  });
});
