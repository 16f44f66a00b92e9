import { expect } from 'chai';
import { compareCounts, compareWaves } from '../../../server/disclosure/compare.js';
import { type WaveDisclosure, suppressSmallGroups } from '../../../server/disclosure/suppress.js';

function suppress(rows: { unit: string; role: string | null; n: number }[]): WaveDisclosure {
  const result = suppressSmallGroups({ k: 5, roles: ['peer_staff'], rows });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.disclosure;
}

describe('compareCounts', () => {
  it('when the group is shown in both waves, gives both counts', () => {
    expect(compareCounts({ isShown: true, n: 12 }, { isShown: true, n: 9 })).to.deep.equal({ isShown: true, n: 12, previousN: 9 });
  });

  it('when either wave suppresses the group, or it is new, shows no change', () => {
    const hidden = { isShown: false, reason: 'secondary' } as const;
    expect(compareCounts(hidden, { isShown: true, n: 9 })).to.deep.equal({ isShown: false });
    expect(compareCounts({ isShown: true, n: 12 }, hidden)).to.deep.equal({ isShown: false });
    expect(compareCounts({ isShown: true, n: 12 }, undefined)).to.deep.equal({ isShown: false });
  });
});

describe('compareWaves', () => {
  it('when a unit was small before, new, or is small now, shows changes only for groups shown in both waves', () => {
    const previous = suppress([
      { unit: 'A', role: 'peer_staff', n: 10 }, { unit: 'B', role: 'peer_staff', n: 3 }, { unit: 'C', role: 'peer_staff', n: 9 },
    ]);
    const current = suppress([
      { unit: 'A', role: 'peer_staff', n: 11 }, { unit: 'B', role: 'peer_staff', n: 8 },
      { unit: 'C', role: 'peer_staff', n: 9 }, { unit: 'D', role: 'peer_staff', n: 7 },
    ]);
    const comparison = compareWaves(current, previous);
    expect(comparison.total).to.deep.equal({ isShown: true, n: 35, previousN: 22 });
    expect(comparison.units.map((unit) => [unit.unit, unit.change.isShown])).to.deep.equal([['A', true], ['B', false], ['C', false], ['D', false]]);
    expect(comparison.units[0]?.roles).to.deep.equal([
      { role: 'peer_staff', change: { isShown: true, n: 11, previousN: 10 } },
      { role: null, change: { isShown: false } },
    ]);
  });
});
