import type { CellCountRow, ItemValueRow, ScoreBinRow } from './assemble.js';

/** A closed wave's aggregates per (unit, role group) cell: everything its dashboard sums up. */
export type CellAggregates = { counts: CellCountRow[]; bins: ScoreBinRow[]; items: ItemValueRow[] };

/**
 * The same aggregates stored one entry per cell, its figures as tuples: a 50-unit wave's item
 * counts would otherwise repeat the unit id and field names some 25,000 times.
 */
export type PackedCell = {
  unitId: string;
  roleGroup: string | null;
  n: number;
  /** [subscale, bin, n, sum, sumSquares, and over those who answered the outcome: n, sumX, sumXSquares, sumY, sumYSquares, sumProducts] */
  bins: Array<[string, number, number, number, number, number, number, number, number, number, number]>;
  /** [question, value, n] */
  items: Array<[string, number, number]>;
};

export function packCells(aggregates: CellAggregates): PackedCell[] {
  const cells = new Map<string, PackedCell>();
  const cellOf = (row: { unitId: string; roleGroup: string | null }): PackedCell => {
    const key = `${row.unitId}\u0000${row.roleGroup ?? ''}\u0000${String(row.roleGroup === null)}`;
    const cell = cells.get(key) ?? { unitId: row.unitId, roleGroup: row.roleGroup, n: 0, bins: [], items: [] };
    cells.set(key, cell);
    return cell;
  };
  for (const row of aggregates.counts) cellOf(row).n += row.n;
  for (const { subscale, bin, n, sum, sumSquares, outcome, ...row } of aggregates.bins) {
    cellOf(row).bins.push([subscale, bin, n, sum, sumSquares, outcome.n, outcome.sumX, outcome.sumXSquares, outcome.sumY, outcome.sumYSquares, outcome.sumProducts]);
  }
  for (const row of aggregates.items) cellOf(row).items.push([row.question, row.value, row.n]);
  return [...cells.values()];
}

export function unpackCells(cells: readonly PackedCell[]): CellAggregates {
  const aggregates: CellAggregates = { counts: [], bins: [], items: [] };
  for (const { unitId, roleGroup, n: respondents, ...cell } of cells) {
    if (respondents > 0) aggregates.counts.push({ unitId, roleGroup, n: respondents });
    for (const [subscale, bin, n, sum, sumSquares, pairs, sumX, sumXSquares, sumY, sumYSquares, sumProducts] of cell.bins) {
      aggregates.bins.push({ unitId, roleGroup, subscale, bin, n, sum, sumSquares, outcome: { n: pairs, sumX, sumXSquares, sumY, sumYSquares, sumProducts } });
    }
    for (const [question, value, n] of cell.items) aggregates.items.push({ unitId, roleGroup, question, value, n });
  }
  return aggregates;
}
