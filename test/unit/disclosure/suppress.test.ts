import { expect } from 'chai';
import {
  type CountRow, type DisclosedCount, type WaveDisclosure, suppressSmallGroups, suppressWaveFigures,
} from '../../../server/disclosure/suppress.js';
import { findDisclosures } from './attacker.js';

const peerOnly = ['peer_staff'];
const peerAndSupervisor = ['peer_staff', 'supervisor'];
const allRoles = ['peer_staff', 'supervisor', 'clinical_other'];

/** Counts per unit: one number per role in order, then respondents who gave no role (0 when left out). */
type Grid = Record<string, number[]>;

function buildRows(roles: readonly string[], grid: Grid): CountRow[] {
  return Object.entries(grid).flatMap(([unit, counts]) => [...roles, null].map((role, index) => ({ unit, role, n: counts[index] ?? 0 })));
}

function buildTruth(roles: readonly string[], grid: Grid): number[][] {
  return Object.values(grid).map((counts) => [...roles, null].map((_, index) => counts[index] ?? 0));
}

function suppress(k: number, roles: readonly string[], grid: Grid): WaveDisclosure {
  const result = suppressSmallGroups({ k, roles, units: Object.keys(grid), rows: buildRows(roles, grid) });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.disclosure;
}

/** One line per unit, then the margins: a shown n, p (primary) or s (secondary); the last column is the unit's total. */
function drawPattern(wave: WaveDisclosure): string[] {
  const show = (count: DisclosedCount): string => (count.isShown ? String(count.n) : count.reason === 'primary' ? 'p' : 's');
  const line = (name: string, roles: WaveDisclosure['roles'], margin: DisclosedCount): string =>
    `${name}: ${roles.map((entry) => show(entry.count)).join(' ')} | ${show(margin)}`;
  return [...wave.units.map((unit) => line(unit.unit, unit.roles, unit.count)), line('all', wave.roles, wave.total)];
}

/** Suppresses `grid`, expects `pattern`, and expects the independent attacker to recover nothing. */
function expectSafePattern(k: number, roles: readonly string[], grid: Grid, pattern: string[]): WaveDisclosure {
  const wave = suppress(k, roles, grid);
  expect(drawPattern(wave)).to.deep.equal(pattern);
  expect(findDisclosures(buildTruth(roles, grid), wave)).to.deep.equal([]);
  return wave;
}

function readShownN(count: DisclosedCount | undefined): number {
  if (count?.isShown !== true) throw new Error('expected a shown count');
  return count.n;
}

describe('suppressSmallGroups', () => {
  it('when one unit is small, hides a second unit so total minus the shown units leaves a group of k or more', () => {
    const wave = expectSafePattern(5, peerOnly, { A: [12], B: [9], C: [3] },
      ['A: 12 p | 12', 'B: s p | s', 'C: p p | p', 'all: 24 p | 24']);
    expect(readShownN(wave.total) - readShownN(wave.units[0]?.count)).to.equal(9 + 3);
  });

  it('when a role group is small, hides a role total so the role breakdown cannot be subtracted from the total or the units', () => {
    expectSafePattern(5, peerAndSupervisor, { A: [8, 3], B: [9, 0] }, ['A: s p p | 11', 'B: 9 p p | 9', 'all: s p p | 20']);
  });

  it('when a cross-tab cell is small, hides the cheapest cycle of four cells so rows and columns both leave k or more', () => {
    const wave = expectSafePattern(5, peerAndSupervisor, { A: [12, 6], B: [9, 7], C: [3, 8] },
      ['A: 12 6 p | 18', 'B: s s p | 16', 'C: p s p | 11', 'all: 24 21 p | 45']);
    expect(readShownN(wave.roles[0]?.count) - readShownN(wave.units[0]?.roles[0]?.count)).to.equal(9 + 3);
  });

  it('when a filter "role = peer_staff, by unit" meets a small unit, the filtered column cannot be subtracted from its total', () => {
    const wave = expectSafePattern(5, peerAndSupervisor, { A: [6, 10], B: [2, 10], C: [7, 10] },
      ['A: s s p | 16', 'B: p s p | 12', 'C: 7 10 p | 17', 'all: 15 30 p | 45']);
    const peerColumn = wave.units.map((unit) => unit.roles[0]?.count);
    expect(readShownN(wave.roles[0]?.count) - readShownN(peerColumn[2])).to.equal(6 + 2);
  });

  it('when only one role of a unit is small, hides it with the cheapest cells that close a cycle and keeps the unit total', () => {
    expectSafePattern(5, allRoles, { A: [10, 2, 8], B: [9, 6, 7], C: [11, 5, 9] },
      ['A: 10 p s p | 20', 'B: 9 s s p | 22', 'C: 11 5 9 p | 25', 'all: 30 13 24 p | 67']);
  });

  it('when all units but one are large, hides one more unit so the small one is not the total minus the others', () => {
    expectSafePattern(5, peerAndSupervisor, { A: [12, 8], B: [9, 6], C: [14, 7], D: [1, 1] },
      ['A: 12 8 p | 20', 'B: s s p | s', 'C: 14 7 p | 21', 'D: p p p | p', 'all: 36 22 p | 58']);
  });

  it('when a unit total is small, hides all its cells and a second unit, and keeps role totals that still cover k', () => {
    const wave = expectSafePattern(5, peerAndSupervisor, { A: [12, 8], B: [9, 6], C: [2, 1] },
      ['A: 12 8 p | 20', 'B: s s p | s', 'C: p p p | p', 'all: 23 15 p | 38']);
    expect(readShownN(wave.roles[0]?.count) - readShownN(wave.units[0]?.roles[0]?.count)).to.equal(9 + 2);
  });

  it('when k is 3, shows groups of 3 and 4 that k = 5 suppresses together with their complements', () => {
    const grid = { A: [6, 3], B: [4, 5], C: [7, 4] };
    expectSafePattern(3, peerAndSupervisor, grid, ['A: 6 3 p | 9', 'B: 4 5 p | 9', 'C: 7 4 p | 11', 'all: 17 12 p | 29']);
    expectSafePattern(5, peerAndSupervisor, grid, ['A: s p p | 9', 'B: p s p | 9', 'C: s p p | 11', 'all: 17 12 p | 29']);
  });

  it('when two respondents of a unit gave no role, protects them: unit total minus its roles is not their group', () => {
    const wave = expectSafePattern(5, peerOnly, { A: [10, 2], B: [8, 0], C: [9, 0] },
      ['A: s p | 12', 'B: 8 p | 8', 'C: 9 p | 9', 'all: s p | 29']);
    expect(wave.roles.map((entry) => entry.role)).to.deep.equal(['peer_staff', null]);
  });

  it('when a group is empty, suppresses it as small but hides nothing else for it', () => {
    const wave = expectSafePattern(5, peerAndSupervisor, { A: [10, 6], B: [8, 0], C: [9, 7] },
      ['A: 10 6 p | 16', 'B: 8 p p | 8', 'C: 9 7 p | 16', 'all: 27 13 p | 40']);
    expect(wave.units[1]?.roles[1]?.count).to.deep.equal({ isShown: false, reason: 'primary' });
  });

  it('when the whole wave has fewer than k respondents, suppresses everything', () => {
    expectSafePattern(5, peerAndSupervisor, { A: [2, 1], B: [1, 0] }, ['A: p p p | p', 'B: p p p | p', 'all: p p p | p']);
  });

  it('when a declared unit has no rows, reports it as a suppressed empty unit', () => {
    const result = suppressSmallGroups({ k: 5, units: ['A', 'Z'], roles: peerOnly, rows: [{ unit: 'A', role: 'peer_staff', n: 9 }] });
    expect(result.ok && drawPattern(result.disclosure)).to.deep.equal(['A: 9 p | 9', 'Z: p p | p', 'all: 9 p | 9']);
  });

  it('when a count is suppressed, its entry has no n property at all', () => {
    const wave = suppress(5, peerOnly, { A: [12], B: [9], C: [3] });
    const smallUnit = wave.units[2]?.count;
    expect(smallUnit).to.deep.equal({ isShown: false, reason: 'primary' });
    expect(Object.keys(smallUnit ?? {})).to.not.include('n');
    expect(JSON.stringify(wave)).to.not.match(/"n":3\b/);
  });

  it('when units and roles are not declared, takes them from the rows sorted, whatever the row order', () => {
    const rows = buildRows(peerAndSupervisor, { B: [9, 7], C: [3, 8], A: [12, 6] });
    const forward = suppressSmallGroups({ k: 5, rows });
    const backward = suppressSmallGroups({ k: 5, rows: [...rows].reverse() });
    expect(forward).to.deep.equal(backward);
    expect(forward.ok && forward.disclosure.units.map((unit) => unit.unit)).to.deep.equal(['A', 'B', 'C']);
  });

  it('when k, a count, a unit or a role is invalid, or a pair repeats, names each problem and decides nothing', () => {
    const result = suppressSmallGroups({
      k: 2,
      units: ['A'],
      roles: peerOnly,
      rows: [
        { unit: 'A', role: 'peer_staff', n: 1.5 }, { unit: 'B', role: null, n: 1 },
        { unit: 'A', role: 'director', n: 4 }, { unit: 'A', role: null, n: 2 }, { unit: 'A', role: null, n: 2 },
      ],
    });
    expect(result).to.deep.equal({
      ok: false,
      problems: [
        { path: 'k', message: 'must be a whole number of at least 3' },
        { path: 'rows.0.n', message: 'must be a whole number of 0 or more' },
        { path: 'rows.1.unit', message: "B is not one of the wave's units" },
        { path: 'rows.2.role', message: "director is not one of the wave's role groups" },
        { path: 'rows.4', message: 'repeats unit A with role null' },
      ],
    });
  });
});

describe('suppressWaveFigures', () => {
  const grid = { A: [12, 6], B: [9, 7], C: [3, 8] };
  const rows = buildRows(peerAndSupervisor, grid);
  const split = (counts: Grid, part: (n: number) => number): CountRow[] => buildRows(peerAndSupervisor, Object.fromEntries(Object.entries(counts).map(([unit, values]) => [unit, values.map(part)])));

  it('never shows a group the respondent decision hides, and hides a group whose subscale holds fewer than k scores everywhere', () => {
    const scored: Grid = { A: [12, 6], B: [9, 7], C: [3, 4] };
    const family = { base: buildRows(peerAndSupervisor, scored), parts: [split(scored, (n) => Math.floor(n / 3)), split(scored, (n) => Math.floor(n / 3)), split(scored, (n) => n - 2 * Math.floor(n / 3))] };
    const result = suppressWaveFigures({ k: 5, units: Object.keys(grid), roles: peerAndSupervisor, rows, subscales: [family], items: [] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const alone = suppress(5, peerAndSupervisor, grid);
    const pattern = drawPattern(result.decision.respondents);
    drawPattern(alone).forEach((line, index) => line.split(' ').forEach((cell, position) => {
      if (!/^\d+$/.test(cell)) expect(pattern[index]?.split(' ')[position], `${line} / ${pattern[index] ?? ''}`).to.not.match(/^\d+$/);
    }));
    expect(result.decision.respondents.units[2]?.roles[1]?.count.isShown).to.equal(false);
    expect(findDisclosures(buildTruth(peerAndSupervisor, grid), result.decision.respondents)).to.deep.equal([]);
  });

  it('when counts exceed the respondents or name an unknown unit, reports problems', () => {
    const over = suppressWaveFigures({ k: 5, units: Object.keys(grid), roles: peerAndSupervisor, rows, subscales: [{ base: [{ unit: 'A', role: 'peer_staff', n: 13 }], parts: [] }], items: [] });
    expect(over.ok ? [] : over.problems[0]).to.deep.equal({ path: 'rows', message: 'unit A, role peer_staff: 13 counted, more than its 12 respondents' });
    const unknown = suppressWaveFigures({ k: 5, units: Object.keys(grid), roles: peerAndSupervisor, rows, subscales: [], items: [{ base: [{ unit: 'Z', role: 'peer_staff', n: 1 }], parts: [] }] });
    expect(unknown.ok ? [] : unknown.problems).to.deep.equal([{ path: 'rows.0.unit', message: "Z is not one of the wave's units" }]);
  });
});
