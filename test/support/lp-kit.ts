import GLPK, { type LP, type Result } from 'glpk.js/node';

/*
 * A small linear-programming kit over named nonnegative variables, solved by GLPK (glpk.js, GLPK
 * compiled to WebAssembly), so that disclosure tests attack published figures with a kept solver
 * rather than with the server's own reasoning.
 *
 * Before any solve, equalities left with a single unknown fix that unknown (repeatedly), and
 * fixed values are moved to the right-hand side: a wave whose shown figures pin many entries
 * then costs GLPK only the truly unknown part, and a pinned entry needs no LP at all.
 */

/** Coefficients by variable name: `{ a: 1, b: -2 }` is a − 2b. */
export type LinearExpression = Readonly<Record<string, number>>;
/** `terms relation constant`, e.g. `{ terms: { a: 1, b: 1 }, relation: '<=', constant: 4 }`. */
export type LinearConstraint = { terms: LinearExpression; relation: '=' | '<=' | '>='; constant: number };
/** Every variable is at least 0 and at most `upper` when given. */
export type LinearSystem = {
  variables: Readonly<Record<string, { upper?: number }>>;
  constraints: readonly LinearConstraint[];
};
/** Bounds of a quantity over the feasible set; `max` is Infinity (`min` -Infinity) when unbounded. */
export type Range = { min: number; max: number };

type Glpk = Awaited<ReturnType<typeof GLPK>>;
type Row = { terms: [number, number][]; relation: LinearConstraint['relation']; constant: number };
/** A linear expression over free variable indices plus the contribution of fixed variables. */
type IndexedExpression = { terms: [number, number][]; constant: number };

/** A system indexed, presolved and turned into GLPK rows once, for many objectives. */
export type PreparedSystem = {
  glpk: Glpk;
  names: string[];
  indexOf: Map<string, number>;
  /** Values of variables fixed by presolve; undefined for free ones. */
  fixed: (number | undefined)[];
  upper: number[];
  rows: Row[];
  subjectTo: LP['subjectTo'];
  bounds: NonNullable<LP['bounds']>;
  homogenized?: { subjectTo: LP['subjectTo']; bounds: NonNullable<LP['bounds']> };
};
/** An optimum and the feasible point (every variable, in `names` order) that attains it. */
export type Optimum = { value: number; point?: Float64Array };

let glpkLoading: Promise<Glpk> | undefined;

/** Rounds solver noise off values that are integers within tolerance. */
export function cleanValue(value: number): number {
  // + 0 turns -0 into 0, which chai's deep equality would otherwise tell apart.
  const nearest = Math.round(value) + 0;
  return Math.abs(value - nearest) < 1e-6 ? nearest : value;
}

function indexRow(constraint: LinearConstraint, indexOf: Map<string, number>): Row {
  const terms = Object.entries(constraint.terms).map(([name, coefficient]): [number, number] => {
    const index = indexOf.get(name);
    if (index === undefined) throw new Error(`constraint names an unknown variable ${name}`);
    return [index, coefficient];
  });
  return { terms, relation: constraint.relation, constant: constraint.constant };
}

/** Moves fixed variables to the constant; `undefined` when every term is fixed. */
function reduceRow(row: Row, fixed: (number | undefined)[]): Row {
  const terms: [number, number][] = [];
  let constant = row.constant;
  for (const [index, coefficient] of row.terms) {
    const value = fixed[index];
    if (value === undefined) terms.push([index, coefficient]);
    else constant -= coefficient * value;
  }
  return { terms, relation: row.relation, constant };
}

function isSatisfied(relation: Row['relation'], left: number, right: number): boolean {
  if (relation === '=') return Math.abs(left - right) <= 1e-6;
  return relation === '<=' ? left <= right + 1e-6 : left >= right - 1e-6;
}

/** Fixes variables of single-unknown equalities until none is left; throws when that proves the system infeasible. */
function fixSingletons(rows: Row[], upper: number[], names: string[]): (number | undefined)[] {
  const fixed: (number | undefined)[] = names.map(() => undefined);
  for (let changed = true; changed;) {
    changed = false;
    for (const row of rows) {
      const reduced = reduceRow(row, fixed);
      const [only] = reduced.terms;
      if (reduced.relation !== '=' || reduced.terms.length !== 1 || only === undefined) continue;
      const value = cleanValue(reduced.constant / only[1]);
      if (value < -1e-6 || value > (upper[only[0]] ?? Infinity) + 1e-6) throw new Error(`infeasible: ${names[only[0]] ?? ''} would be ${value}`);
      fixed[only[0]] = value;
      changed = true;
    }
  }
  return fixed;
}

function toGlpkRow(glpk: Glpk, row: Row, name: string, extra?: [string, number]): LP['subjectTo'][number] {
  const vars = row.terms.map(([index, coef]) => ({ name: `x${index}`, coef }));
  const constant = extra === undefined ? row.constant : 0;
  if (extra !== undefined) vars.push({ name: extra[0], coef: extra[1] });
  const type = { '=': glpk.GLP_FX, '<=': glpk.GLP_UP, '>=': glpk.GLP_LO }[row.relation];
  return { name, vars, bnds: { type, lb: constant, ub: constant } };
}

function describeColumnBounds(glpk: Glpk, prepared: Pick<PreparedSystem, 'fixed' | 'upper'>): NonNullable<LP['bounds']> {
  return prepared.fixed.flatMap((value, index) => {
    if (value !== undefined) return [];
    const ub = prepared.upper[index] ?? Infinity;
    return [ub === Infinity ? { name: `x${index}`, type: glpk.GLP_LO, lb: 0, ub: 0 } : { name: `x${index}`, type: glpk.GLP_DB, lb: 0, ub }];
  });
}

/** Indexes and presolves a system once; throws when presolve already proves it infeasible. */
export async function prepareSystem(system: LinearSystem): Promise<PreparedSystem> {
  glpkLoading ??= GLPK();
  const glpk = await glpkLoading;
  const names = Object.keys(system.variables);
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const upper = names.map((name) => system.variables[name]?.upper ?? Infinity);
  const allRows = system.constraints.map((constraint) => indexRow(constraint, indexOf));
  const fixed = fixSingletons(allRows, upper, names);
  const rows: Row[] = [];
  for (const row of allRows.map((each) => reduceRow(each, fixed))) {
    if (row.terms.length > 0) rows.push(row);
    else if (!isSatisfied(row.relation, 0, row.constant)) throw new Error('infeasible: the fixed values break a constraint');
  }
  const subjectTo = rows.map((row, i) => toGlpkRow(glpk, row, `r${i}`));
  return { glpk, names, indexOf, fixed, upper, rows, subjectTo, bounds: describeColumnBounds(glpk, { fixed, upper }) };
}

/** Splits an expression into its free terms and the constant its fixed variables contribute. */
export function indexExpression(prepared: PreparedSystem, expression: LinearExpression): IndexedExpression {
  const indexed: IndexedExpression = { terms: [], constant: 0 };
  for (const [name, coefficient] of Object.entries(expression)) {
    const index = prepared.indexOf.get(name);
    if (index === undefined) throw new Error(`expression names an unknown variable ${name}`);
    const value = prepared.fixed[index];
    if (value === undefined) indexed.terms.push([index, coefficient]);
    else indexed.constant += coefficient * value;
  }
  return indexed;
}

type Direction = 'min' | 'max';

function solveLp(prepared: PreparedSystem, lp: Omit<LP, 'name' | 'objective'>, objective: LP['objective']['vars'], direction: Direction): Result['result'] {
  const { glpk } = prepared;
  const problem = { name: 'range', objective: { direction: direction === 'min' ? glpk.GLP_MIN : glpk.GLP_MAX, name: 'objective', vars: objective }, ...lp };
  // GLPK's presolver and its triangular starting basis save about a third of the pivots, but it
  // reports an infeasible and an unbounded LP alike (status undefined): those are solved again without.
  const presolved = glpk.solve(problem, { msglev: glpk.GLP_MSG_OFF, presol: true }).result;
  return presolved.status === glpk.GLP_UNDEF ? glpk.solve(problem, { msglev: glpk.GLP_MSG_OFF, presol: false }).result : presolved;
}

/** Optimal value, ±Infinity when unbounded; throws when the system has no feasible point. */
function readValue(prepared: PreparedSystem, result: Result['result'], direction: Direction, constant: number): number {
  const { glpk } = prepared;
  if (result.status === glpk.GLP_OPT) return cleanValue(result.z + constant);
  if (result.status === glpk.GLP_UNBND) return direction === 'min' ? -Infinity : Infinity;
  if (result.status === glpk.GLP_NOFEAS) throw new Error('infeasible: no point satisfies the system');
  throw new Error(`GLPK ended with status ${result.status}`);
}

function readPoint(prepared: PreparedSystem, result: Result['result'], scale: number): Float64Array {
  return Float64Array.from(prepared.fixed, (value, index) => value ?? (result.vars[`x${index}`] ?? 0) / scale);
}

/** Smallest or largest value of `expression` over the system, with a point attaining it when finite. */
export function optimise(prepared: PreparedSystem, expression: IndexedExpression, direction: Direction): Optimum {
  // GLPK aborts on a problem without columns; presolve has then checked every constraint already.
  if (prepared.bounds.length === 0) return { value: cleanValue(expression.constant), point: readPoint(prepared, { status: 0, z: 0, vars: {} }, 1) };
  const objective = expression.terms.map(([index, coef]) => ({ name: `x${index}`, coef }));
  const result = solveLp(prepared, { subjectTo: prepared.subjectTo, bounds: prepared.bounds }, objective, direction);
  const value = readValue(prepared, result, direction, expression.constant);
  return Number.isFinite(value) ? { value, point: readPoint(prepared, result, 1) } : { value };
}

/*
 * Charnes–Cooper: with y = t·x and t = 1/denominator(x), the ratio n(x)/d(x) over {A x ~ b, x ≥ 0}
 * becomes the linear n(y) over {A y ~ b·t, d(y) = 1, y ≥ 0, t ≥ 0}. Counts are of people, so a mean
 * exists only for a group of at least one: we require d(x) ≥ 1, which is t ≤ 1 and also keeps out
 * the nearly empty groups whose mean an LP relaxation could push anywhere.
 */
function homogenize(prepared: PreparedSystem): NonNullable<PreparedSystem['homogenized']> {
  const { glpk } = prepared;
  const subjectTo = prepared.rows.map((row, i) => toGlpkRow(glpk, row, `h${i}`, ['t', -row.constant]));
  prepared.fixed.forEach((value, index) => {
    const ub = prepared.upper[index] ?? Infinity;
    if (value !== undefined || ub === Infinity) return;
    subjectTo.push({ name: `u${index}`, vars: [{ name: `x${index}`, coef: 1 }, { name: 't', coef: -ub }], bnds: { type: glpk.GLP_UP, lb: 0, ub: 0 } });
  });
  const columns = prepared.fixed.flatMap((value, index) => (value === undefined ? [{ name: `x${index}`, type: glpk.GLP_LO, lb: 0, ub: 0 }] : []));
  return { subjectTo, bounds: [...columns, { name: 't', type: glpk.GLP_DB, lb: 0, ub: 1 }] };
}

function withT(expression: IndexedExpression): LP['objective']['vars'] {
  return [...expression.terms.map(([index, coef]) => ({ name: `x${index}`, coef })), { name: 't', coef: expression.constant }];
}

/** Smallest or largest numerator/denominator over the points with denominator ≥ 1; throws when there is none. */
export function optimiseRatio(prepared: PreparedSystem, numerator: IndexedExpression, denominator: IndexedExpression, direction: Direction): Optimum {
  prepared.homogenized ??= homogenize(prepared);
  const { glpk } = prepared;
  const scaleRow = { name: 'denominator', vars: withT(denominator), bnds: { type: glpk.GLP_FX, lb: 1, ub: 1 } };
  const lp = { subjectTo: [...prepared.homogenized.subjectTo, scaleRow], bounds: prepared.homogenized.bounds };
  const result = solveLp(prepared, lp, withT(numerator), direction);
  if (result.status === glpk.GLP_NOFEAS) throw new Error('infeasible: no point has a denominator of at least 1');
  const value = readValue(prepared, result, direction, 0);
  const t = result.vars.t ?? 0;
  // t = 0 is a direction of unbounded growth, not a point: the optimum is a limit there. A tiny t
  // would magnify solver noise in x = y/t, so such an optimum leaves no point to reuse either.
  return Number.isFinite(value) && t > 1e-4 ? { value, point: readPoint(prepared, result, t) } : { value };
}

/** Smallest and largest feasible value of `variable` (two LPs); throws when the system is infeasible. */
export async function findRange(system: LinearSystem, variable: string): Promise<Range> {
  const prepared = await prepareSystem(system);
  const expression = indexExpression(prepared, { [variable]: 1 });
  return { min: optimise(prepared, expression, 'min').value, max: optimise(prepared, expression, 'max').value };
}

/**
 * Smallest and largest numerator/denominator over the feasible points whose denominator is at
 * least 1 (Charnes–Cooper, two LPs). Throws when no feasible point has such a denominator.
 */
export async function findRatioRange(system: LinearSystem, numerator: LinearExpression, denominator: LinearExpression): Promise<Range> {
  const prepared = await prepareSystem(system);
  const [top, bottom] = [indexExpression(prepared, numerator), indexExpression(prepared, denominator)];
  return { min: optimiseRatio(prepared, top, bottom, 'min').value, max: optimiseRatio(prepared, top, bottom, 'max').value };
}
