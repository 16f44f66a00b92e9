import { chooseCellsToWiden, measureFreedom } from './cycles.js';
import type { LinkedTable } from './linked-table.js';

/**
 * Widens the hidden set around the first hidden cell an attacker could pin down, and reports
 * whether it hid anything. A hidden cell holding respondents must not have a value the shown
 * cells fix, and a small one (fewer than k) must not even be provably small: its largest
 * possible value must reach k. An empty hidden cell needs nothing: at worst an attacker learns
 * that nobody is in it, which reveals no answer. `isFree` marks cells already found free; it is
 * read and updated.
 */
function widenFirstPinnedCell(table: LinkedTable, hidden: boolean[], k: number, isFree: boolean[]): boolean {
  for (const [cell, n] of table.counts.entries()) {
    if (hidden[cell] !== true || n === 0 || isFree[cell] === true) continue;
    const need = Math.max(k - n, 1);
    isFree[cell] = measureFreedom(table, hidden, cell, 'up', need) >= need
      || (n >= k && measureFreedom(table, hidden, cell, 'down', 1) >= 1);
    if (isFree[cell]) continue;
    for (const widened of chooseCellsToWiden(table, hidden, cell, need)) hidden[widened] = true;
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
 * hidden cell is pinned: a fixpoint over all rows and columns at once. Returns a hidden flag
 * per cell index.
 *
 * The usual relation rule follows: in every row and column either the hidden members hold
 * nobody, or at least two are hidden (a lone hidden member is the difference of the shown
 * ones, so it would be pinned), and if the margin is shown the hidden components hold at least
 * k together (they are at least the largest possible value of a small one among them, which
 * reaches k, or they are all shown-size cells of k or more). Picking complements per relation
 * instead, smallest first, often hides cells that do not line up into cycles and must then hide
 * more to close them.
 */
export function protectTable(table: LinkedTable, k: number, hiddenAtStart: readonly boolean[]): boolean[] {
  const hidden = table.counts.map((n, cell) => n < k || hiddenAtStart[cell] === true);
  // Hiding more only adds ways to move, so a cell found free stays free and is not measured again.
  const isFree = table.counts.map(() => false);
  while (widenFirstPinnedCell(table, hidden, k, isFree));
  return hidden;
}
