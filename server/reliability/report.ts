import { minimumDriverRespondents } from '../dashboards/model.js';
import type { DisclosedCount, WaveDisclosure } from '../disclosure/suppress.js';
import type { Instrument } from '../instruments/definition.js';
import { analyzeCovariance, type SubscaleReliability } from '../instruments/psychometrics.js';
import { scoreItem, type ScoringRules, scoringRules } from '../instruments/scoring.js';

/**
 * A closed wave's reliability report: Cronbach's alpha, McDonald's omega total, item-rest r and
 * alpha-if-deleted per subscale, for the whole wave, each role group and each unit.
 *
 * Respondents are tallied per (unit, role group) cell as sums and cross-products of the
 * reverse-coded items of those who answered every item of a subscale (listwise deletion, as
 * psych::alpha on complete cases); a group adds up its cells, so no response is kept in memory.
 *
 * Disclosure: a group is reported only where the wave's final results show it (the dashboard's
 * own decision, one pattern for respondents and every subscale), and statistics only where its
 * complete respondents reach the driver threshold (25) or k, whichever is larger: a
 * correlation over fewer respondents says little and moves with one person's answers.
 */
export type ItemSums = { n: number; sums: number[]; products: number[][] };

type Cell = { unit: string; role: string | null; respondents: number; subscales: Map<string, ItemSums> };

/** Cells by unit and role group, filled one response at a time. */
export type ReliabilityTally = Map<string, Cell>;

export type TalliedResponse = { unitId: string; roleGroup: string | null; answers: Readonly<Record<string, unknown>> };

export function tallyResponse(tally: ReliabilityTally, rules: ScoringRules, response: TalliedResponse): void {
  const key = JSON.stringify([response.unitId, response.roleGroup]);
  const cell = tally.get(key) ?? { unit: response.unitId, role: response.roleGroup, respondents: 0, subscales: new Map<string, ItemSums>() };
  tally.set(key, cell);
  cell.respondents += 1;
  for (const subscale of rules.subscales) {
    const row = subscale.items.map((item) => scoreItem(item, rules.scale, response.answers[item.question]));
    if (!row.every((value) => value !== undefined)) continue;
    const k = row.length;
    const sums = cell.subscales.get(subscale.key) ?? { n: 0, sums: new Array<number>(k).fill(0), products: row.map(() => new Array<number>(k).fill(0)) };
    cell.subscales.set(subscale.key, sums);
    sums.n += 1;
    row.forEach((x, i) => {
      sums.sums[i] = (sums.sums[i] ?? 0) + x;
      const products = sums.products[i] ?? [];
      row.forEach((y, j) => { products[j] = (products[j] ?? 0) + x * y; });
    });
  }
}

/** Sample covariance (divisor n - 1) from summed cells; null below 2 respondents. */
export function covarianceOf(cells: readonly ItemSums[], k: number): { n: number; covariance: number[][] | null } {
  const n = cells.reduce((total, cell) => total + cell.n, 0);
  if (n < 2) return { n, covariance: null };
  const range = Array.from({ length: k }, (_, index) => index);
  const sums = range.map((i) => cells.reduce((total, cell) => total + (cell.sums[i] ?? 0), 0));
  const covariance = range.map((i) => range.map((j) =>
    (cells.reduce((total, cell) => total + (cell.products[i]?.[j] ?? 0), 0) - ((sums[i] ?? 0) * (sums[j] ?? 0)) / n) / (n - 1)));
  return { n, covariance };
}

export type SubscaleResult = { key: string; count: DisclosedCount; reliability: SubscaleReliability | null };
export type GroupResult = { kind: 'wave' | 'role' | 'unit'; id: string | null; respondents: DisclosedCount; subscales: SubscaleResult[] };
export type ReliabilityReport = { k: number; minimum: number; groups: GroupResult[] };

type Selector = { kind: GroupResult['kind']; id: string | null; pick: (decision: WaveDisclosure) => DisclosedCount; holds: (cell: Cell) => boolean };

function listSelectors(wave: WaveDisclosure): Selector[] {
  return [
    { kind: 'wave', id: null, pick: (decision) => decision.total, holds: () => true },
    ...wave.roles.map((entry, index): Selector => ({
      kind: 'role', id: entry.role, pick: (decision) => decision.roles[index]?.count ?? wave.total, holds: (cell) => cell.role === entry.role,
    })),
    ...wave.units.map((entry, index): Selector => ({
      kind: 'unit', id: entry.unit, pick: (decision) => decision.units[index]?.count ?? wave.total, holds: (cell) => cell.unit === entry.unit,
    })),
  ];
}

/**
 * The report of one wave from its tally and the dashboard's decision on the wave's groups
 * (`decision`, over the units the wave had when it closed).
 */
export function buildReliabilityReport(input: { instrument: Instrument; k: number; decision: WaveDisclosure; tally: ReliabilityTally }): ReliabilityReport {
  const cells = [...input.tally.values()];
  const minimum = Math.max(minimumDriverRespondents, input.k);
  const hidden: DisclosedCount = { isShown: false, reason: 'secondary' };
  const groups = listSelectors(input.decision).map((selector): GroupResult => {
    const respondents = selector.pick(input.decision);
    return {
      kind: selector.kind, id: selector.id, respondents,
      subscales: scoringRules(input.instrument).subscales.map((subscale) => {
        const sums = cells.filter(selector.holds).flatMap((cell) => cell.subscales.get(subscale.key) ?? []);
        const { n, covariance } = covarianceOf(sums, subscale.items.length);
        if (!respondents.isShown) return { key: subscale.key, count: hidden, reliability: null };
        return { key: subscale.key, count: { isShown: true, n }, reliability: n < minimum ? null : analyzeCovariance(subscale, n, covariance) };
      }),
    };
  });
  return { k: input.k, minimum, groups };
}
