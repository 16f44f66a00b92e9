import { expect } from 'chai';
import { chooseCellsToWiden, measureFreedom } from '../../../server/disclosure/cycles.js';
import { type LinkedTable, buildLinkedTable, locateCell } from '../../../server/disclosure/linked-table.js';

const roles = ['r0', 'r1', 'r2'];

/** A grid of four units × (r0, r1, r2, no role), every cell 10 unless `counts` says otherwise. */
function buildGrid(counts: Record<string, number> = {}): LinkedTable {
  const rows = ['u0', 'u1', 'u2', 'u3'].flatMap((unit) =>
    [...roles, null].map((role) => ({ unit, role, n: counts[`${unit}/${String(role)}`] ?? 10 })));
  const built = buildLinkedTable(rows, { roles });
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  return built.table;
}

function hide(table: LinkedTable, cells: [number, number][]): boolean[] {
  const hidden = table.counts.map(() => false);
  for (const [unit, role] of cells) hidden[locateCell(table, unit, role)] = true;
  return hidden;
}

// Two hidden 2 × 2 cycles, (u0,u1)×(r0,r1) and (u2,u3)×(r2,no role), joined by the cell u0×r2.
const twoCyclesAndBridge: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [2, 3], [3, 2], [3, 3], [0, 2]];

describe('measureFreedom', () => {
  it('when a hidden cell lies on a hidden cycle, it can rise by the smallest count the cycle must lower', () => {
    const table = buildGrid({ 'u0/r0': 3, 'u0/r1': 12, 'u1/r1': 8 });
    const hidden = hide(table, [[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(measureFreedom(table, hidden, locateCell(table, 0, 0), 'up', 100)).to.equal(10);
    expect(measureFreedom(table, hidden, locateCell(table, 0, 0), 'down', 100)).to.equal(3);
    expect(measureFreedom(table, hidden, locateCell(table, 0, 0), 'up', 4)).to.equal(4);
  });

  it('when a hidden cell joins two hidden cycles, it cannot move, though its row and its column each hide three cells', () => {
    const table = buildGrid();
    const hidden = hide(table, twoCyclesAndBridge);
    expect(measureFreedom(table, hidden, locateCell(table, 0, 2), 'up', 100)).to.equal(0);
    expect(measureFreedom(table, hidden, locateCell(table, 0, 2), 'down', 100)).to.equal(0);
    expect(measureFreedom(table, hidden, locateCell(table, 0, 0), 'up', 100)).to.equal(10);
  });

  it('when a hidden margin is the only hidden member of its relation, it cannot move', () => {
    const table = buildGrid();
    const hidden = hide(table, [[0, 4], [1, 4]]);
    expect(measureFreedom(table, hidden, locateCell(table, 0, 4), 'up', 100)).to.equal(0);
  });
});

describe('chooseCellsToWiden', () => {
  it('when a cell is pinned, picks the shown cells with the fewest respondents that put it on a cycle', () => {
    const table = buildGrid({ 'u1/r2': 7 });
    const hidden = hide(table, twoCyclesAndBridge);
    const bridge = locateCell(table, 0, 2);
    const widened = chooseCellsToWiden(table, hidden, bridge, 1);
    expect(widened).to.deep.equal([locateCell(table, 1, 2)]);
    for (const cell of widened) hidden[cell] = true;
    expect(measureFreedom(table, hidden, bridge, 'up', 100)).to.be.greaterThan(0);
  });
});
