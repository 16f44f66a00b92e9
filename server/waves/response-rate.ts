/**
 * Response counts per unit as a manager may see them. Every number shown for a unit comes from
 * at least k responses (minimum group size, anonymity rule 3); a smaller unit, zero included,
 * shows only "fewer than k". The wave total follows the same rule and is also withheld when it
 * could recover hidden units by subtraction: the hidden units together (if any) must hold at
 * least k responses. One pure rule, to be routed through server/disclosure/ when that module lands.
 */
export type Distribution = 'open_link' | 'invitation';
export type UnitCount = { unitId: string; unitName: string; responses: number; invited: number };

export type CountCell =
  | { kind: 'hidden'; minGroupSize: number }
  | { kind: 'withheld' }
  | { kind: 'count'; responses: number }
  | { kind: 'rate'; responses: number; invited: number; percent: number };

export type ResponseRates = {
  units: Array<UnitCount & { cell: CountCell }>;
  total: CountCell;
};

function cellFor(responses: number, invited: number, minGroupSize: number, distribution: Distribution): CountCell {
  if (responses < minGroupSize) return { kind: 'hidden', minGroupSize };
  if (distribution === 'open_link' || invited === 0) return { kind: 'count', responses };
  return { kind: 'rate', responses, invited, percent: Math.round((responses / invited) * 100) };
}

/**
 * `units` holds every unit of the wave with its responses and invitations issued (0 for open
 * links); `minGroupSize` is the wave's k (at least 3). Rates are responses ÷ invitations issued,
 * rounded to a whole percent; open links show the count alone.
 */
export function describeResponseRates(units: readonly UnitCount[], minGroupSize: number, distribution: Distribution): ResponseRates {
  const described = units.map((unit) => ({ ...unit, cell: cellFor(unit.responses, unit.invited, minGroupSize, distribution) }));
  const hidden = described.filter((unit) => unit.cell.kind === 'hidden');
  const hiddenResponses = hidden.reduce((sum, unit) => sum + unit.responses, 0);
  const totalResponses = units.reduce((sum, unit) => sum + unit.responses, 0);
  const totalInvited = units.reduce((sum, unit) => sum + unit.invited, 0);
  const total = cellFor(totalResponses, totalInvited, minGroupSize, distribution);
  const wouldRevealHidden = hidden.length > 0 && hiddenResponses < minGroupSize;
  return { units: described, total: total.kind !== 'hidden' && wouldRevealHidden ? { kind: 'withheld' } : total };
}

/** The words shown for a cell, e.g. "12 of 20 invited (60%)" or "fewer than 5". */
export function describeCell(cell: CountCell): string {
  switch (cell.kind) {
    case 'hidden':
      return `fewer than ${cell.minGroupSize}`;
    case 'withheld':
      return 'not shown: it would reveal a unit with fewer responses';
    case 'count':
      return `${cell.responses} responses`;
    case 'rate':
      return `${cell.responses} of ${cell.invited} invited (${cell.percent}%)`;
  }
}
