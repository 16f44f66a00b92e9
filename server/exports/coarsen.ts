/**
 * Coarsening of the respondent-level export (k-anonymity by global recoding). The unit, role
 * group and tenure band of a response are its quasi-identifiers: someone who knows that a
 * clinic has one supervisor with under a year of service finds that person's row by those three
 * values. So every value of each is reported as itself, merged into an "other" level, or blanked
 * (reported empty, like "not given"), one mapping for the whole file, until
 * - every reported unit, role group and tenure band ("level") holds at least k rows, and
 * - every reported unit × role group × tenure band combination within each stratum (a wave)
 *   holds either no row or at least k rows.
 * Levels merge smallest first, into the existing "other" level or with the next smallest value
 * (fewest rows changed), tenure before role before unit, so the breakdowns analysts use most
 * survive longest. The same counts give the same mapping in any row order.
 */
export const coarsenedDimensions = ['tenure', 'role', 'unit'] as const;
export type Dimension = (typeof coarsenedDimensions)[number];

/** Rows of one (stratum, unit, role, tenure); role and tenure null when not given. */
export type CombinationCount = { stratum: string; unit: string; role: string | null; tenure: string | null; n: number };

/** How an original value is reported: as itself (null stays empty), merged into "other", or blanked. */
export type Reported = 'kept' | 'other' | 'blank';
export type DimensionMapping = ReadonlyMap<string | null, Reported>;
export type Mappings = Readonly<Record<Dimension, DimensionMapping>>;

/** One coarsening step, for the companion notes and for tests. */
export type CoarseningStep = {
  dimension: Dimension;
  /** Original values whose reported value changed in this step. */
  values: Array<string | null>;
  action: 'merged' | 'blanked';
  reason: 'level_below_k' | 'combination_below_k' | 'unit_hidden_on_dashboard';
};

export type CoarseningResult =
  | { ok: true; mappings: Mappings; steps: CoarseningStep[] }
  | { ok: false; problems: Array<{ path: string; message: string }> };

type Level = string;
const otherLevel: Level = '\u0000other';
const blankLevel: Level = '\u0000blank';
type State = Record<Dimension, Map<string | null, Level>>;

const valueOf = (count: CombinationCount, dimension: Dimension): string | null => count[dimension];

function levelOf(state: State, dimension: Dimension, value: string | null): Level {
  return state[dimension].get(value) ?? blankLevel;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows per reported level of one dimension, in a stable order (fewest rows, then by level). */
function levelTotals(counts: readonly CombinationCount[], state: State, dimension: Dimension): Array<[Level, number]> {
  const totals = new Map<Level, number>();
  for (const count of counts) {
    const level = levelOf(state, dimension, valueOf(count, dimension));
    totals.set(level, (totals.get(level) ?? 0) + count.n);
  }
  return [...totals].filter(([, n]) => n > 0).sort(([a, n], [b, m]) => n - m || compareText(a, b));
}

type Merge = { dimension: Dimension; from: Level[]; into: Level; cost: number };

/**
 * Merges `level` with its partner: a value joins "other" (formed with the next smallest value
 * when there is none yet), "other" absorbs the smallest remaining value, and the blank level
 * absorbs the smallest other level. With no partner left, the level is blanked.
 */
function planMerge(totals: ReadonlyArray<[Level, number]>, dimension: Dimension, level: Level): Merge | undefined {
  const sizeOf = (candidate: Level): number => totals.find(([name]) => name === candidate)?.[1] ?? 0;
  const values = totals.filter(([name]) => name !== otherLevel && name !== blankLevel && name !== level);
  const hasOther = totals.some(([name]) => name === otherLevel);
  const smallestValue = values[0]?.[0];
  if (level === blankLevel) {
    const partner = totals.find(([name]) => name !== blankLevel)?.[0];
    return partner === undefined ? undefined : { dimension, from: [partner], into: blankLevel, cost: sizeOf(partner) };
  }
  if (level === otherLevel) {
    if (smallestValue !== undefined) return { dimension, from: [smallestValue], into: otherLevel, cost: sizeOf(smallestValue) };
    return totals.length > 1 ? { dimension, from: [otherLevel], into: blankLevel, cost: sizeOf(otherLevel) } : undefined;
  }
  if (hasOther) return { dimension, from: [level], into: otherLevel, cost: sizeOf(level) };
  if (smallestValue !== undefined) return { dimension, from: [level, smallestValue], into: otherLevel, cost: sizeOf(level) + sizeOf(smallestValue) };
  return totals.length > 1 ? { dimension, from: [level], into: blankLevel, cost: sizeOf(level) } : undefined;
}

function applyMerge(state: State, merge: Merge, reason: CoarseningStep['reason']): CoarseningStep {
  const mapping = state[merge.dimension];
  const changed: Array<string | null> = [];
  for (const [value, level] of mapping) {
    if (merge.from.includes(level)) {
      mapping.set(value, merge.into);
      changed.push(value);
    }
  }
  return { dimension: merge.dimension, values: changed, action: merge.into === blankLevel ? 'blanked' : 'merged', reason };
}

/** The smallest reported value or "other" level under k, as a merge; blank levels are never "small levels". */
function findSmallLevel(counts: readonly CombinationCount[], state: State, k: number, dimensions: readonly Dimension[]): Merge | undefined {
  const candidates = dimensions.flatMap((dimension) => {
    const totals = levelTotals(counts, state, dimension);
    const small = totals.find(([level, n]) => level !== blankLevel && n < k);
    const merge = small && planMerge(totals, dimension, small[0]);
    return merge ? [{ merge, n: small[1] }] : [];
  });
  return candidates.sort((a, b) => a.n - b.n)[0]?.merge;
}

function combinationKey(state: State, count: CombinationCount): string {
  return JSON.stringify([count.stratum, ...coarsenedDimensions.map((dimension) => levelOf(state, dimension, valueOf(count, dimension)))]);
}

/** The smallest reported combination under k (ties by key), as one of its original counts. */
function findSmallCombination(counts: readonly CombinationCount[], state: State, k: number): CombinationCount | undefined {
  const totals = new Map<string, { n: number; example: CombinationCount }>();
  for (const count of counts) {
    if (count.n === 0) continue;
    const key = combinationKey(state, count);
    const entry = totals.get(key) ?? { n: 0, example: count };
    entry.n += count.n;
    totals.set(key, entry);
  }
  const small = [...totals].filter(([, entry]) => entry.n < k).sort(([a, x], [b, y]) => x.n - y.n || compareText(a, b));
  return small[0]?.[1].example;
}

/** The cheapest merge that coarsens the combination in one of its dimensions (tenure, then role, then unit on ties). */
function planCombinationMerge(counts: readonly CombinationCount[], state: State, combination: CombinationCount, dimensions: readonly Dimension[]): Merge | undefined {
  const merges = dimensions.flatMap((dimension) => {
    const merge = planMerge(levelTotals(counts, state, dimension), dimension, levelOf(state, dimension, valueOf(combination, dimension)));
    return merge ? [merge] : [];
  });
  return merges.reduce<Merge | undefined>((best, merge) => (best === undefined || merge.cost < best.cost ? merge : best), undefined);
}

function checkCounts(counts: readonly CombinationCount[], k: number): Array<{ path: string; message: string }> {
  const problems = Number.isSafeInteger(k) && k >= 1 ? [] : [{ path: 'k', message: 'must be a whole number of at least 1' }];
  const strata = new Map<string, number>();
  counts.forEach((count, index) => {
    if (!Number.isSafeInteger(count.n) || count.n < 0) problems.push({ path: `counts.${index}.n`, message: 'must be a whole number of 0 or more' });
    strata.set(count.stratum, (strata.get(count.stratum) ?? 0) + count.n);
  });
  for (const [stratum, n] of strata) {
    if (n > 0 && n < k) problems.push({ path: `strata.${stratum}`, message: `has ${n} rows, fewer than k = ${k}: no recoding can protect it` });
  }
  return problems;
}

/**
 * Works out the reported value of every unit, role group and tenure band in `counts` (rows per
 * stratum, unit, role and tenure; null role or tenure = not given, reported empty) so that no
 * reported level has 1..k-1 rows and no reported combination within a stratum has 1..k-1 rows.
 * With `fixedUnits` (unit id -> kept or other), units are reported as the dashboard decided
 * (every unit it shows by name, the units it hides together as "other") and only tenure and
 * role are recoded, tenure first; every unit must then be in `fixedUnits`.
 * Returns the mapping of each original value and the steps taken, or problems when k is not a
 * whole number ≥ 1, a count is not a whole number ≥ 0, or a stratum holds 1..k-1 rows (then
 * even blanking everything leaves a combination under k; the caller must leave it out).
 */
export function coarsenGroups(counts: readonly CombinationCount[], k: number, fixedUnits?: ReadonlyMap<string, 'kept' | 'other'>): CoarseningResult {
  const problems = checkCounts(counts, k);
  const unplaced = fixedUnits ? [...new Set(counts.map((count) => count.unit))].filter((unit) => !fixedUnits.has(unit)) : [];
  problems.push(...unplaced.map((unit) => ({ path: `units.${unit}`, message: 'has no decision from the dashboard' })));
  if (problems.length > 0) return { ok: false, problems };
  const state: State = { tenure: new Map(), role: new Map(), unit: new Map() };
  for (const count of counts) {
    for (const dimension of coarsenedDimensions) {
      const value = valueOf(count, dimension);
      state[dimension].set(value, value === null ? blankLevel : JSON.stringify(value));
    }
  }
  const steps: CoarseningStep[] = [];
  const hiddenUnits = [...state.unit.keys()].filter((unit) => unit !== null && fixedUnits?.get(unit) === 'other');
  for (const unit of hiddenUnits) state.unit.set(unit, otherLevel);
  if (hiddenUnits.length > 0) steps.push({ dimension: 'unit', values: hiddenUnits, action: 'merged', reason: 'unit_hidden_on_dashboard' });
  const dimensions = fixedUnits ? coarsenedDimensions.filter((dimension) => dimension !== 'unit') : coarsenedDimensions;
  for (;;) {
    const levelMerge = findSmallLevel(counts, state, k, dimensions);
    if (levelMerge) {
      steps.push(applyMerge(state, levelMerge, 'level_below_k'));
      continue;
    }
    const combination = findSmallCombination(counts, state, k);
    const merge = combination && planCombinationMerge(counts, state, combination, dimensions);
    if (!merge) break;
    steps.push(applyMerge(state, merge, 'combination_below_k'));
  }
  const report = (mapping: Map<string | null, Level>): DimensionMapping => new Map([...mapping].map(([value, level]): [string | null, Reported] => {
    if (level === otherLevel) return [value, 'other'];
    return [value, level === blankLevel && value !== null ? 'blank' : 'kept'];
  }));
  return { ok: true, mappings: { tenure: report(state.tenure), role: report(state.role), unit: report(state.unit) }, steps };
}

/**
 * Every streamed row must be one the coarsening counted: if the data changed after counting (a
 * wave reopened), the file would hold a combination that was never checked, so it stops.
 */
export function guardCounts(counts: readonly CombinationCount[]): { check(waveId: string, row: { unitId: string; roleGroup: string | null; tenure: string | null }): void; finish(): void } {
  // Counts left per wave, unit, role and tenure, in nested maps: a row is checked without building a key for it.
  const left = new Map<string, Map<string, Map<string | null, Map<string | null, number>>>>();
  const cellsOf = (wave: string, unit: string, role: string | null) => {
    const units = left.get(wave) ?? left.set(wave, new Map()).get(wave);
    const roles = units?.get(unit) ?? units?.set(unit, new Map()).get(unit);
    return roles?.get(role) ?? roles?.set(role, new Map()).get(role);
  };
  for (const count of counts) cellsOf(count.stratum, count.unit, count.role)?.set(count.tenure, count.n);
  return {
    check(waveId, row) {
      const tenures = left.get(waveId)?.get(row.unitId)?.get(row.roleGroup);
      const remaining = tenures?.get(row.tenure) ?? 0;
      if (!tenures || remaining <= 0) throw new Error('a response appeared that the coarsening did not count; the export stops');
      tenures.set(row.tenure, remaining - 1);
    },
    finish() {
      const remaining = [...left.values()].flatMap((units) => [...units.values()]).flatMap((roles) => [...roles.values()]).flatMap((tenures) => [...tenures.values()]);
      if (remaining.some((n) => n !== 0)) throw new Error('fewer responses than counted; the export stops');
    },
  };
}
