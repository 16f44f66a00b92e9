import { expect } from 'chai';
import {
  type CountRow, type DisclosedCount, type WaveDisclosure, suppressSmallGroups, suppressWaveFigures,
} from '../../../server/disclosure/suppress.js';
import { findDisclosures } from './attacker.js';

/** mulberry32: a small seeded generator, so every run checks the same tables and a failure can be replayed. */
function createRandom(seed: number): (low: number, high: number) => number {
  let state = seed;
  return (low, high) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return low + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (high - low + 1));
  };
}

type RandomWave = { k: number; units: string[]; roles: string[]; truth: number[][] };

/** 1-8 units, 1-3 roles plus "no role", k 3-10; counts 0-30, two in five near k, and few respondents without a role. */
function generateWave(random: (low: number, high: number) => number): RandomWave {
  const k = random(3, 10);
  const units = Array.from({ length: random(1, 8) }, (_, index) => `unit-${index}`);
  const roles = ['peer_staff', 'supervisor', 'clinical_other'].slice(0, random(1, 3));
  const drawNamed = (): number => (random(1, 5) <= 2 ? random(0, k) : random(0, 30));
  const drawNoRole = (): number => (random(1, 5) <= 3 ? 0 : random(0, 4));
  const truth = units.map(() => [...roles.map(drawNamed), drawNoRole()]);
  return { k, units, roles, truth };
}

function buildRows(wave: RandomWave, truth: readonly number[][]): CountRow[] {
  return wave.units.flatMap((unit, u) => [...wave.roles, null].map((role, r) => ({ unit, role, n: truth[u]?.[r] ?? 0 })));
}

function decide(wave: RandomWave): WaveDisclosure {
  const result = suppressSmallGroups({ k: wave.k, units: wave.units, roles: wave.roles, rows: buildRows(wave, wave.truth) });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.disclosure;
}

function listCounts(wave: WaveDisclosure): DisclosedCount[] {
  const unitCounts = wave.units.flatMap((unit) => [unit.count, ...unit.roles.map((entry) => entry.count)]);
  return [wave.total, ...wave.roles.map((entry) => entry.count), ...unitCounts];
}

const tableCount = 400;

describe('suppressSmallGroups (seeded random tables)', () => {
  it(`over ${tableCount} tables, no suppressed count with respondents is recovered by subtraction or proven below k`, () => {
    const random = createRandom(20240611);
    const failures: string[] = [];
    let suppressed = 0;
    for (let index = 0; index < tableCount; index += 1) {
      const wave = generateWave(random);
      const disclosure = decide(wave);
      suppressed += listCounts(disclosure).filter((count) => !count.isShown).length;
      const found = findDisclosures(wave.truth, disclosure);
      if (found.length > 0) failures.push(`table ${index} (k ${wave.k}, ${JSON.stringify(wave.truth)}): ${found.join('; ')}`);
    }
    expect(failures).to.deep.equal([]);
    expect(suppressed).to.be.greaterThan(tableCount);
  });

  it('for every table, gives the same decision whatever the order of the rows', () => {
    const random = createRandom(7);
    for (let index = 0; index < 50; index += 1) {
      const wave = generateWave(random);
      const rows = buildRows(wave, wave.truth);
      const shuffled = rows.map((row) => ({ row, key: random(0, 1000) })).sort((a, b) => a.key - b.key).map(({ row }) => row);
      expect(suppressSmallGroups({ k: wave.k, units: wave.units, roles: wave.roles, rows: shuffled }))
        .to.deep.equal({ ok: true, disclosure: decide(wave) });
    }
  });
});

describe('suppressWaveFigures (seeded random tables)', () => {
  it('for a subscale scored for part of each group, in three categories, shows no group hidden for respondents and leaks no respondent count', () => {
    const random = createRandom(99);
    const failures: string[] = [];
    for (let index = 0; index < 150; index += 1) {
      const wave = generateWave(random);
      const scored = wave.truth.map((row) => row.map((n) => n - random(0, Math.min(n, 4))));
      const low = scored.map((row) => row.map((n) => random(0, n)));
      const middle = scored.map((row, u) => row.map((n, r) => random(0, n - (low[u]?.[r] ?? 0))));
      const high = scored.map((row, u) => row.map((n, r) => n - (low[u]?.[r] ?? 0) - (middle[u]?.[r] ?? 0)));
      const result = suppressWaveFigures({
        k: wave.k, units: wave.units, roles: wave.roles, rows: buildRows(wave, wave.truth),
        subscales: [{ base: buildRows(wave, scored), parts: [low, middle, high].map((part) => buildRows(wave, part)) }], items: [],
      });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const parentCounts = listCounts(decide(wave));
      const showsMore = listCounts(result.decision.respondents).some((count, position) => count.isShown && parentCounts[position]?.isShown !== true);
      const found = findDisclosures(wave.truth, result.decision.respondents);
      if (showsMore || found.length > 0) failures.push(`table ${index}: ${showsMore ? 'shows a hidden group; ' : ''}${found.join('; ')}`);
    }
    expect(failures).to.deep.equal([]);
  });
});

describe('findDisclosures (the independent attacker)', () => {
  /**
   * Publishes `truth` (units × roles, "no role" last), hiding the cells `isHidden` names;
   * row truth.length and column roles.length are the margins.
   */
  function publish(truth: number[][], roles: (string | null)[], isHidden: (unit: number, role: number) => boolean): WaveDisclosure {
    const count = (unit: number, role: number, n: number): DisclosedCount => (isHidden(unit, role)
      ? { isShown: false, reason: n < 5 ? 'primary' : 'secondary' } : { isShown: true, n });
    const sumRow = (row: number[]): number => row.reduce((a, b) => a + b, 0);
    const columnTotals = roles.map((_, r) => truth.reduce((sum, row) => sum + (row[r] ?? 0), 0));
    return {
      k: 5,
      total: count(truth.length, roles.length, sumRow(columnTotals)),
      roles: roles.map((role, r) => ({ role, count: count(truth.length, r, columnTotals[r] ?? 0) })),
      units: truth.map((row, u) => ({
        unit: `u${u}`, count: count(u, roles.length, sumRow(row)), roles: roles.map((role, r) => ({ role, count: count(u, r, row[r] ?? 0) })),
      })),
    };
  }

  it('when only the small unit is hidden, recovers it as the total minus the other units', () => {
    const truth = [[12, 0], [9, 0], [3, 0]];
    const wave = publish(truth, ['peer_staff', null], (unit, role) => unit === 2 || role === 1);
    expect(findDisclosures(truth, wave)).to.include.members([
      'total: only u2 is hidden', 'u2 is recovered exactly: 3', 'u2×peer_staff is recovered exactly: 3',
    ]);
  });

  it('when a table is published with no suppression at all, reports every small shown count', () => {
    const truth = [[12, 0], [9, 0], [3, 0]];
    expect(findDisclosures(truth, publish(truth, ['peer_staff', null], () => false)))
      .to.include.members(['u2 shows 3, true 3', 'null shows 0, true 0']);
  });

  it('when two hidden cycles are joined by one cell, recovers that cell though every row and column hides two or more', () => {
    const truth = [0, 1, 2, 3].map(() => [10, 10, 10, 10]);
    const hidden = new Set(['0,0', '0,1', '1,0', '1,1', '2,2', '2,3', '3,2', '3,3', '0,2']);
    const wave = publish(truth, ['r0', 'r1', 'r2', null], (unit, role) => hidden.has(`${unit},${role}`));
    expect(findDisclosures(truth, wave)).to.deep.equal(['u0×r2 is recovered exactly: 10']);
  });
});
