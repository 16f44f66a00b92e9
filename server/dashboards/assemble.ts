import type { DisclosedCount, WaveDisclosure } from '../disclosure/suppress.js';
import { suppressConstructCounts, suppressSmallGroups } from '../disclosure/suppress.js';
import type { Instrument } from '../instruments/definition.js';
import { type GroupSummary, type PairSums, pearsonFromSums, type ScaleRule, scoreItem, summarizeTotals } from '../instruments/scoring.js';

/** Rows as the dashboard's SQL aggregates return them: one per (unit, role) cell, role null when not given. */
export type CellCountRow = { unitId: string; roleGroup: string | null; n: number };
export type ScoreBinRow = {
  unitId: string; roleGroup: string | null; subscale: string; bin: number; n: number; sum: number; sumSquares: number;
  /** Over the bin's respondents who answered the outcome item: their scores (x) with those answers (y). */
  outcome: PairSums;
};
export type ItemValueRow = { unitId: string; roleGroup: string | null; question: string; value: number; n: number };
/** How strongly a subscale goes with the outcome item in one group: r over n respondents (null when undefined). */
export type DriverRow = { subscale: string; n: number; r: number | null };

/** A group of the wave: every unit and role when a field is absent. */
export type GroupSelector = { unitId?: string; role?: string };

/** A statistic as it may leave the server: shown with its numbers, or hidden with none. */
export type Shown<T> = ({ isShown: true } & T) | { isShown: false };
export type ConstructStat = Shown<{ n: number; mean: number; sd: number | null; percentFavorable: number; distribution: GroupSummary['distribution'] }>;
export type ItemStat = Shown<{ n: number; mean: number; percentFavorable: number }>;

/** Everything one wave's figures depend on, already decided by the disclosure module. */
export type WaveFigures = {
  respondents: WaveDisclosure;
  constructs: Map<string, { decision: WaveDisclosure; bins: ScoreBinRow[] }>;
  items: Map<string, { decision: WaveDisclosure; values: ItemValueRow[] }>;
};

const hiddenCount: DisclosedCount = { isShown: false, reason: 'secondary' };

/** The disclosure decision of one group, read from a wave's decided table. */
export function decisionFor(table: WaveDisclosure, group: GroupSelector): DisclosedCount {
  if (group.unitId === undefined) {
    if (group.role === undefined) return table.total;
    return table.roles.find((entry) => entry.role === group.role)?.count ?? hiddenCount;
  }
  const unit = table.units.find((entry) => entry.unit === group.unitId);
  if (!unit) return hiddenCount;
  if (group.role === undefined) return unit.count;
  return unit.roles.find((entry) => entry.role === group.role)?.count ?? hiddenCount;
}

export function isInGroup(row: { unitId: string; roleGroup: string | null }, group: GroupSelector): boolean {
  return (group.unitId === undefined || row.unitId === group.unitId) && (group.role === undefined || row.roleGroup === group.role);
}

/** Per (unit, role) cell, the sum of `n` over the rows (bins or answer values) of that cell. */
function sumCountsPerCell(rows: ReadonlyArray<{ unitId: string; roleGroup: string | null; n: number }>) {
  const sums = new Map<string, { unit: string; role: string | null; n: number }>();
  for (const row of rows) {
    const id = `${row.unitId}\u0000${String(row.roleGroup)}`;
    const entry = sums.get(id) ?? { unit: row.unitId, role: row.roleGroup, n: 0 };
    entry.n += row.n;
    sums.set(id, entry);
  }
  return [...sums.values()];
}

function groupRows<Row>(rows: readonly Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * The disclosure decision on a wave's respondent counts. Every page that shows a count of this
 * wave (dashboard, wave page, organization home) calls this with the same inputs: all units of
 * the organization and the instrument's role groups. The module is deterministic, so they agree.
 */
export function decideRespondents(instrument: Instrument, k: number, unitIds: readonly string[], counts: readonly CellCountRow[]): WaveDisclosure {
  const decided = suppressSmallGroups({ k, units: unitIds, roles: roleValues(instrument), rows: counts.map((row) => ({ unit: row.unitId, role: row.roleGroup, n: row.n })) });
  if (!decided.ok) throw new Error(`disclosure refused the respondent table: ${JSON.stringify(decided.problems)}`);
  return decided.disclosure;
}

/**
 * Decides, through the disclosure module only, which groups of a wave may show each figure:
 * respondent counts first, then every construct's and every item's own counts (a construct is
 * scored, and an item answered, by only part of each group). Returns problems from the module
 * unchanged; the caller turns them into an error.
 */
export function decideWaveFigures(
  instrument: Instrument, k: number, unitIds: readonly string[],
  rows: { counts: readonly CellCountRow[]; bins: readonly ScoreBinRow[]; items: readonly ItemValueRow[] },
): WaveFigures {
  const respondents = decideRespondents(instrument, k, unitIds, rows.counts);
  const decideFor = (counts: Array<{ unit: string; role: string | null; n: number }>): WaveDisclosure => {
    const decided = suppressConstructCounts(respondents, counts);
    if (!decided.ok) throw new Error(`disclosure refused a construct table: ${JSON.stringify(decided.problems)}`);
    return decided.disclosure;
  };
  const binsBySubscale = groupRows(rows.bins, (row) => row.subscale);
  const constructs = new Map(instrument.subscales.map((subscale) => {
    const bins = binsBySubscale.get(subscale.key) ?? [];
    return [subscale.key, { decision: decideFor(sumCountsPerCell(bins)), bins }] as const;
  }));
  const valuesByItem = groupRows(rows.items, (row) => row.question);
  const items = new Map(ratingItems(instrument).map((question) => {
    const values = valuesByItem.get(question) ?? [];
    return [question, { decision: decideFor(sumCountsPerCell(values)), values }] as const;
  }));
  return { respondents, constructs, items };
}

/** The role values the instrument's role question offers, in its order. */
export function roleValues(instrument: Instrument): string[] {
  const question = instrument.questions.find((entry) => entry.name === instrument.demographics.roleGroup);
  return question && question.kind === 'single_choice' ? question.values.map(String) : [];
}

/** Rating questions that belong to a subscale, in instrument order. */
export function ratingItems(instrument: Instrument): string[] {
  return instrument.subscales.flatMap((subscale) => subscale.items.map((item) => item.question));
}

/** A construct's figures for one group, or hidden when the disclosure module says so. */
export function constructStat(figures: WaveFigures, subscale: string, group: GroupSelector, scale: ScaleRule): ConstructStat {
  const entry = figures.constructs.get(subscale);
  if (!entry || !decisionFor(figures.respondents, group).isShown || !decisionFor(entry.decision, group).isShown) return { isShown: false };
  const inGroup = entry.bins.filter((row) => isInGroup(row, group));
  const bins = inGroup.map((row) => ({ point: row.bin, count: row.n }));
  const summary = summarizeTotals({
    n: inGroup.reduce((sum, row) => sum + row.n, 0),
    sum: inGroup.reduce((sum, row) => sum + row.sum, 0),
    sumSquares: inGroup.reduce((sum, row) => sum + row.sumSquares, 0),
    bins,
  }, scale);
  if (summary.mean === null || summary.percentFavorable === null) return { isShown: false };
  return { isShown: true, n: summary.n, mean: summary.mean, sd: summary.sd, percentFavorable: summary.percentFavorable, distribution: summary.distribution };
}

/** One item's mean and % favorable for a group (after reverse coding), or hidden. */
export function itemStat(figures: WaveFigures, instrument: Instrument, question: string, group: GroupSelector): ItemStat {
  const entry = figures.items.get(question);
  if (!entry || !decisionFor(figures.respondents, group).isShown || !decisionFor(entry.decision, group).isShown) return { isShown: false };
  const item = instrument.subscales.flatMap((subscale) => subscale.items).find((candidate) => candidate.question === question);
  const scale = instrument.scale;
  let n = 0;
  let sum = 0;
  let favorable = 0;
  for (const row of entry.values.filter((candidate) => isInGroup(candidate, group))) {
    const scored = scoreItem({ question, isReversed: item?.reverse ?? false }, scale, row.value);
    if (scored === undefined) continue;
    n += row.n;
    sum += scored * row.n;
    if (scored >= scale.favorableAtLeast) favorable += row.n;
  }
  return n === 0 ? { isShown: false } : { isShown: true, n, mean: sum / n, percentFavorable: (100 * favorable) / n };
}

/** Each subscale's correlation with the outcome item over one group, from the sums of its cells' bins. */
export function correlateDrivers(bins: readonly ScoreBinRow[], group: GroupSelector): DriverRow[] {
  const sums = new Map<string, PairSums>();
  for (const { subscale, outcome } of bins.filter((candidate) => isInGroup(candidate, group))) {
    const total = sums.get(subscale) ?? { n: 0, sumX: 0, sumXSquares: 0, sumY: 0, sumYSquares: 0, sumProducts: 0 };
    sums.set(subscale, {
      n: total.n + outcome.n, sumX: total.sumX + outcome.sumX, sumXSquares: total.sumXSquares + outcome.sumXSquares,
      sumY: total.sumY + outcome.sumY, sumYSquares: total.sumYSquares + outcome.sumYSquares, sumProducts: total.sumProducts + outcome.sumProducts,
    });
  }
  return [...sums].map(([subscale, total]) => ({ subscale, n: total.n, r: pearsonFromSums(total) }));
}
