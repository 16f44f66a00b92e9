import type { CountRow, DisclosedCount, FigureFamily, WaveDisclosure } from '../disclosure/suppress.js';
import { suppressWaveFigures } from '../disclosure/suppress.js';
import type { Instrument } from '../instruments/definition.js';
import { type PairSums, pearsonFromSums, type ScaleRule, scoreItem, summarizeTotals } from '../instruments/scoring.js';

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
/** How many scored below the middle of the scale, in it, and at or above the favorable point. */
export type CategoryCounts = { unfavorable: number; neutral: number; favorable: number };
/**
 * `percentFavorable` is the one definition used everywhere (areas, items, actions, change, PDF,
 * exports): the share of answers, after reverse coding, at or above the scale's favorable point
 * (4 "Agree" or 5 on 1 to 5), pooled over an area's items; null when any of those items is hidden
 * for the group, since the pooled share is read only from item figures already disclosed.
 * `categories` counts respondents by their area mean (below 3, 3 to under 4, 4 or more).
 */
export type ConstructStat = Shown<{ n: number; mean: number; sd: number | null; percentFavorable: number | null; categories: CategoryCounts }>;
export type ItemStat = Shown<{ n: number; mean: number; percentFavorable: number }>;

/** Everything one wave's figures depend on, already decided by the disclosure module. */
export type WaveFigures = {
  respondents: WaveDisclosure;
  constructs: Map<string, { decision: WaveDisclosure; bins: ScoreBinRow[]; items: readonly string[] }>;
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

type Category = keyof CategoryCounts;
const categories: readonly Category[] = ['unfavorable', 'neutral', 'favorable'];

/**
 * The category of a score point (a bin's lower edge, or an item's value after reverse coding):
 * favorable from the scale's favorable point, neutral from the middle of the scale (3 on 1 to
 * 5), unfavorable below. Groups publish these three counts, not the five-point distribution,
 * so that fewer small counts are published and each can be protected as a linked table.
 */
export function categorize(scale: ScaleRule, point: number): Category {
  if (point >= scale.favorableAtLeast) return 'favorable';
  return point >= Math.ceil((scale.min + scale.max) / 2) ? 'neutral' : 'unfavorable';
}

/** Per (unit, role) cell, the sum of `n` over the rows (bins or answer values) of that cell that pass `isCounted`. */
function sumCountsPerCell<Row extends { unitId: string; roleGroup: string | null; n: number }>(rows: readonly Row[], isCounted: (row: Row) => boolean = () => true): CountRow[] {
  const sums = new Map<string, CountRow>();
  for (const row of rows) {
    const id = `${row.unitId}\u0000${String(row.roleGroup)}`;
    const entry = sums.get(id) ?? { unit: row.unitId, role: row.roleGroup, n: 0 };
    if (isCounted(row)) entry.n += row.n;
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
 * Decides, through the disclosure module only, which groups of a wave may show each figure:
 * respondent counts first, then each subscale's and each item's family of counts (scored or
 * answered, with its unfavorable, neutral and favorable parts), each family protected as one
 * linked system over the same cells. `unitIds` must be in a stable order that no name decides
 * (ids sorted), so that a rename never changes which group complementary suppression picks.
 * Throws when the module refuses the counts: they come from one query, so that is a bug.
 */
export function decideWaveFigures(
  instrument: Instrument, k: number, unitIds: readonly string[],
  rows: { counts: readonly CellCountRow[]; bins: readonly ScoreBinRow[]; items: readonly ItemValueRow[] },
): WaveFigures {
  const scale = instrument.scale;
  const binsBySubscale = groupRows(rows.bins, (row) => row.subscale);
  const subscaleFamilies = instrument.subscales.map((subscale) => {
    const bins = binsBySubscale.get(subscale.key) ?? [];
    return { key: subscale.key, bins, family: { base: sumCountsPerCell(bins), parts: categories.map((category) => sumCountsPerCell(bins, (row) => categorize(scale, row.bin) === category)) } };
  });
  const valuesByItem = groupRows(rows.items, (row) => row.question);
  const itemFamilies = instrument.subscales.flatMap((subscale) => subscale.items).map((item) => {
    const values = valuesByItem.get(item.question) ?? [];
    const categoryOf = (row: ItemValueRow): Category | undefined => {
      const scored = scoreItem({ question: item.question, isReversed: item.reverse }, scale, row.value);
      return scored === undefined ? undefined : categorize(scale, scored);
    };
    const family: FigureFamily = { base: sumCountsPerCell(values, (row) => categoryOf(row) !== undefined), parts: categories.map((category) => sumCountsPerCell(values, (row) => categoryOf(row) === category)) };
    return { question: item.question, values, family };
  });
  const decided = suppressWaveFigures({
    k, units: unitIds, roles: roleValues(instrument), rows: rows.counts.map((row) => ({ unit: row.unitId, role: row.roleGroup, n: row.n })),
    subscales: subscaleFamilies.map((entry) => entry.family), items: itemFamilies.map((entry) => entry.family),
  });
  if (!decided.ok) throw new Error(`disclosure refused the wave's counts: ${JSON.stringify(decided.problems)}`);
  const { respondents, items } = decided.decision;
  return {
    respondents,
    constructs: new Map(subscaleFamilies.map((entry) => [entry.key, { decision: respondents, bins: entry.bins, items: itemsOf(instrument, entry.key) }])),
    items: new Map(itemFamilies.map((entry, index) => [entry.question, { decision: items[index] ?? respondents, values: entry.values }])),
  };
}

/** The role values the instrument's role question offers, in its order. */
export function roleValues(instrument: Instrument): string[] {
  const question = instrument.questions.find((entry) => entry.name === instrument.demographics.roleGroup);
  return question && question.kind === 'single_choice' ? question.values.map(String) : [];
}

function itemsOf(instrument: Instrument, subscale: string): string[] {
  return instrument.subscales.find((entry) => entry.key === subscale)?.items.map((item) => item.question) ?? [];
}

/** Rating questions that belong to a subscale, in instrument order. */
export function ratingItems(instrument: Instrument): string[] {
  return instrument.subscales.flatMap((subscale) => subscale.items.map((item) => item.question));
}

/** Favorable and scored answers of one item for a group, or undefined when the item is hidden for it. */
function countFavorableAnswers(figures: WaveFigures, instrument: Instrument, question: string, group: GroupSelector): { n: number; favorable: number; sum: number } | undefined {
  const entry = figures.items.get(question);
  if (!entry || !decisionFor(figures.respondents, group).isShown || !decisionFor(entry.decision, group).isShown) return undefined;
  const item = instrument.subscales.flatMap((subscale) => subscale.items).find((candidate) => candidate.question === question);
  const counts = { n: 0, favorable: 0, sum: 0 };
  for (const row of entry.values.filter((candidate) => isInGroup(candidate, group))) {
    const scored = scoreItem({ question, isReversed: item?.reverse ?? false }, instrument.scale, row.value);
    if (scored === undefined) continue;
    counts.n += row.n;
    counts.sum += scored * row.n;
    if (scored >= instrument.scale.favorableAtLeast) counts.favorable += row.n;
  }
  return counts;
}

/**
 * An area's % favorable for a group: favorable answers over scored answers of all its items
 * (see ConstructStat). Null when any item is hidden for the group or none was answered: the
 * pooled share is then not a function of shown item figures, and a hidden item could be read
 * from it by subtracting the shown ones.
 */
function pooledPercentFavorable(figures: WaveFigures, instrument: Instrument, questions: readonly string[], group: GroupSelector): number | null {
  let n = 0;
  let favorable = 0;
  for (const question of questions) {
    const counts = countFavorableAnswers(figures, instrument, question, group);
    if (!counts) return null;
    n += counts.n;
    favorable += counts.favorable;
  }
  return n === 0 ? null : (100 * favorable) / n;
}

/** A construct's figures for one group, or hidden when the disclosure module says so. */
export function constructStat(figures: WaveFigures, subscale: string, group: GroupSelector, instrument: Instrument): ConstructStat {
  const scale = instrument.scale;
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
  if (summary.mean === null) return { isShown: false };
  const counts: CategoryCounts = { unfavorable: 0, neutral: 0, favorable: 0 };
  for (const bin of summary.distribution) counts[categorize(scale, bin.point)] += bin.count;
  const percentFavorable = pooledPercentFavorable(figures, instrument, entry.items, group);
  return { isShown: true, n: summary.n, mean: summary.mean, sd: summary.sd, percentFavorable, categories: counts };
}

/** One item's mean and % favorable (answers at or above the favorable point) for a group, after reverse coding, or hidden. */
export function itemStat(figures: WaveFigures, instrument: Instrument, question: string, group: GroupSelector): ItemStat {
  const counts = countFavorableAnswers(figures, instrument, question, group);
  if (!counts || counts.n === 0) return { isShown: false };
  return { isShown: true, n: counts.n, mean: counts.sum / counts.n, percentFavorable: (100 * counts.favorable) / counts.n };
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
