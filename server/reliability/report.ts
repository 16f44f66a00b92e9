import { decideRespondents } from '../dashboards/assemble.js';
import { minimumDriverRespondents } from '../dashboards/model.js';
import { type CountProblem, type CountRow, type DisclosedCount, suppressConstructCounts, type WaveDisclosure } from '../disclosure/suppress.js';
import type { Instrument } from '../instruments/definition.js';
import { analyzeCovariance, type SubscaleReliability } from '../instruments/psychometrics.js';
import { scoreItem, type ScoringRules, scoringRules, type SubscaleRule } from '../instruments/scoring.js';

/**
 * A closed wave's reliability report: Cronbach's alpha, McDonald's omega total, item-rest r and
 * alpha-if-deleted per subscale, for the whole wave, each role group and each unit.
 *
 * Respondents are tallied per (unit, role group) cell as sums and cross-products of the
 * reverse-coded items of those who answered every item of a subscale (listwise deletion, as
 * psych::alpha on complete cases); a group adds up its cells, so no response is kept in memory.
 *
 * Disclosure: the group's respondent count is decided as on the dashboard (decideRespondents:
 * every unit of the organization, the instrument's role groups), so both hide the same groups;
 * each subscale's
 * count of complete respondents through suppressConstructCounts (so a subtraction across groups
 * cannot recover a hidden group's count), and statistics are computed only where that count is
 * shown and reaches the driver threshold (25) or k, whichever is larger: a correlation over fewer
 * respondents says little and moves with one person's answers.
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
 * The report of one wave from its tally, over every unit of the organization (`unitIds`, as the
 * dashboard); problems when a subscale's counts do not fit the wave's units and roles.
 */
export function buildReliabilityReport(input: { instrument: Instrument; k: number; unitIds: readonly string[]; tally: ReliabilityTally }):
  { ok: true; report: ReliabilityReport } | { ok: false; problems: CountProblem[] } {
  const cells = [...input.tally.values()];
  const rows = (count: (cell: Cell) => number): CountRow[] => cells.map((cell) => ({ unit: cell.unit, role: cell.role, n: count(cell) }));
  const wave = decideRespondents(input.instrument, input.k, input.unitIds, cells.map((cell) => ({ unitId: cell.unit, roleGroup: cell.role, n: cell.respondents })));
  const minimum = Math.max(minimumDriverRespondents, input.k);
  const subscales: Array<{ subscale: SubscaleRule; decision: WaveDisclosure }> = [];
  for (const subscale of scoringRules(input.instrument).subscales) {
    const counts = suppressConstructCounts(wave, rows((cell) => cell.subscales.get(subscale.key)?.n ?? 0));
    if (!counts.ok) return counts;
    subscales.push({ subscale, decision: counts.disclosure });
  }
  const groups = listSelectors(wave).map((selector): GroupResult => ({
    kind: selector.kind, id: selector.id, respondents: selector.pick(wave),
    subscales: subscales.map(({ subscale, decision }) => {
      const count = selector.pick(decision);
      if (!count.isShown || count.n < minimum) return { key: subscale.key, count, reliability: null };
      const sums = cells.filter(selector.holds).flatMap((cell) => cell.subscales.get(subscale.key) ?? []);
      const { n, covariance } = covarianceOf(sums, subscale.items.length);
      return { key: subscale.key, count, reliability: analyzeCovariance(subscale, n, covariance) };
    }),
  }));
  return { ok: true, report: { k: input.k, minimum, groups } };
}
