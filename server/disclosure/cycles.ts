import { type LinkedTable, placeCell } from './linked-table.js';

/**
 * Exact check of what an attacker can learn about hidden cells, by network flow.
 *
 * Every relation of the grid is "components − margin = 0". Give each cell a sign: +1 for a
 * unit × role cell and for the total, −1 for a unit or role margin. Then every row and every
 * column of signed values sums to zero, so the grid is a bipartite graph (row nodes, column
 * nodes, one edge per cell) in which the hidden values can change only around cycles of hidden
 * cells, alternately +t and −t. The only other thing an attacker knows is that no count is
 * negative. So the largest possible change of a hidden cell is a maximum flow between the two
 * ends of its edge through the other hidden edges, and because the constraint matrix is a
 * network matrix these bounds are exact for whole numbers too. A cell no cycle can move is
 * known exactly, whatever is hidden around it.
 */
type Step = { cell: number; fromRow: boolean };
export type Direction = 'up' | 'down';

function findSign(table: LinkedTable, cell: number): 1 | -1 {
  const { row, col } = placeCell(table, cell);
  return (row === table.units.length) !== (col === table.roles.length) ? -1 : 1;
}

function findNodes(table: LinkedTable, cell: number): { rowNode: number; colNode: number } {
  const { row, col } = placeCell(table, cell);
  return { rowNode: row, colNode: table.units.length + 1 + col };
}

/** How far the signed value of a hidden cell may still move along the edge, starting from its row end or its column end. */
function measureResidual(table: LinkedTable, delta: readonly number[], step: Step): number {
  const n = table.counts[step.cell] ?? 0;
  const shift = delta[step.cell] ?? 0;
  const isMargin = findSign(table, step.cell) === -1;
  if (step.fromRow) return isMargin ? n - shift : Infinity;
  return isMargin ? Infinity : n + shift;
}

function listSteps(table: LinkedTable, node: number): Step[] {
  const rowCount = table.units.length + 1;
  const width = table.roles.length + 1;
  if (node < rowCount) return Array.from({ length: width }, (_, col) => ({ cell: node * width + col, fromRow: true }));
  return Array.from({ length: rowCount }, (_, row) => ({ cell: row * width + node - rowCount, fromRow: false }));
}

function findOtherEnd(table: LinkedTable, step: Step): number {
  const { rowNode, colNode } = findNodes(table, step.cell);
  return step.fromRow ? colNode : rowNode;
}

/**
 * Cheapest path from source to sink (Dijkstra, ties to the lower node and cell): hidden cells
 * with room to move cost nothing; when `isWidening`, shown cells may join at the cost of their
 * count, which is the information lost by hiding them.
 */
function findPath(table: LinkedTable, hidden: readonly boolean[], delta: readonly number[],
  ends: { source: number; sink: number; excluded: number; isWidening: boolean; isBlocked?: readonly boolean[] }): Step[] | undefined {
  const nodeCount = table.units.length + table.roles.length + 2;
  const cost = new Array<number>(nodeCount).fill(Infinity);
  const via = new Array<Step | undefined>(nodeCount).fill(undefined);
  const isDone = new Array<boolean>(nodeCount).fill(false);
  cost[ends.source] = 0;
  for (;;) {
    let node = -1;
    cost.forEach((value, index) => { if (!isDone[index] && value < Infinity && (node < 0 || value < (cost[node] ?? 0))) node = index; });
    if (node < 0) return undefined;
    if (node === ends.sink) break;
    isDone[node] = true;
    for (const step of listSteps(table, node)) {
      if (step.cell === ends.excluded) continue;
      const isHidden = hidden[step.cell] === true;
      if (isHidden ? measureResidual(table, delta, step) <= 0 : !ends.isWidening || ends.isBlocked?.[step.cell] === true) continue;
      const next = findOtherEnd(table, step);
      const total = (cost[node] ?? 0) + (isHidden ? 0 : table.counts[step.cell] ?? 0);
      if (total < (cost[next] ?? Infinity)) { cost[next] = total; via[next] = step; }
    }
  }
  const path: Step[] = [];
  for (let step = via[ends.sink]; step !== undefined; step = via[findOtherEnd(table, { ...step, fromRow: !step.fromRow })]) {
    path.unshift(step);
  }
  return path;
}

function findEnds(table: LinkedTable, cell: number, direction: Direction): { source: number; sink: number } {
  const { rowNode, colNode } = findNodes(table, cell);
  // Raising a +1 cell (or lowering a margin) sends flow from its row end to its column end; the
  // rest of the cycle must bring it back.
  const raisesSignedValue = (findSign(table, cell) === 1) === (direction === 'up');
  return raisesSignedValue ? { source: colNode, sink: rowNode } : { source: rowNode, sink: colNode };
}

/** Pushes flow around cycles through `cell` until it has moved `limit` or cannot move further; returns the amount and the shifts. */
function pushFlow(table: LinkedTable, hidden: readonly boolean[], cell: number, direction: Direction, limit: number):
{ moved: number; delta: number[] } {
  const delta = new Array<number>(table.counts.length).fill(0);
  const ends = { ...findEnds(table, cell, direction), excluded: cell, isWidening: false };
  let moved = 0;
  for (let path = findPath(table, hidden, delta, ends); path !== undefined && moved < limit; path = findPath(table, hidden, delta, ends)) {
    const amount = Math.min(limit - moved, ...path.map((step) => measureResidual(table, delta, step)));
    for (const step of path) delta[step.cell] = (delta[step.cell] ?? 0) + (step.fromRow ? amount : -amount);
    moved += amount;
  }
  return { moved, delta };
}

/**
 * How far an attacker who sees every shown cell (and knows no count is negative) could move the
 * hidden `cell` up or down from its true count, capped at `limit`. Inputs: the grid, which cells
 * are hidden (by cell index), a hidden cell, and a cap ≥ 1 in respondents.
 */
export function measureFreedom(table: LinkedTable, hidden: readonly boolean[], cell: number, direction: Direction, limit: number): number {
  const room = direction === 'down' ? table.counts[cell] ?? 0 : Infinity;
  return pushFlow(table, hidden, cell, direction, Math.min(limit, room)).moved;
}

/**
 * The shown cells to hide so that the hidden `cell` can move by `need` respondents in
 * `direction`: the path of fewest respondents (least information lost) through what the flow
 * already possible leaves, never through `isBlocked` cells (ones hiding cannot free). The total may join too, and with every cell hidden any cell can
 * rise without bound, so a path always exists upwards; were none found, the answer would be
 * every shown cell (fail closed).
 */
export function chooseCellsToWiden(table: LinkedTable, hidden: readonly boolean[], cell: number, need: number, direction: Direction = 'up', isBlocked: readonly boolean[] = []): number[] {
  const { delta } = pushFlow(table, hidden, cell, direction, need);
  const path = findPath(table, hidden, delta, { ...findEnds(table, cell, direction), excluded: cell, isWidening: true, isBlocked });
  const shown = table.counts.flatMap((_, index) => (hidden[index] === true || isBlocked[index] === true ? [] : [index]));
  return path === undefined ? shown : path.flatMap((step) => (hidden[step.cell] === true ? [] : [step.cell]));
}
