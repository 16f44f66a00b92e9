import { type LinearConstraint, type LinearExpression, type LinearSystem, type PreparedSystem, type Range,
  cleanValue, indexExpression, optimise, optimiseRatio, prepareSystem } from './lp-kit.js';

export { type LinearConstraint, type LinearExpression, type LinearSystem, type Range, findRange, findRatioRange } from './lp-kit.js';

/*
 * The acceptance attacker of issue #11: everything a wave publishes, read as one system of linear
 * constraints over every (table, group) entry, attacked with GLPK. It knows nothing of how the
 * server suppresses: it takes what was shown and asks what the rest can be.
 *
 * A test reads every view a role may see (page, JSON, PDF, CSVs), turns each figure that gives an
 * entry exactly into a WaveEntry of `shown`, tabulates the seeded data into `truth`, and expects
 * `attack(wave, truth, k)` to find nothing. A rounded figure (a mean to two decimals, a rounded
 * percentage) gives no entry exactly but bounds a ratio of two: it goes into `known` as two
 * linear constraints, since leaving it out makes the attacker weaker than a real one.
 */

export type Grid = { units: string[]; roles: string[] };
/** A unit × role cell, a unit margin (role undefined), a role margin (unit undefined) or the wave total (both undefined). */
export type GroupKey = { unit?: string; role?: string };
export type WaveEntry = { table: string; group: GroupKey; value: number };
export type PublishedWave = {
  grid: Grid;
  scaleMin: number;
  scaleMax: number;
  /** Counts of people; 'respondents' is the base and is implied. Each other cell is at most the same cell of `within` (default respondents). */
  countTables: { name: string; within?: string }[];
  /** For every cell: whole = sum of parts (e.g. a subscale's scored = unfavorable + neutral + favorable). */
  partitions: { whole: string; parts: string[] }[];
  /** Sums of scores; per cell between Σ lo·count and Σ hi·count of its parts (scores must not be negative). */
  sumTables: { name: string; parts: { table: string; lo: number; hi: number }[] }[];
  /** The entries the attacker sees; everything else is unknown. */
  shown: WaveEntry[];
  /** Anything else it reads, over nameEntry variables: a rounded percentage or mean bounds a ratio of two entries. */
  known?: LinearConstraint[];
};
export type Finding = { table: string; group: GroupKey; trueValue: number; min: number; max: number; kind: 'pinned-small' | 'mean-narrow' };

/** The LP variable of one entry; use it with findRange on a system from buildWaveSystem. */
export function nameEntry(table: string, group: GroupKey): string {
  return JSON.stringify([table, group.unit ?? null, group.role ?? null]);
}

/** Every group of the grid: cells, unit margins, role margins and the total. */
export function listGroups(grid: Grid): GroupKey[] {
  const units: (string | undefined)[] = [...grid.units, undefined];
  const roles: (string | undefined)[] = [...grid.roles, undefined];
  return units.flatMap((unit) => roles.map((role) => ({ ...(unit === undefined ? {} : { unit }), ...(role === undefined ? {} : { role }) })));
}

function listCells(grid: Grid): { unit: string; role: string }[] {
  return grid.units.flatMap((unit) => grid.roles.map((role) => ({ unit, role })));
}

function listCountTables(published: PublishedWave): { name: string; within?: string }[] {
  const listed = published.countTables.some((table) => table.name === 'respondents');
  return listed ? published.countTables : [{ name: 'respondents' }, ...published.countTables];
}

function negate(names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((name) => [name, -1]));
}

/** margin − Σ its cells = 0 for every unit row and role column, and the total against both. */
function constrainMargins(table: string, grid: Grid): LinearConstraint[] {
  const balance = (margin: GroupKey, parts: GroupKey[]): LinearConstraint =>
    ({ terms: { [nameEntry(table, margin)]: 1, ...negate(parts.map((part) => nameEntry(table, part))) }, relation: '=', constant: 0 });
  return [
    ...grid.units.map((unit) => balance({ unit }, grid.roles.map((role) => ({ unit, role })))),
    ...grid.roles.map((role) => balance({ role }, grid.units.map((unit) => ({ unit, role })))),
    balance({}, grid.units.map((unit) => ({ unit }))),
    balance({}, grid.roles.map((role) => ({ role }))),
  ];
}

// Bounds, partitions and score edges are stated on cells only: margins are sums of cells, so the
// same relations hold for them by addition and stating them again would only slow GLPK down.
function constrainCells(published: PublishedWave): LinearConstraint[] {
  const cells = listCells(published.grid);
  const within = listCountTables(published).filter((table) => table.name !== 'respondents').flatMap((table) => cells.map((cell): LinearConstraint =>
    ({ terms: { [nameEntry(table.name, cell)]: 1, [nameEntry(table.within ?? 'respondents', cell)]: -1 }, relation: '<=', constant: 0 })));
  const partitions = published.partitions.flatMap((partition) => cells.map((cell): LinearConstraint =>
    ({ terms: { [nameEntry(partition.whole, cell)]: 1, ...negate(partition.parts.map((part) => nameEntry(part, cell))) }, relation: '=', constant: 0 })));
  const edges = published.sumTables.flatMap((sum) => cells.flatMap((cell) => (['lo', 'hi'] as const).map((edge): LinearConstraint => ({
    terms: { [nameEntry(sum.name, cell)]: 1, ...Object.fromEntries(sum.parts.map((part) => [nameEntry(part.table, cell), -part[edge]])) },
    relation: edge === 'lo' ? '>=' : '<=', constant: 0 }))));
  return [...within, ...partitions, ...edges];
}

/**
 * The wave as one linear system: a variable per (table, group) entry, margins that add up along
 * every row and column of every table, each count cell within its `within` cell, partitions,
 * score edges of the sums, the shown entries fixed, and whatever else is `known`. A reference to a table or group the wave
 * does not have fails when the system is solved (unknown variable).
 */
export function buildWaveSystem(published: PublishedWave): LinearSystem {
  const { grid } = published;
  const tables = [...listCountTables(published).map((table) => table.name), ...published.sumTables.map((table) => table.name)];
  const groups = listGroups(grid);
  const variables = Object.fromEntries(tables.flatMap((table) => groups.map((group) => [nameEntry(table, group), {}])));
  const shown = published.shown.map((entry): LinearConstraint => ({ terms: { [nameEntry(entry.table, entry.group)]: 1 }, relation: '=', constant: entry.value }));
  const constraints = [...tables.flatMap((table) => constrainMargins(table, grid)), ...constrainCells(published), ...shown, ...published.known ?? []];
  return { variables, constraints };
}

type Witnesses = { points: Float64Array[]; lowest: Float64Array; highest: Float64Array };
type AttackContext = { published: PublishedWave; prepared: PreparedSystem; truth: Float64Array; witnesses: Witnesses; isShown: (name: string) => boolean };

const tolerance = 1e-6;

function evaluate(terms: LinearExpression, point: Float64Array, prepared: PreparedSystem): number {
  return Object.entries(terms).reduce((sum, [name, coefficient]) => sum + coefficient * (point[prepared.indexOf.get(name) ?? -1] ?? 0), 0);
}

function isSatisfiedBy(constraint: LinearConstraint, point: Float64Array, prepared: PreparedSystem): boolean {
  const left = evaluate(constraint.terms, point, prepared);
  if (constraint.relation === '=') return Math.abs(left - constraint.constant) <= tolerance;
  return constraint.relation === '<=' ? left <= constraint.constant + tolerance : left >= constraint.constant - tolerance;
}

/** The true values as a point; throws when an entry is missing or the truth contradicts what was shown. */
function readTruth(system: LinearSystem, prepared: PreparedSystem, truth: readonly WaveEntry[]): Float64Array {
  const point = new Float64Array(prepared.names.length).fill(NaN);
  for (const entry of truth) point[prepared.indexOf.get(nameEntry(entry.table, entry.group)) ?? -1] = entry.value;
  const missing = prepared.names.find((_, index) => Number.isNaN(point[index]));
  if (missing !== undefined) throw new Error(`truth lacks ${missing}`);
  const broken = system.constraints.find((constraint) => !isSatisfiedBy(constraint, point, prepared));
  if (broken !== undefined) throw new Error(`truth breaks ${JSON.stringify(broken)}`);
  return point;
}

function addWitness(witnesses: Witnesses, point: Float64Array | undefined): void {
  if (point === undefined) return;
  witnesses.points.push(point);
  point.forEach((value, index) => {
    witnesses.lowest[index] = Math.min(witnesses.lowest[index] ?? Infinity, value);
    witnesses.highest[index] = Math.max(witnesses.highest[index] ?? -Infinity, value);
  });
}

// Every solved LP leaves a feasible point; a count some earlier point already shows at 0 (or at k
// or more) needs no LP on that side. This keeps a 5 × 4 wave of 30 tables within seconds.
function probeCount(context: AttackContext, name: string, k: number): Range | undefined {
  const { prepared, witnesses } = context;
  const index = prepared.indexOf.get(name) ?? -1;
  const expression = indexExpression(prepared, { [name]: 1 });
  const solved: { min?: number; max?: number } = {};
  const solve = (direction: 'min' | 'max'): number => {
    const optimum = optimise(prepared, expression, direction);
    addWitness(witnesses, optimum.point);
    solved[direction] = optimum.value;
    return optimum.value;
  };
  const canBeEmpty = (): boolean => (solved.min ?? witnesses.lowest[index] ?? Infinity) <= tolerance;
  const canReachK = (): boolean => (solved.max ?? witnesses.highest[index] ?? -Infinity) >= k - tolerance;
  if (!canBeEmpty()) solve('min');
  if (!canReachK()) solve('max');
  if (canBeEmpty() && canReachK()) return undefined;
  // No count is below 0, so a point showing 0 proves the minimum without another LP.
  return { min: solved.min ?? (canBeEmpty() ? 0 : solve('min')), max: solved.max ?? solve('max') };
}

function findPinnedCounts(context: AttackContext, k: number): Finding[] {
  const groups = listGroups(context.published.grid);
  return listCountTables(context.published).flatMap((table) => groups.flatMap((group): Finding[] => {
    const name = nameEntry(table.name, group);
    const trueValue = context.truth[context.prepared.indexOf.get(name) ?? -1] ?? 0;
    if (context.isShown(name) || trueValue < 1 || trueValue > k - 1) return [];
    const range = probeCount(context, name, k);
    return range === undefined ? [] : [{ table: table.name, group, trueValue, ...range, kind: 'pinned-small' }];
  }));
}

type Mean = { numerator: LinearExpression; denominator: LinearExpression };

/** Range of a group's mean, or undefined once feasible points show it spans `width`. */
function probeMean(context: AttackContext, mean: Mean, width: number): Range | undefined {
  const { prepared, witnesses } = context;
  const seen = witnesses.points.flatMap((point) => {
    const count = evaluate(mean.denominator, point, prepared);
    return count >= 1 - tolerance ? [evaluate(mean.numerator, point, prepared) / count] : [];
  });
  if (Math.max(...seen) - Math.min(...seen) >= width - tolerance) return undefined;
  const [top, bottom] = [indexExpression(prepared, mean.numerator), indexExpression(prepared, mean.denominator)];
  const [lowest, highest] = [optimiseRatio(prepared, top, bottom, 'min'), optimiseRatio(prepared, top, bottom, 'max')];
  addWitness(witnesses, lowest.point);
  addWitness(witnesses, highest.point);
  return highest.value - lowest.value >= width - tolerance ? undefined : { min: lowest.value, max: highest.value };
}

// A group's mean is its sum over its scored count, and the scored count is the sum of the parts
// that bound the sum, so the mean needs no partition to be declared.
function findNarrowMeans(context: AttackContext): Finding[] {
  const { published, prepared, truth } = context;
  const width = (published.scaleMax - published.scaleMin) / 2;
  return listGroups(published.grid).flatMap((group) => {
    if (context.isShown(nameEntry('respondents', group))) return [];
    return published.sumTables.flatMap((sum): Finding[] => {
      const mean = { numerator: { [nameEntry(sum.name, group)]: 1 }, denominator: Object.fromEntries(sum.parts.map((part) => [nameEntry(part.table, group), 1])) };
      const trueCount = evaluate(mean.denominator, truth, prepared);
      if (trueCount < 1) return [];
      const range = probeMean(context, mean, width);
      const trueValue = cleanValue(evaluate(mean.numerator, truth, prepared) / trueCount);
      return range === undefined ? [] : [{ table: sum.name, group, trueValue, ...range, kind: 'mean-narrow' }];
    });
  });
}

/**
 * Attacks a published wave with everything it shows at once. `truth` holds the true value of
 * every entry of every table. Reports each hidden count whose true value is 1 to k − 1 and whose
 * feasible range misses 0 or k ('pinned-small'), and each hidden group (respondents not shown)
 * with at least one scored person whose mean on a sum table ranges over less than half the scale
 * ('mean-narrow'). Ranges are of the LP relaxation, so every finding is a real leak; a count that
 * only integrality pins is not found. Throws when the truth contradicts what was shown.
 */
export async function attack(published: PublishedWave, truth: readonly WaveEntry[], k: number): Promise<Finding[]> {
  const system = buildWaveSystem(published);
  const prepared = await prepareSystem(system);
  const truePoint = readTruth(system, prepared, truth);
  const witnesses: Witnesses = { points: [], lowest: truePoint.slice(), highest: truePoint.slice() };
  addWitness(witnesses, truePoint);
  const shown = new Set(published.shown.map((entry) => nameEntry(entry.table, entry.group)));
  const context: AttackContext = { published, prepared, truth: truePoint, witnesses, isShown: (name) => shown.has(name) };
  return [...findPinnedCounts(context, k), ...findNarrowMeans(context)];
}
