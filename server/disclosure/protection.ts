import { chooseCellsToWiden, type Direction, measureFreedom } from './cycles.js';
import type { LinkedTable } from './linked-table.js';

/**
 * What an attacker must not be able to prove about a hidden cell holding `n` people, as moves
 * the cell must be able to make: a small one (1 to k−1) must be able to reach 0 and k (the
 * attacker can tell neither that it is empty nor that it is small); a larger one must not be
 * pinned (it can move by one either way). An empty hidden cell needs nothing: at worst an
 * attacker learns that nobody is in it, which reveals no answer. `total` is the table's grand
 * total: when the whole wave counts fewer than k (three people unfavorable in all), that shown
 * figure already bounds every group by itself, so a cell need only be able to reach it.
 */
function listRequiredMoves(n: number, k: number, total: number): Array<{ direction: Direction; need: number; isAlternative: boolean }> {
  if (n === 0) return [];
  if (n >= k) return [{ direction: 'up', need: 1, isAlternative: true }, { direction: 'down', need: 1, isAlternative: true }];
  const ceiling = Math.min(k, total);
  const down = { direction: 'down' as const, need: n, isAlternative: false };
  return ceiling > n ? [{ direction: 'up', need: ceiling - n, isAlternative: false }, down] : [down];
}

/**
 * Widens the hidden set around the first hidden cell an attacker could pin down or prove small,
 * and reports whether it hid anything. `isFree` marks cells already found free; it is read and
 * updated. `fixed` marks hidden cells another table already proves empty: they cannot move, so
 * they are analysed as if shown (a cell known to be empty protects nothing).
 */
function widenFirstPinnedCell(table: LinkedTable, hidden: boolean[], k: number, isFree: boolean[], fixed: readonly boolean[]): boolean {
  const analysed = hidden.map((isHidden, cell) => isHidden && fixed[cell] !== true);
  const total = table.counts.at(-1) ?? 0;
  for (const [cell, n] of table.counts.entries()) {
    if (analysed[cell] !== true || isFree[cell] === true) continue;
    const moves = listRequiredMoves(n, k, total);
    const failing = moves.filter((move) => measureFreedom(table, analysed, cell, move.direction, move.need) < move.need);
    const isPinned = moves.some((move) => move.isAlternative) ? failing.length === moves.length : failing.length > 0;
    isFree[cell] = !isPinned;
    const move = failing[0];
    if (!isPinned || !move) continue;
    // The wave total is never hidden to protect a group: with every other cell hidden, any count
    // can take all of its table's mass or give it all away, so that always suffices.
    const totalCell = table.counts.length - 1;
    const isHideable = (candidate: number): boolean => hidden[candidate] !== true && fixed[candidate] !== true && candidate !== totalCell;
    const cycle = chooseCellsToWiden(table, analysed, cell, move.need, move.direction, fixed);
    const widened = cycle.every(isHideable) && cycle.length > 0 ? cycle : table.counts.flatMap((_, candidate) => (isHideable(candidate) ? [candidate] : []));
    if (widened.length === 0) {
      isFree[cell] = true;
      continue;
    }
    for (const candidate of widened) hidden[candidate] = true;
    return true;
  }
  return false;
}

/**
 * Which cells of the grid to hide so that no hidden count can be recovered by subtraction.
 * Inputs: the grid, k (respondents, ≥ 3) and cells that must be hidden whatever their count
 * (by cell index; e.g. cells hidden in the respondent table when protecting a construct's
 * counts). Cells with fewer than k respondents, empty ones included, are hidden first
 * (primary). Then, one pinned cell at a time in cell order, the shown cells that complete the
 * cheapest cycle around it (fewest respondents hidden) are hidden too (secondary), until no
 * hidden cell is pinned or provably small: a fixpoint over all rows and columns at once.
 * Returns a hidden flag per cell index.
 *
 * The usual relation rule follows: in every row and column either the hidden members hold
 * nobody, or at least two are hidden (a lone hidden member is the difference of the shown
 * ones, so it would be pinned), and if the margin is shown the hidden components hold at least
 * k together. Picking complements per relation instead, smallest first, often hides cells that
 * do not line up into cycles and must then hide more to close them.
 */
export function protectTable(table: LinkedTable, k: number, hiddenAtStart: readonly boolean[]): boolean[] {
  const hidden = table.counts.map((n, cell) => n < k || hiddenAtStart[cell] === true);
  return protectLinkedTables([table], k, hidden, []);
}

/**
 * One hidden pattern protecting several tables over the same grid at once, such as a
 * subscale's scored counts and its unfavorable, neutral and favorable counts: a group's figures
 * are shown or hidden together, so the pattern is shared, and a cell widened for one table is
 * hidden in all of them. Every hidden cell of every table must satisfy the rule of protectTable.
 * Inputs: the tables (same grid), k, the cells hidden from the start, and the cells already
 * proven empty elsewhere (`fixed`). Returns the shared hidden flags.
 */
export function protectLinkedTables(tables: readonly LinkedTable[], k: number, hiddenAtStart: readonly boolean[], fixed: readonly boolean[]): boolean[] {
  const hidden = [...hiddenAtStart];
  // Hiding more only adds ways to move, so a cell found free stays free and is not measured again.
  const isFree = tables.map((table) => table.counts.map(() => false));
  for (let changed = true; changed;) {
    changed = tables.some((table, index) => widenFirstPinnedCell(table, hidden, k, isFree[index] ?? [], fixed));
  }
  return hidden;
}

/**
 * Hidden cells that the table proves empty: they hold nobody and no cycle can raise them.
 * Another table over the same people (a subscale's counts can never exceed the respondents)
 * must not count on such a cell to hide anything.
 */
export function findProvenEmpty(table: LinkedTable, hidden: readonly boolean[]): boolean[] {
  return table.counts.map((n, cell) => hidden[cell] === true && n === 0 && measureFreedom(table, hidden, cell, 'up', 1) < 1);
}
