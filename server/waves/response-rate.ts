import type { DisclosedCount, WaveDisclosure } from '../disclosure/suppress.js';

/**
 * Response counts per unit as a manager may see them. Which counts may be shown is decided by
 * server/disclosure/ on the wave's (unit, role group) table, exactly as for the dashboard, so no
 * page can show a count another page hides: comparing them would reveal it by subtraction.
 */
export type Distribution = 'open_link' | 'invitation';
export type UnitCount = { unitId: string; unitName: string; invited: number };

export type CountCell =
  | { kind: 'hidden' }
  | { kind: 'count'; responses: number }
  | { kind: 'rate'; responses: number; invited: number; percent: number };

export type ResponseRates = {
  units: Array<UnitCount & { cell: CountCell }>;
  total: CountCell;
};

function cellFor(count: DisclosedCount, invited: number, distribution: Distribution): CountCell {
  if (!count.isShown) return { kind: 'hidden' };
  if (distribution === 'open_link' || invited === 0) return { kind: 'count', responses: count.n };
  return { kind: 'rate', responses: count.n, invited, percent: Math.round((count.n / invited) * 100) };
}

/**
 * `units` holds every unit of the wave with its invitations issued (0 for open links);
 * `decision` is the disclosure module's decision on the wave's respondent counts. Rates are
 * responses ÷ invitations issued, rounded to a whole percent; open links show the count alone.
 */
export function describeResponseRates(units: readonly UnitCount[], decision: WaveDisclosure, distribution: Distribution): ResponseRates {
  const hidden: DisclosedCount = { isShown: false, reason: 'secondary' };
  return {
    units: units.map((unit) => ({ ...unit, cell: cellFor(decision.units.find((entry) => entry.unit === unit.unitId)?.count ?? hidden, unit.invited, distribution) })),
    total: cellFor(decision.total, units.reduce((sum, unit) => sum + unit.invited, 0), distribution),
  };
}

/** The words shown for a cell, e.g. "12 of 20 invited (60%)"; every hidden count reads the same. */
export function describeCell(cell: CountCell): string {
  switch (cell.kind) {
    case 'hidden':
      return 'Suppressed';
    case 'count':
      return `${cell.responses} responses`;
    case 'rate':
      return `${cell.responses} of ${cell.invited} invited (${cell.percent}%)`;
  }
}
