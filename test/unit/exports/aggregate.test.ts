import { expect } from 'chai';
import { aggregateColumns, buildAggregateRows, type ScoreSums } from '../../../server/exports/aggregate.js';

/** Sums of one subscale's scores for a cell, as the SQL aggregate returns them. */
const valuesOf = new Map<ScoreSums, number[]>();

function sumsOf(unit: string, role: string | null, values: number[]): ScoreSums {
  const sums = {
    subscale: 'role_clarity', unit, role, n: values.length, sum: values.reduce((a, b) => a + b, 0),
    sumOfSquares: values.reduce((a, b) => a + b * b, 0), favorable: values.filter((value) => value >= 4).length,
  };
  valuesOf.set(sums, values);
  return sums;
}

const cells = [
  sumsOf('a', 'peer_staff', [4, 4, 5, 3, 2, 4]), sumsOf('a', 'supervisor', [3, 3, 4, 5, 5]),
  sumsOf('b', 'peer_staff', [1, 2, 3, 4, 5, 4, 3]), sumsOf('b', 'supervisor', [2, 2, 3, 3, 4]),
  sumsOf('c', 'peer_staff', [5, 5]),
];

const rows = buildAggregateRows({
  waveName: 'Spring', k: 5, units: [{ id: 'a', name: 'North' }, { id: 'b', name: 'South' }, { id: 'c', name: 'Tiny' }],
  roles: ['peer_staff', 'supervisor'], subscales: [{ key: 'role_clarity', construct: 'role_clarity' }],
  respondents: cells.map((cell) => ({ unit: cell.unit, role: cell.role, n: cell.n })), sums: cells,
}).map((cells) => Object.fromEntries(aggregateColumns.map((column, index) => [column, cells[index]])));

describe('buildAggregateRows', () => {
  it('lists the wave, each role group (and "not given"), each unit and each unit × role group', () => {
    expect(rows.map((row) => `${String(row.group)}:${String(row.unit ?? '')}:${String(row.role_group ?? '')}`)).to.deep.equal([
      'wave::', 'role_group::peer_staff', 'role_group::supervisor', 'role_group::(not given)',
      'unit:North:', 'unit_role_group:North:peer_staff', 'unit_role_group:North:supervisor', 'unit_role_group:North:(not given)',
      'unit:South:', 'unit_role_group:South:peer_staff', 'unit_role_group:South:supervisor', 'unit_role_group:South:(not given)',
      'unit:Tiny:', 'unit_role_group:Tiny:peer_staff', 'unit_role_group:Tiny:supervisor', 'unit_role_group:Tiny:(not given)',
    ]);
  });

  it('shows no number for the 2-respondent unit, and shows every suppressed row the same way', () => {
    for (const row of rows.filter((candidate) => candidate.unit === 'Tiny')) expect(row.suppressed).to.equal(true);
    for (const row of rows.filter((candidate) => candidate.suppressed === true)) {
      expect([row.respondents, row.n, row.mean, row.sd, row.percent_favorable]).to.deep.equal([null, null, null, null, null]);
    }
    const total = rows.find((row) => row.group === 'wave');
    const shownUnits = rows.filter((row) => row.group === 'unit' && row.suppressed === false);
    // North + South shown beside a shown total would give Tiny away: one more must be hidden.
    expect(total?.suppressed === false && shownUnits.length === 2).to.equal(false);
  });

  it('computes n, mean, sample SD and % favorable of each shown unit from its cells', () => {
    const shown = rows.filter((row) => row.group === 'unit' && row.suppressed === false);
    expect(shown).to.have.length.greaterThan(0);
    const ids: Record<string, string> = { North: 'a', South: 'b', Tiny: 'c' };
    for (const row of shown) {
      const values = cells.filter((cell) => cell.unit === ids[String(row.unit)]).flatMap((cell) => valuesOf.get(cell) ?? []);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
      const favorable = (100 * values.filter((value) => value >= 4).length) / values.length;
      expect(row).to.deep.include({ respondents: values.length, n: values.length, mean: Number(mean.toFixed(3)), sd: Number(sd.toFixed(3)), percent_favorable: Number(favorable.toFixed(1)) });
    }
  });
});
