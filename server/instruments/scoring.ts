import { memoizeByObject } from '../memo.js';
import type { InstrumentFile } from './definition.js';

/**
 * The one scoring engine: every dashboard, export and stored score uses these rules.
 *
 * Units: item answers and subscale scores are on the instrument's response scale
 * (`scale.min`..`scale.max`, e.g. 1..5); higher always means a more favorable climate,
 * because reverse-worded items are reversed before anything else (x -> min + max - x).
 *
 * Missing-data rule: a subscale is scored for a response only when at least
 * `minAnsweredShare` of its items were answered (0.5 by default: 3 of 5 or 6 items, 2 of 4);
 * its score is then the mean of the answered items. Otherwise the subscale is left unscored
 * (absent), never zero, so skipping a question — every respondent's right — cannot pull a
 * group's mean down. Item-level mean imputation of this kind ("prorated" or "person-mean"
 * scores) is the usual rule for short Likert scales (Schafer & Graham 2002; Downey & King 1998).
 */
export type ScaleRule = { min: number; max: number; favorableAtLeast: number };
export type ItemRule = { question: string; isReversed: boolean };
export type SubscaleRule = {
  key: string;
  construct: string;
  items: ItemRule[];
  minAnsweredShare: number;
  /** The smallest number of answered items that gets the subscale scored. */
  minAnswered: number;
};
export type ScoringRules = { scale: ScaleRule; subscales: SubscaleRule[] };

/** Subscale key -> score; a key is absent when the missing-data rule left it unscored. */
export type SubscaleScores = Record<string, number>;

export type GroupSummary = {
  /** Scored values in the group (respondents whose score exists). */
  n: number;
  mean: number | null;
  /** Sample standard deviation (divisor n - 1); null below two values. */
  sd: number | null;
  /** One bin per scale point, low to high; see summarizeScores for the binning rule. */
  distribution: Array<{ point: number; count: number }>;
  /** 0..100: share of values >= scale.favorableAtLeast; null when n is 0. */
  percentFavorable: number | null;
};

// Floating-point guard: 0.28 * 25 is 7.000000000000001, which must still mean "7 items".
const epsilon = 1e-9;

/** A pure description of how an instrument is scored, for this engine and for SQL aggregates. */
export const scoringRules = memoizeByObject((instrument: Pick<InstrumentFile, 'scale' | 'subscales'>): ScoringRules => {
  const { min, max, favorableAtLeast } = instrument.scale;
  return {
    scale: { min, max, favorableAtLeast },
    subscales: instrument.subscales.map((subscale) => ({
      key: subscale.key,
      construct: subscale.construct,
      items: subscale.items.map((item) => ({ question: item.question, isReversed: item.reverse })),
      minAnsweredShare: subscale.minAnsweredShare,
      minAnswered: Math.max(1, Math.ceil(subscale.minAnsweredShare * subscale.items.length - epsilon)),
    })),
  };
});

/** An answer on the scale, reversed when the item is reverse-worded; undefined when not answered. */
export function scoreItem(item: ItemRule, scale: ScaleRule, answer: unknown): number | undefined {
  if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < scale.min || answer > scale.max) return undefined;
  return item.isReversed ? scale.min + scale.max - answer : answer;
}

/** The mean of `values`, or null for an empty list. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Subscale scores of one response from its validated answers (question name -> value).
 * Each score is the unrounded mean of the answered items after reverse coding, present only
 * when at least `minAnswered` items were answered.
 */
export function scoreResponse(rules: ScoringRules, answers: Readonly<Record<string, unknown>>): SubscaleScores {
  const scores: SubscaleScores = {};
  for (const subscale of rules.subscales) {
    const values = subscale.items
      .map((item) => scoreItem(item, rules.scale, answers[item.question]))
      .filter((value): value is number => value !== undefined);
    const score = mean(values);
    if (score !== null && values.length >= subscale.minAnswered) scores[subscale.key] = score;
  }
  return scores;
}

/** Sample variance (divisor n - 1), or null below two values. */
function sampleVariance(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null || values.length < 2) return null;
  return values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
}

/**
 * n, mean, sample SD, distribution and % favorable of one group's values: item answers
 * (already reverse-coded by scoreItem) or subscale scores of the respondents in the group.
 *
 * Distribution: the bin of scale point p counts values v with p <= v < p + 1 (the top point
 * counts v = max), so a subscale score of 3.5 falls in bin 3. With this rule the bins at or
 * above `favorableAtLeast` add up to exactly the favorable count.
 * % favorable: 100 * (values >= favorableAtLeast) / n — for subscale scores, the share of
 * scored respondents whose mean item score reaches the favorable threshold (4 = "Agree").
 */
export function summarizeScores(values: readonly number[], scale: ScaleRule): GroupSummary {
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
  const distribution = points.map((point) => ({
    point,
    count: values.filter((value) => (point === scale.max ? value >= point : value >= point && value < point + 1)).length,
  }));
  const variance = sampleVariance(values);
  const favorable = values.filter((value) => value >= scale.favorableAtLeast).length;
  return {
    n: values.length,
    mean: mean(values),
    sd: variance === null ? null : Math.sqrt(variance),
    distribution,
    percentFavorable: values.length === 0 ? null : (100 * favorable) / values.length,
  };
}

/** Running sums of one group's values, as SQL aggregates return them; the sums of groups add up. */
export type ValueSums = { n: number; sum: number; sumOfSquares: number; favorable: number };

/**
 * n, mean, sample SD and % favorable from running sums, by the rules of summarizeScores (SD with
 * divisor n - 1, null below two values; favorable = values >= scale.favorableAtLeast, counted
 * into `favorable` by the caller), so stored scores can be aggregated in SQL without holding them.
 */
export function summarizeSums(sums: ValueSums): Omit<GroupSummary, 'distribution'> {
  const { n, sum, sumOfSquares, favorable } = sums;
  // max(0, ...): rounding can leave a tiny negative variance when every value is equal.
  const variance = n < 2 ? null : Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  return {
    n,
    mean: n === 0 ? null : sum / n,
    sd: variance === null ? null : Math.sqrt(variance),
    percentFavorable: n === 0 ? null : (100 * favorable) / n,
  };
}

/** Per subscale, the summary of a group's stored scores (one SubscaleScores per response). */
export function summarizeGroup(rules: ScoringRules, responses: readonly SubscaleScores[]): Record<string, GroupSummary> {
  const summaries: Record<string, GroupSummary> = {};
  for (const subscale of rules.subscales) {
    const values = responses.map((scores) => scores[subscale.key]).filter((value): value is number => value !== undefined);
    summaries[subscale.key] = summarizeScores(values, rules.scale);
  }
  return summaries;
}

/** Sufficient statistics of a group's values, as SQL aggregates return them. */
export type ScoreTotals = {
  n: number;
  sum: number;
  sumSquares: number;
  /** Count per scale point, binned as in summarizeScores (bin p holds p <= v < p + 1; the top point holds v = max). */
  bins: ReadonlyArray<{ point: number; count: number }>;
};

/**
 * The same summary as summarizeScores, computed from totals instead of the values themselves, so
 * dashboards can aggregate in the database. % favorable counts the bins at or above
 * `favorableAtLeast`, which equals counting values >= it because the threshold is a scale point.
 */
export function summarizeTotals(totals: ScoreTotals, scale: ScaleRule): GroupSummary {
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
  const countAt = (point: number): number => totals.bins.filter((bin) => bin.point === point).reduce((sum, bin) => sum + bin.count, 0);
  const distribution = points.map((point) => ({ point, count: countAt(point) }));
  const favorable = distribution.filter((bin) => bin.point >= scale.favorableAtLeast).reduce((sum, bin) => sum + bin.count, 0);
  return { ...summarizeSums({ n: totals.n, sum: totals.sum, sumOfSquares: totals.sumSquares, favorable }), distribution };
}

/** Sums over n (x, y) pairs, as SQL aggregates return them. */
export type PairSums = { n: number; sumX: number; sumXSquares: number; sumY: number; sumYSquares: number; sumProducts: number };

/**
 * Pearson's r of the pairs behind these sums (the value SQL's corr() gives), so a correlation
 * over any group is computed from its parts' sums. Null below two pairs or when x or y does not
 * vary, where r is undefined.
 */
export function pearsonFromSums(sums: PairSums): number | null {
  const { n } = sums;
  if (n < 2) return null;
  const covariance = sums.sumProducts - (sums.sumX * sums.sumY) / n;
  const varianceX = sums.sumXSquares - (sums.sumX * sums.sumX) / n;
  const varianceY = sums.sumYSquares - (sums.sumY * sums.sumY) / n;
  // Sums of squares of values that do not vary can come out as tiny non-zero rounding errors.
  const tolerance = 1e-9 * Math.max(sums.sumXSquares, sums.sumYSquares, 1);
  if (varianceX <= tolerance || varianceY <= tolerance) return null;
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
}
