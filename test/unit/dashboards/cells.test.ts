import { expect } from 'chai';
import { type CellCountRow, correlateDrivers, type ItemValueRow, type ScoreBinRow } from '../../../server/dashboards/assemble.js';
import { type CellAggregates, packCells, unpackCells } from '../../../server/dashboards/cells.js';
import { createRandom } from '../../../server/demo/synthetic.js';

type Respondent = { unitId: string; roleGroup: string | null; score: number; outcome: number };

/** Pearson's r over raw values, two-pass, to check the sums-based path against. */
function pearson(pairs: ReadonlyArray<[number, number]>): number {
  const meanX = pairs.reduce((sum, [x]) => sum + x, 0) / pairs.length;
  const meanY = pairs.reduce((sum, [, y]) => sum + y, 0) / pairs.length;
  const covariance = pairs.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const varianceX = pairs.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const varianceY = pairs.reduce((sum, [, y]) => sum + (y - meanY) ** 2, 0);
  return covariance / Math.sqrt(varianceX * varianceY);
}

/** Respondents of three units and two roles (plus some with no role) whose outcome follows their score. */
function buildRespondents(seed: number): Respondent[] {
  const random = createRandom(seed);
  return Array.from({ length: 400 }, () => {
    const score = 1 + Math.round(random.next() * 16) / 4;
    return {
      unitId: random.pick(['u1', 'u2', 'u3']), roleGroup: random.pick(['peer_staff', 'supervisor', null]),
      score, outcome: Math.min(5, Math.max(1, Math.round(score + random.normal()))),
    };
  });
}

/** What aggregateScoresByCell returns for these respondents: one row per cell and scale-point bin. */
function aggregateBins(respondents: readonly Respondent[]): ScoreBinRow[] {
  const bins = new Map<string, ScoreBinRow>();
  for (const { unitId, roleGroup, score, outcome: y } of respondents) {
    const bin = Math.min(Math.floor(score), 5);
    const key = `${unitId}/${String(roleGroup)}/${String(bin)}`;
    const row = bins.get(key) ?? {
      unitId, roleGroup, subscale: 'value', bin, n: 0, sum: 0, sumSquares: 0, outcome: { n: 0, sumX: 0, sumXSquares: 0, sumY: 0, sumYSquares: 0, sumProducts: 0 },
    };
    const { outcome } = row;
    bins.set(key, {
      ...row, n: row.n + 1, sum: row.sum + score, sumSquares: row.sumSquares + score * score,
      outcome: {
        n: outcome.n + 1, sumX: outcome.sumX + score, sumXSquares: outcome.sumXSquares + score * score,
        sumY: outcome.sumY + y, sumYSquares: outcome.sumYSquares + y * y, sumProducts: outcome.sumProducts + score * y,
      },
    });
  }
  return [...bins.values()];
}

describe('correlateDrivers', () => {
  const respondents = buildRespondents(7);
  const bins = aggregateBins(respondents);

  for (const group of [{}, { unitId: 'u2' }, { role: 'supervisor' }, { unitId: 'u3', role: 'peer_staff' }]) {
    it(`for the group ${JSON.stringify(group)}, gives the r and n of its own respondents' raw values`, () => {
      const members = respondents.filter((row) => (group.unitId === undefined || row.unitId === group.unitId) && (group.role === undefined || row.roleGroup === group.role));
      const [driver] = correlateDrivers(bins, group);
      expect(driver?.n).to.equal(members.length);
      expect(driver?.r).to.be.closeTo(pearson(members.map((row) => [row.score, row.outcome])), 1e-12);
    });
  }

  it('when a group has no respondent with an outcome answer, gives no driver', () => {
    expect(correlateDrivers(bins, { unitId: 'u9' })).to.deep.equal([]);
  });
});

describe('packCells and unpackCells', () => {
  it('give back every respondent count, bin and item count, grouped per unit and role group (no role kept apart)', () => {
    const counts: CellCountRow[] = [
      { unitId: 'u1', roleGroup: 'peer_staff', n: 7 }, { unitId: 'u1', roleGroup: null, n: 1 }, { unitId: 'u2', roleGroup: 'peer_staff', n: 2 },
    ];
    const bins = aggregateBins(buildRespondents(3));
    const items: ItemValueRow[] = [
      { unitId: 'u1', roleGroup: 'peer_staff', question: 'q1', value: 4, n: 3 },
      { unitId: 'u1', roleGroup: null, question: 'q1', value: 1, n: 1 },
    ];
    const aggregates: CellAggregates = { counts, bins, items };
    const packed = packCells(aggregates);
    expect(packed.map((cell) => `${cell.unitId}/${String(cell.roleGroup)}`)).to.have.members(
      [...new Set([...counts, ...bins, ...items].map((row) => `${row.unitId}/${String(row.roleGroup)}`))],
    );
    const unpacked = unpackCells(JSON.parse(JSON.stringify(packed)) as typeof packed);
    expect(unpacked.counts).to.have.deep.members(counts);
    expect(unpacked.bins).to.have.deep.members(bins);
    expect(unpacked.items).to.have.deep.members(items);
  });
});
