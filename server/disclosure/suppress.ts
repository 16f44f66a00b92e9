import { type CountProblem, type CountRow, type LinkedTable, buildLinkedTable, locateCell, placeCell } from './linked-table.js';
import { findProvenEmpty, protectLinkedTables, protectTable } from './protection.js';

export type { CountProblem, CountRow } from './linked-table.js';

/** No wave may report groups smaller than this, whatever its own k (waves.min_group_size has the same floor). */
export const smallestAllowedK = 3;

/**
 * One count as it may leave the server. A suppressed count has no `n` at all, so no caller can
 * print it by mistake. `reason` is for logs and tests: 'primary' when the group has fewer than k
 * respondents (none included), 'secondary' when it was hidden to protect another group. Pages
 * and exports must show every suppressed count the same way: a reader who knew which hidden
 * counts are small and which are large would narrow them down.
 */
export type DisclosedCount =
  | { readonly isShown: true; readonly n: number }
  | { readonly isShown: false; readonly reason: 'primary' | 'secondary' };

export type RoleCount = { readonly role: string | null; readonly count: DisclosedCount };
export type UnitCounts = { readonly unit: string; readonly count: DisclosedCount; readonly roles: readonly RoleCount[] };

/**
 * The decision for one wave's table: the total, every role group (role null: no role given),
 * every unit, and in each unit every role group, in the table's order.
 */
export type WaveDisclosure = {
  readonly k: number;
  readonly total: DisclosedCount;
  readonly roles: readonly RoleCount[];
  readonly units: readonly UnitCounts[];
};

export type DisclosureResult = { ok: true; disclosure: WaveDisclosure } | { ok: false; problems: CountProblem[] };

export type WaveCounts = {
  /** Minimum group size of the wave, in respondents; a whole number ≥ 3. */
  k: number;
  /** Respondents per (unit, role); role null when the respondent gave none. Missing pairs count 0. */
  rows: readonly CountRow[];
  /** Every unit to report, in display order, including units nobody answered in (default: those in rows, sorted). */
  units?: readonly string[];
  /** Every role group the instrument offers, in display order (default: those in rows, sorted). */
  roles?: readonly string[];
};

function discloseCount(n: number, isHidden: boolean, k: number): DisclosedCount {
  if (!isHidden) return { isShown: true, n };
  return { isShown: false, reason: n < k ? 'primary' : 'secondary' };
}

function describeTable(table: LinkedTable, hidden: readonly boolean[], k: number): WaveDisclosure {
  const disclose = (unitIndex: number, roleIndex: number): DisclosedCount => {
    const cell = locateCell(table, unitIndex, roleIndex);
    return discloseCount(table.counts[cell] ?? 0, hidden[cell] === true, k);
  };
  const rolesOf = (unitIndex: number): RoleCount[] => table.roles.map((role, roleIndex) => ({ role, count: disclose(unitIndex, roleIndex) }));
  return {
    k,
    total: disclose(table.units.length, table.roles.length),
    roles: rolesOf(table.units.length),
    units: table.units.map((unit, unitIndex) => ({ unit, count: disclose(unitIndex, table.roles.length), roles: rolesOf(unitIndex) })),
  };
}

function checkK(k: number): CountProblem[] {
  return Number.isSafeInteger(k) && k >= smallestAllowedK ? [] : [{ path: 'k', message: `must be a whole number of at least ${smallestAllowedK}` }];
}

/**
 * Decides which respondent counts of one wave may be shown: the total, each unit, each role
 * group and each unit × role group cell (the same cells serve filters such as "role = X, by
 * unit"). Input: the wave's k and its counts from `GROUP BY unit, role`. A group with fewer than
 * k respondents is suppressed (primary), an empty one too: a shown 0 would tell that nobody of
 * the group answered and hand an attacker a known number. Complementary groups are then
 * suppressed (secondary), fewest respondents first, until no hidden count with respondents can
 * be recovered exactly by any sums and differences of shown counts across the linked tables,
 * and no small hidden count can be shown to be below k. Every statistic of a group (n, mean, SD, distribution, % favorable) follows its
 * count's decision. Deterministic: the same counts give the same answer in any row order.
 * Returns problems instead for an invalid k, count, unit or role.
 */
export function suppressSmallGroups(input: WaveCounts): DisclosureResult {
  const built = buildLinkedTable(input.rows, input);
  const problems = [...checkK(input.k), ...(built.ok ? [] : built.problems)];
  if (!built.ok || problems.length > 0) return { ok: false, problems };
  const hidden = protectTable(built.table, input.k, []);
  return { ok: true, disclosure: describeTable(built.table, hidden, input.k) };
}

function nameGroup(table: LinkedTable, cell: number): string {
  const { row, col } = placeCell(table, cell);
  const unit = table.units[row] ?? 'every unit';
  const role = col < table.roles.length ? `role ${String(table.roles[col])}` : 'every role';
  return `unit ${unit}, ${role}`;
}

/** One family of figures shown or hidden together for a group: a base count and its parts (each a count per unit × role). */
export type FigureFamily = { base: readonly CountRow[]; parts: ReadonlyArray<readonly CountRow[]> };

export type WaveFiguresDecision = {
  /** One decision for the respondent counts and every subscale's figures: they share one pattern. */
  respondents: WaveDisclosure;
  /** Per item family, in the order given: the shared pattern, widened for that item alone. */
  items: WaveDisclosure[];
};

type BuiltFamily = { tables: LinkedTable[] };

function buildFamilies(families: readonly FigureFamily[], grid: { units: readonly string[]; roles: readonly string[] }): { built: BuiltFamily[]; problems: CountProblem[] } {
  const problems: CountProblem[] = [];
  const built = families.map((family) => ({
    tables: [family.base, ...family.parts].flatMap((rows) => {
      const check = buildLinkedTable(rows, grid);
      if (!check.ok) problems.push(...check.problems);
      return check.ok ? [check.table] : [];
    }),
  }));
  return { built, problems };
}

/**
 * Decides every figure a wave publishes per group, as one linked system: respondent counts, and
 * for each subscale its scored count with its unfavorable, neutral and favorable counts (so its
 * mean and % favorable), and for each item the same. The respondents and all subscales share
 * one hidden pattern: a group whose subscale counts would need it hidden is hidden everywhere,
 * so no hidden group's subscale counts are bounded by a shown respondent count. Starting from
 * the groups below k, the pattern is widened until no hidden count of any of these tables is
 * pinned, no hidden count of 1 to k−1 can be shown to be above 0 or below k (or below the whole
 * wave's own count, when that is under k), and no cell the respondent table proves empty is
 * counted as protection. Items then start from that pattern and widen it for themselves only
 * (an item answered by few is hidden for that item). Inputs: k, the grid (units in an order no
 * name decides, role groups), respondent counts and the families, all per unit × role. Returns
 * problems for counts outside the grid or above a respondent count; deterministic.
 */
export function suppressWaveFigures(input: WaveCounts & { subscales: readonly FigureFamily[]; items: readonly FigureFamily[] }): { ok: true; decision: WaveFiguresDecision } | { ok: false; problems: CountProblem[] } {
  const respondents = buildLinkedTable(input.rows, input);
  const problems = [...checkK(input.k), ...(respondents.ok ? [] : respondents.problems)];
  if (!respondents.ok || problems.length > 0) return { ok: false, problems };
  const grid = { units: respondents.table.units, roles: respondents.table.roles.flatMap((role) => (role === null ? [] : [role])) };
  const subscales = buildFamilies(input.subscales, grid);
  const items = buildFamilies(input.items, grid);
  problems.push(...subscales.problems, ...items.problems);
  for (const family of [...subscales.built, ...items.built]) problems.push(...findTableExcesses(family.tables[0], respondents.table));
  if (problems.length > 0) return { ok: false, problems };
  const { k } = input;
  let hidden = protectTable(respondents.table, k, []);
  for (let isWidened = true; isWidened;) {
    const fixed = findProvenEmpty(respondents.table, hidden);
    const widened = subscales.built.reduce((pattern, family) => protectLinkedTables(family.tables, k, startPattern(family, pattern, k), fixed), hidden);
    isWidened = widened.some((isHidden, cell) => isHidden && hidden[cell] !== true);
    hidden = isWidened ? protectTable(respondents.table, k, widened) : hidden;
  }
  const fixed = findProvenEmpty(respondents.table, hidden);
  return {
    ok: true,
    decision: {
      respondents: describeTable(respondents.table, hidden, k),
      items: items.built.map((family) => {
        const base = family.tables[0];
        return base ? describeTable(base, protectLinkedTables(family.tables, k, startPattern(family, hidden, k), fixed), k) : describeTable(respondents.table, hidden, k);
      }),
    },
  };
}

/** A family starts from the shared pattern and hides its own groups below k. */
function startPattern(family: BuiltFamily, hidden: readonly boolean[], k: number): boolean[] {
  const base = family.tables[0];
  return hidden.map((isHidden, cell) => isHidden || (base?.counts[cell] ?? 0) < k);
}

function findTableExcesses(base: LinkedTable | undefined, respondents: LinkedTable): CountProblem[] {
  if (!base) return [];
  return base.counts.flatMap((n, cell) => (n > (respondents.counts[cell] ?? 0) ? [{ path: 'rows', message: `${nameGroup(respondents, cell)}: ${n} counted, more than its ${respondents.counts[cell] ?? 0} respondents` }] : []));
}
