import fs from 'node:fs';
import { expect } from 'chai';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';
import { buildExportCodebook, planCells, reportValues, selectColumns } from '../../../server/exports/columns.js';
import { formatCsvRow } from '../../../server/exports/csv.js';
import { type LineFields, planLines, type RenderedResponse } from '../../../server/exports/lines.js';

function loadInstrument(file: string): Instrument {
  const parsed = parseInstrument(JSON.parse(fs.readFileSync(`surveys/${file}`, 'utf8')));
  if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

const instrument = loadInstrument('peer-staff-climate.v2.json');
const units = new Map([['u1', 'North, "East" Clinic'], ['u2', '=Tiny']]);
const codebook = buildExportCodebook(instrument, [...units.values()]);
const values = reportValues({
  unit: new Map([['u1', 'kept' as const], ['u2', 'kept' as const]]),
  role: new Map([['peer_staff', 'kept' as const], [null, 'kept' as const]]),
  tenure: new Map([['under_1y', 'blank' as const], ['over_5y', 'kept' as const], [null, 'kept' as const]]),
}, codebook.mergedLabels, units, true);
const versions = new Map([['v2', 2]]);

type Stored = { unitId: string; roleGroup: string | null; answers: Record<string, unknown>; scores: Record<string, unknown> };

/** What the export query returns for a stored response: `->>` text of each run cell (empty for null or missing), coded answers as stored. */
function renderAsDatabase(fields: LineFields, stored: Stored): RenderedResponse {
  // `->>` writes a string as itself and any other value as its JSON text.
  const text = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
  const tenure = stored.answers[fields.tenureKey ?? ''];
  return {
    instrumentVersionId: 'v2', unitId: stored.unitId, roleGroup: stored.roleGroup, submissionMonth: '2026-03',
    tenure: typeof tenure === 'string' || typeof tenure === 'number' ? String(tenure) : null,
    runs: fields.runs.map((run) => run.map((cell) => text(stored[cell.source][cell.key])).join(',')).join('|'),
    coded: fields.coded.map((cell) => stored.answers[cell.key] ?? null),
    isWellTyped: null,
  };
}

function storedResponse(change: Partial<Stored> = {}): Stored {
  return {
    unitId: 'u1', roleGroup: 'peer_staff',
    answers: { role_group: 'peer_staff', tenure_band: 'over_5y', ma_treated_as_patient: 2, ma_left_out: 5, comment_helpful: '=HYPERLINK("x")', comment_change: 'a, "b"\nc|d' },
    scores: { microaggressions: 3.6666666666666665, job_conditions: 1 },
    ...change,
  };
}

describe('planLines', () => {
  for (const includeComments of [false, true]) {
    it(`writes the same line as planCells and csv.ts for the same response (comments ${includeComments ? 'included' : 'left out'})`, () => {
      const columns = selectColumns(codebook, includeComments);
      const lines = planLines(instrument, columns, values, versions);
      const cellsOf = planCells(instrument, columns, values);
      for (const stored of [storedResponse(), storedResponse({ unitId: 'u2', roleGroup: null, answers: { tenure_band: 'under_1y' }, scores: {} })]) {
        const expected = formatCsvRow(cellsOf({
          waveName: 'Spring, 2026', instrumentVersion: 2, unitId: stored.unitId, roleGroup: stored.roleGroup, submissionMonth: '2026-03',
          answers: instrument.questions.map((question) => stored.answers[question.name] ?? null),
          scores: instrument.subscales.map((subscale) => stored.scores[subscale.key] ?? null),
        }));
        expect(lines.write(renderAsDatabase(lines.fields, stored), '"Spring, 2026"')).to.equal(expected);
      }
    });
  }

  it('neutralizes a comment that starts like a formula and quotes comments holding commas, quotes or "|"', () => {
    const lines = planLines(instrument, selectColumns(codebook, true), values, versions);
    const line = lines.write(renderAsDatabase(lines.fields, storedResponse()), 'Spring') ?? '';
    expect(line).to.include(`,"'=HYPERLINK(""x"")","a, ""b"" / c|d",`);
    expect(line.startsWith('Spring,2,"North, ""East"" Clinic",peer_staff,over_5y,2026-03,')).to.equal(true);
  });

  it('for statistics software, writes a comment and a unit name that start like a formula as they are', () => {
    const lines = planLines(instrument, selectColumns(codebook, true), { ...values, unit: new Map([['u1', '=Tiny']]) }, versions, 'statistics');
    const line = lines.write(renderAsDatabase(lines.fields, storedResponse()), 'Spring') ?? '';
    expect(line).to.include(`,"=HYPERLINK(""x"")","a, ""b"" / c|d",`);
    expect(line.startsWith('Spring,2,=Tiny,peer_staff,')).to.equal(true);
  });

  it('asks for the response to be read again when a number column holds a string, an object, a "|" or a comma', () => {
    const lines = planLines(instrument, selectColumns(codebook, true), values, versions);
    for (const wrong of ['secret', { not: 'a rating' }, '1|2', '1,2', true]) {
      const stored = storedResponse({ answers: { ...storedResponse().answers, ma_left_out: wrong } });
      expect(lines.write(renderAsDatabase(lines.fields, stored), 'Spring'), JSON.stringify(wrong)).to.equal(null);
    }
    expect(lines.write(renderAsDatabase(lines.fields, storedResponse({ scores: { microaggressions: 'x' } })), 'Spring')).to.equal(null);
  });

  it('when the database checked the types as it stored the line, takes its verdict: a failed check is refused, a passed one written as is', () => {
    const lines = planLines(instrument, selectColumns(codebook, false), values, versions);
    const rendered = renderAsDatabase(lines.fields, storedResponse());
    expect(lines.write({ ...rendered, isWellTyped: false }, 'Spring')).to.equal(null);
    expect(lines.write({ ...rendered, isWellTyped: true }, 'Spring')).to.equal(lines.write(rendered, 'Spring'));
  });

  it('throws, naming the variable but not the value, for a unit or tenure band the coarsening never saw', () => {
    const lines = planLines(instrument, selectColumns(codebook, false), values, versions);
    expect(() => lines.write(renderAsDatabase(lines.fields, storedResponse({ unitId: 'u3' })), 'Spring')).to.throw('unexpected value for unit');
    const secretTenure = storedResponse({ answers: { tenure_band: 'secret' } });
    expect(() => lines.write(renderAsDatabase(lines.fields, secretTenure), 'Spring')).to.throw('unexpected value for tenure_band').and.not.match(/secret/);
  });
});
