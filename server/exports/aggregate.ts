import {
  type CountRow, type DisclosedCount, suppressConstructCounts, suppressSmallGroups, type WaveDisclosure,
} from '../disclosure/suppress.js';
import { summarizeSums, type ValueSums } from '../instruments/scoring.js';
import type { CsvCell } from './csv.js';

/**
 * The aggregated export: for one wave, every group (the wave, each role group, each unit, each
 * unit × role group) × every construct's subscale score, with n, mean, SD and % favorable. Every
 * figure comes through server/disclosure: respondent counts through suppressSmallGroups, each
 * subscale's scored counts through suppressConstructCounts, and a row's numbers are printed only
 * when its subscale count may be shown. Suppressed rows all look alike: `suppressed` true and
 * every number empty, never telling a small group from one hidden to protect another.
 */
export const aggregateColumns = ['wave', 'group', 'unit', 'role_group', 'subscale', 'construct', 'suppressed', 'respondents', 'n', 'mean', 'sd', 'percent_favorable'];

/** Sums of one subscale's scores in one (unit, role) cell; role null = no role given. */
export type ScoreSums = ValueSums & { subscale: string; unit: string; role: string | null };

export type WaveAggregateInput = {
  waveName: string;
  k: number;
  /** Every unit of the organization, in display order: id and name. */
  units: ReadonlyArray<{ id: string; name: string }>;
  /** The role groups the instrument offers, in order. */
  roles: readonly string[];
  subscales: ReadonlyArray<{ key: string; construct: string }>;
  /** Respondents per (unit id, role). */
  respondents: readonly CountRow[];
  sums: readonly ScoreSums[];
};

const notGiven = '(not given)';
const roundTo = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));

type Group = { group: string; unit: string | null; role: string | null | undefined; count: DisclosedCount; respondents: DisclosedCount };

/** Every group of the construct's decision, beside the same group's respondent decision. */
function listGroups(construct: WaveDisclosure, wave: WaveDisclosure): Group[] {
  const roleEntry = (entries: WaveDisclosure['roles'], role: string | null): DisclosedCount =>
    entries.find((entry) => entry.role === role)?.count ?? { isShown: false, reason: 'secondary' };
  const groups: Group[] = [{ group: 'wave', unit: null, role: undefined, count: construct.total, respondents: wave.total }];
  for (const entry of construct.roles) groups.push({ group: 'role_group', unit: null, role: entry.role, count: entry.count, respondents: roleEntry(wave.roles, entry.role) });
  construct.units.forEach((unit, index) => {
    const waveUnit = wave.units[index];
    if (!waveUnit) return;
    groups.push({ group: 'unit', unit: unit.unit, role: undefined, count: unit.count, respondents: waveUnit.count });
    for (const entry of unit.roles) {
      groups.push({ group: 'unit_role_group', unit: unit.unit, role: entry.role, count: entry.count, respondents: roleEntry(waveUnit.roles, entry.role) });
    }
  });
  return groups;
}

function addSums(cells: readonly ScoreSums[]): ValueSums {
  return cells.reduce((total, cell) => ({
    n: total.n + cell.n, sum: total.sum + cell.sum, sumOfSquares: total.sumOfSquares + cell.sumOfSquares, favorable: total.favorable + cell.favorable,
  }), { n: 0, sum: 0, sumOfSquares: 0, favorable: 0 });
}

function decide<T>(result: { ok: true; disclosure: T } | { ok: false; problems: Array<{ path: string; message: string }> }): T {
  if (!result.ok) throw new Error(`disclosure refused the counts: ${result.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
  return result.disclosure;
}

/**
 * The rows (without header) of one wave's aggregated export. Throws when the disclosure module
 * refuses the counts (they come from one query, so that means a bug, not bad input).
 */
export function buildAggregateRows(input: WaveAggregateInput): CsvCell[][] {
  const unitIds = input.units.map((unit) => unit.id);
  const unitNames = new Map(input.units.map((unit) => [unit.id, unit.name]));
  const wave = decide(suppressSmallGroups({ k: input.k, rows: input.respondents, units: unitIds, roles: input.roles }));
  return input.subscales.flatMap((subscale) => {
    const cells = input.sums.filter((sums) => sums.subscale === subscale.key && sums.n > 0);
    const construct = decide(suppressConstructCounts(wave, cells.map((sums) => ({ unit: sums.unit, role: sums.role, n: sums.n }))));
    return listGroups(construct, wave).map((group): CsvCell[] => {
      const label = [input.waveName, group.group, group.unit === null ? null : unitNames.get(group.unit), group.role === undefined ? null : (group.role ?? notGiven), subscale.key, subscale.construct];
      if (!group.count.isShown || !group.respondents.isShown) return [...label, true, null, null, null, null, null];
      const inGroup = cells.filter((sums) => (group.unit === null || sums.unit === group.unit) && (group.role === undefined || sums.role === group.role));
      const summary = summarizeSums(addSums(inGroup));
      return [...label, false, group.respondents.n, summary.n, roundTo(summary.mean, 3), roundTo(summary.sd, 3), roundTo(summary.percentFavorable, 1)];
    });
  });
}
