import type { DisclosedCount, WaveDisclosure } from '../../../server/disclosure/suppress.js';

/*
 * An attacker's view of a published wave table, written independently of server/disclosure
 * (which reasons with network flows on a signed grid): here the table is a plain system of
 * linear equations solved by a textbook simplex.
 *
 * Unknowns: every suppressed count (unit × role cells, unit totals, role totals, wave total).
 * Equations: each unit total is the sum of its cells, each role total the sum of its column,
 * the wave total the sum of the unit totals and the sum of the role totals; shown counts are
 * moved to the right-hand side. The only other knowledge is that no count is negative. For each
 * unknown we solve two linear programs (smallest and largest feasible value). The constraint
 * matrix is totally unimodular, so these bounds are also the integer bounds. A hidden count
 * whose bounds meet is recovered exactly; a small one whose upper bound is below k is proven
 * small. The relation rule (two hidden members at least, k respondents among hidden components
 * under a shown margin) is checked directly on the true counts.
 */
const epsilon = 1e-9;

type Tableau = { rows: number[][]; basis: number[]; columns: number };

function pivot(tableau: Tableau, row: number, col: number): void {
  const pivotRow = tableau.rows[row] ?? [];
  const factor = pivotRow[col] ?? 1;
  for (let j = 0; j < pivotRow.length; j += 1) pivotRow[j] = (pivotRow[j] ?? 0) / factor;
  tableau.rows.forEach((other, index) => {
    const scale = other[col] ?? 0;
    if (index === row || Math.abs(scale) < epsilon) return;
    for (let j = 0; j < other.length; j += 1) other[j] = (other[j] ?? 0) - scale * (pivotRow[j] ?? 0);
  });
  tableau.basis[row] = col;
}

/** Minimises cost · x over the tableau's feasible basis (Bland's rule, so it never cycles); columns ≥ `usable` never enter. */
function minimise(tableau: Tableau, cost: readonly number[], usable: number): number {
  const rhs = tableau.columns;
  for (;;) {
    const basisCost = (i: number): number => cost[tableau.basis[i] ?? 0] ?? 0;
    const reduced = (col: number): number => (cost[col] ?? 0) - tableau.rows.reduce((sum, row, i) => sum + basisCost(i) * (row[col] ?? 0), 0);
    let entering = -1;
    for (let col = 0; col < usable && entering < 0; col += 1) if (reduced(col) < -epsilon) entering = col;
    if (entering < 0) return tableau.rows.reduce((sum, row, i) => sum + basisCost(i) * (row[rhs] ?? 0), 0);
    let leaving = -1;
    tableau.rows.forEach((row, i) => {
      const coefficient = row[entering] ?? 0;
      if (coefficient <= epsilon) return;
      const best = tableau.rows[leaving];
      const ratio = (row[rhs] ?? 0) / coefficient;
      const bestRatio = best === undefined ? Infinity : (best[rhs] ?? 0) / (best[entering] ?? 1);
      if (ratio < bestRatio - epsilon || (Math.abs(ratio - bestRatio) <= epsilon && (tableau.basis[i] ?? 0) < (tableau.basis[leaving] ?? 0))) leaving = i;
    });
    if (leaving < 0) return -Infinity;
    pivot(tableau, leaving, entering);
  }
}

/** Phase one: a feasible basis for A x = b, x ≥ 0, with artificial columns driven out and redundant rows dropped. */
function findFeasibleBasis(matrix: readonly number[][], rhs: readonly number[], variables: number): Tableau {
  const m = matrix.length;
  const rows = matrix.map((row, i) => {
    const sign = (rhs[i] ?? 0) < 0 ? -1 : 1;
    const artificial = Array.from({ length: m }, (_, j) => (i === j ? 1 : 0));
    return [...row.map((value) => sign * value), ...artificial, sign * (rhs[i] ?? 0)];
  });
  const tableau: Tableau = { rows, basis: rows.map((_, i) => variables + i), columns: variables + m };
  const cost = [...new Array<number>(variables).fill(0), ...new Array<number>(m).fill(1)];
  if (minimise(tableau, cost, variables + m) > 1e-6) throw new Error('the true counts do not satisfy the equations');
  for (let i = tableau.rows.length - 1; i >= 0; i -= 1) {
    if ((tableau.basis[i] ?? 0) < variables) continue;
    const col = (tableau.rows[i] ?? []).findIndex((value, j) => j < variables && Math.abs(value) > epsilon);
    if (col >= 0) pivot(tableau, i, col);
    else { tableau.rows.splice(i, 1); tableau.basis.splice(i, 1); }
  }
  return tableau;
}

function copyTableau(tableau: Tableau): Tableau {
  return { rows: tableau.rows.map((row) => [...row]), basis: [...tableau.basis], columns: tableau.columns };
}

/** Smallest and largest feasible value of every unknown of A x = b, x ≥ 0 (largest may be Infinity). */
function boundUnknowns(matrix: readonly number[][], rhs: readonly number[], variables: number): { min: number; max: number }[] {
  if (matrix.length === 0) return Array.from({ length: variables }, () => ({ min: 0, max: Infinity }));
  const feasible = findFeasibleBasis(matrix, rhs, variables);
  return Array.from({ length: variables }, (_, variable) => {
    const unit = Array.from({ length: variables }, (_, j) => (j === variable ? 1 : 0));
    const min = minimise(copyTableau(feasible), unit, variables);
    const max = -minimise(copyTableau(feasible), unit.map((value) => -value), variables);
    return { min: Math.round(min), max: Number.isFinite(max) ? Math.round(max) : Infinity };
  });
}

type Quantity = { name: string; truth: number; count: DisclosedCount };
type Equation = { margin: number; parts: number[] };

/** Every count of the table with its true value, and the equations "margin = sum of parts" between them (indices into the list). */
function listQuantities(truth: readonly (readonly number[])[], wave: WaveDisclosure): { quantities: Quantity[]; equations: Equation[] } {
  const quantities: Quantity[] = [];
  const add = (name: string, value: number, count: DisclosedCount | undefined): number => {
    if (count === undefined) throw new Error(`the disclosure has no ${name}`);
    return quantities.push({ name, truth: value, count }) - 1;
  };
  const roleCount = wave.roles.length;
  const cells = wave.units.map((unit, u) => unit.roles.map((entry, r) => add(`${unit.unit}×${String(entry.role)}`, truth[u]?.[r] ?? 0, entry.count)));
  const unitTotals = wave.units.map((unit, u) => add(unit.unit, (truth[u] ?? []).reduce((a, b) => a + b, 0), unit.count));
  const roleTotals = wave.roles.map((entry, r) => add(String(entry.role), truth.reduce((sum, row) => sum + (row[r] ?? 0), 0), entry.count));
  const total = add('total', truth.flat().reduce((a, b) => a + b, 0), wave.total);
  const equations: Equation[] = [
    ...unitTotals.map((margin, u) => ({ margin, parts: cells[u] ?? [] })),
    ...roleTotals.map((margin, r) => ({ margin, parts: cells.map((row) => row[r] ?? -1) })),
    { margin: total, parts: unitTotals },
    { margin: total, parts: roleTotals },
  ];
  if (cells.some((row) => row.length !== roleCount)) throw new Error('a unit lists other roles than the wave');
  return { quantities, equations };
}

function checkShownValues(quantities: readonly Quantity[], k: number): string[] {
  return quantities.flatMap(({ name, truth, count }) => {
    if (count.isShown) return count.n === truth && truth >= k ? [] : [`${name} shows ${count.n}, true ${truth}`];
    if ('n' in count) return [`${name} is suppressed but carries n`];
    return truth < k && count.reason !== 'primary' ? [`${name} has ${truth} but is not marked primary`] : [];
  });
}

function checkRelationRule(quantities: readonly Quantity[], equations: readonly Equation[], k: number): string[] {
  const at = (index: number): Quantity => {
    const quantity = quantities[index];
    if (quantity === undefined) throw new Error(`no quantity ${index}`);
    return quantity;
  };
  return equations.flatMap(({ margin, parts }) => {
    const hidden = [margin, ...parts].map(at).filter((quantity) => !quantity.count.isShown);
    if (hidden.every((quantity) => quantity.truth === 0)) return [];
    const hiddenSum = parts.map(at).reduce((sum, quantity) => sum + (quantity.count.isShown ? 0 : quantity.truth), 0);
    if (hidden.length < 2) return [`${at(margin).name}: only ${String(hidden[0]?.name)} is hidden`];
    return at(margin).count.isShown && hiddenSum < k ? [`${at(margin).name}: hidden parts hold only ${hiddenSum}`] : [];
  });
}

/**
 * Everything an attacker could recover from `wave` given the true cell counts `truth`
 * (truth[unit][role], in the disclosure's unit and role order, role not given last): shown
 * counts that are wrong or small, suppressed counts that carry n, hidden counts with
 * respondents whose value is fixed by the shown ones, small hidden counts provably below k, and
 * relations that break the rule. An empty list means the table is safe.
 */
export function findDisclosures(truth: readonly (readonly number[])[], wave: WaveDisclosure): string[] {
  const { quantities, equations } = listQuantities(truth, wave);
  const unknowns = quantities.flatMap((quantity, index) => (quantity.count.isShown ? [] : [index]));
  const matrix = equations.map(({ margin, parts }) =>
    unknowns.map((index) => (index === margin ? -1 : 0) + parts.filter((part) => part === index).length));
  const rhs = equations.map(({ margin, parts }) => {
    const value = (index: number): number => { const count = quantities[index]?.count; return count?.isShown === true ? count.n : 0; };
    return value(margin) - parts.reduce((sum, index) => sum + value(index), 0);
  });
  const bounds = boundUnknowns(matrix, rhs, unknowns.length);
  const recovered = unknowns.flatMap((index, position) => {
    const { name, truth: value } = quantities[index] ?? { name: '?', truth: 0 };
    const { min, max } = bounds[position] ?? { min: 0, max: 0 };
    if (min > value || max < value) return [`${name}: bounds ${min}..${max} exclude the truth ${value}`];
    if (value > 0 && min === max) return [`${name} is recovered exactly: ${value}`];
    return value > 0 && value < wave.k && max < wave.k ? [`${name} is provably below k: at most ${max}`] : [];
  });
  return [...checkShownValues(quantities, wave.k), ...checkRelationRule(quantities, equations, wave.k), ...recovered];
}
