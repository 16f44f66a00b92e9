/**
 * The linked tables of one wave as a single grid. Rows are the units plus a margin row, columns
 * are the role groups plus "role not given" (null) plus a margin column:
 *
 *              role 1 … role R   not given | unit margin
 *   unit 1       x       x          x      |   x
 *   …                                       |
 *   role margin  x       x          x      |   total
 *
 * Every number a dashboard can show for the wave (total, unit, role group, unit × role group, and
 * every filter that is one of these) is one cell of this grid, and every subtraction an attacker
 * can make runs along one of its rows or columns: each row and each column is a relation
 * "margin = sum of its components".
 */
export type CountRow = { unit: string; role: string | null; n: number };
export type CountProblem = { path: string; message: string };

export type LinkedTable = {
  units: readonly string[];
  /** The wave's role groups in order, then null for respondents who gave no role. */
  roles: readonly (string | null)[];
  /** Respondent counts by cell: (units + 1) rows of (roles + 1) cells, margins last. */
  counts: readonly number[];
};

export type TableCheck = { ok: true; table: LinkedTable } | { ok: false; problems: CountProblem[] };

/** Index of the cell at a unit (units.length for the role margin row) and role (roles.length for the unit margin column). */
export function locateCell(table: LinkedTable, unitIndex: number, roleIndex: number): number {
  return unitIndex * (table.roles.length + 1) + roleIndex;
}

/** Row and column of a cell; a margin has the row units.length or the column roles.length. */
export function placeCell(table: LinkedTable, cell: number): { row: number; col: number } {
  const width = table.roles.length + 1;
  return { row: Math.floor(cell / width), col: cell % width };
}

function findRepeats(values: readonly string[], path: string): CountProblem[] {
  return values.flatMap((value, index) => (values.indexOf(value) === index
    ? [] : [{ path: `${path}.${index}`, message: `repeats ${value}` }]));
}

function checkRow(row: CountRow, index: number, units: readonly string[], roles: readonly (string | null)[]): CountProblem[] {
  const problems: CountProblem[] = [];
  if (!Number.isSafeInteger(row.n) || row.n < 0) problems.push({ path: `rows.${index}.n`, message: 'must be a whole number of 0 or more' });
  if (!units.includes(row.unit)) problems.push({ path: `rows.${index}.unit`, message: `${row.unit} is not one of the wave's units` });
  if (!roles.includes(row.role)) problems.push({ path: `rows.${index}.role`, message: `${String(row.role)} is not one of the wave's role groups` });
  return problems;
}

function sortDistinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Builds the grid from per-(unit, role) counts, as `GROUP BY unit, role` returns them.
 * `units` and `roles` list the categories to show even when nobody answered in them, in display
 * order; when left out they are the distinct values of the rows, sorted. A row's role null means
 * the respondent gave no role; that column always exists. Margins are computed here, never taken
 * from the caller, so they cannot disagree with the cells. Returns problems (and no table) for a
 * count that is not a whole number ≥ 0, a unit or role outside the lists, or a repeated pair.
 */
export function buildLinkedTable(rows: readonly CountRow[], declared: { units?: readonly string[]; roles?: readonly string[] }): TableCheck {
  const units = declared.units ?? sortDistinct(rows.map((row) => row.unit));
  const namedRoles = declared.roles ?? sortDistinct(rows.flatMap((row) => (row.role === null ? [] : [row.role])));
  const table = { units, roles: [...namedRoles, null], counts: [] as number[] };
  table.counts = new Array<number>((units.length + 1) * (table.roles.length + 1)).fill(0);
  const problems = [...findRepeats(units, 'units'), ...findRepeats(namedRoles, 'roles')];
  const seen = new Set<number>();
  rows.forEach((row, index) => {
    const rowProblems = checkRow(row, index, units, table.roles);
    problems.push(...rowProblems);
    if (rowProblems.length > 0) return;
    const unitIndex = units.indexOf(row.unit);
    const roleIndex = table.roles.indexOf(row.role);
    const cell = locateCell(table, unitIndex, roleIndex);
    if (seen.has(cell)) problems.push({ path: `rows.${index}`, message: `repeats unit ${row.unit} with role ${String(row.role)}` });
    seen.add(cell);
    for (const target of [cell, locateCell(table, unitIndex, table.roles.length),
      locateCell(table, units.length, roleIndex), locateCell(table, units.length, table.roles.length)]) {
      table.counts[target] = (table.counts[target] ?? 0) + row.n;
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, table };
}
