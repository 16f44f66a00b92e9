import fs from 'node:fs';
import { expect } from 'chai';
import { constructStat, decideWaveFigures, type ScoreBinRow } from '../../../server/dashboards/assemble.js';
import { aggregateColumns, buildAggregateRows } from '../../../server/exports/aggregate.js';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';

function loadInstrument(file: string): Instrument {
  const parsed = parseInstrument(JSON.parse(fs.readFileSync(`surveys/${file}`, 'utf8')));
  if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

const instrument = loadInstrument('peer-staff-climate.v2.json');
const scores: Array<{ unitId: string; roleGroup: string; values: number[] }> = [
  { unitId: 'a', roleGroup: 'peer_staff', values: [4, 4, 5, 3, 2, 4] }, { unitId: 'a', roleGroup: 'supervisor', values: [3, 3, 4, 5, 5] },
  { unitId: 'b', roleGroup: 'peer_staff', values: [1, 2, 3, 4, 5, 4, 3] }, { unitId: 'b', roleGroup: 'supervisor', values: [2, 2, 3, 3, 4] },
  { unitId: 'c', roleGroup: 'peer_staff', values: [5, 5] },
];

/** Every subscale scored with the same values, binned as the SQL aggregate bins them. */
function binCells(): ScoreBinRow[] {
  return instrument.subscales.flatMap((subscale) => scores.flatMap(({ unitId, roleGroup, values }) => [1, 2, 3, 4, 5].flatMap((bin) => {
    const inBin = values.filter((value) => Math.min(Math.floor(value), 5) === bin);
    if (inBin.length === 0) return [];
    return [{
      unitId, roleGroup, subscale: subscale.key, bin, n: inBin.length, sum: inBin.reduce((a, b) => a + b, 0), sumSquares: inBin.reduce((a, b) => a + b * b, 0),
      outcome: { n: 0, sumX: 0, sumXSquares: 0, sumY: 0, sumYSquares: 0, sumProducts: 0 },
    }];
  })));
}

const units = [{ id: 'a', name: 'North' }, { id: 'b', name: 'South' }, { id: 'c', name: 'Tiny' }];
const figures = decideWaveFigures(instrument, 5, ['a', 'b', 'c'], {
  counts: scores.map((cell) => ({ unitId: cell.unitId, roleGroup: cell.roleGroup, n: cell.values.length })), bins: binCells(), items: [],
});
const rows = buildAggregateRows({ waveName: 'Spring', instrument, units, roles: ['peer_staff', 'supervisor', 'clinical_other'], figures })
  .map((cells) => Object.fromEntries(aggregateColumns.map((column, index) => [column, cells[index]])));

describe('buildAggregateRows', () => {
  it('lists the wave, each role group, each unit and each unit × role group, for every subscale', () => {
    const groups = rows.filter((row) => row.subscale === 'role_clarity').map((row) => `${String(row.group)}:${String(row.unit ?? '')}:${String(row.role_group ?? '')}`);
    expect(groups.slice(0, 5)).to.deep.equal(['wave::', 'role_group::peer_staff', 'role_group::supervisor', 'role_group::clinical_other', 'unit:North:']);
    expect(rows).to.have.length(instrument.subscales.length * (1 + 3 + 3 * 4));
  });

  it('shows no number for the 2-respondent unit, and shows every suppressed row the same way', () => {
    for (const row of rows.filter((candidate) => candidate.unit === 'Tiny')) expect(row.suppressed).to.equal(true);
    for (const row of rows.filter((candidate) => candidate.suppressed === true)) {
      expect([row.respondents, row.n, row.mean, row.sd, row.percent_favorable]).to.deep.equal([null, null, null, null, null]);
    }
    const total = rows.find((row) => row.group === 'wave');
    const shownUnits = rows.filter((row) => row.subscale === 'role_clarity' && row.group === 'unit' && row.suppressed === false);
    // North + South shown beside a shown total would give Tiny away: one more must be hidden.
    expect(total?.suppressed === false && shownUnits.length === 2).to.equal(false);
  });

  it('prints exactly the figures the dashboard shows for the same group, rounded', () => {
    const shown = rows.filter((row) => row.suppressed === false);
    expect(shown).to.have.length.greaterThan(0);
    for (const row of shown) {
      const unitId = units.find((unit) => unit.name === row.unit)?.id;
      const stat = constructStat(figures, String(row.subscale), { ...(unitId ? { unitId } : {}), ...(row.role_group ? { role: String(row.role_group) } : {}) }, instrument);
      if (!stat.isShown) expect.fail(`the dashboard hides ${JSON.stringify(row)}`);
      expect(row).to.deep.include({ n: stat.n, mean: Number(stat.mean.toFixed(3)), percent_favorable: stat.percentFavorable === null ? null : Number(stat.percentFavorable.toFixed(1)) });
    }
  });

  it('computes n, mean and sample SD of the whole wave from its respondents', () => {
    const wave = rows.find((row) => row.subscale === 'role_clarity' && row.group === 'wave');
    const values = scores.flatMap((cell) => cell.values);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
    expect(wave).to.deep.include({ suppressed: false, n: values.length, mean: Number(mean.toFixed(3)), sd: Number(sd.toFixed(3)) });
  });
});
