import { expect } from 'chai';
import { type CombinationCount, coarsenedDimensions, coarsenGroups, type Mappings } from '../../../server/exports/coarsen.js';

/** What a reader of the file sees for one original value: itself, "other", or empty. */
function reportedValue(mappings: Mappings, dimension: (typeof coarsenedDimensions)[number], value: string | null): string {
  const reported = mappings[dimension].get(value);
  if (reported === undefined) throw new Error(`${dimension} ${String(value)} has no mapping`);
  if (reported === 'other') return '<other>';
  return reported === 'blank' || value === null ? '' : value;
}

/** Rows per reported level and per reported combination within a stratum, as the file would show them. */
function tally(counts: readonly CombinationCount[], mappings: Mappings): { levels: Map<string, number>; combinations: Map<string, number> } {
  const levels = new Map<string, number>();
  const combinations = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number): void => {
    map.set(key, (map.get(key) ?? 0) + n);
  };
  for (const count of counts) {
    const reported = coarsenedDimensions.map((dimension) => reportedValue(mappings, dimension, count[dimension]));
    coarsenedDimensions.forEach((dimension, index) => {
      if (reported[index] !== '') add(levels, `${dimension}=${reported[index] ?? ''}`, count.n);
    });
    add(combinations, JSON.stringify([count.stratum, ...reported]), count.n);
  }
  return { levels, combinations };
}

function coarsen(counts: readonly CombinationCount[], k: number): Mappings {
  const result = coarsenGroups(counts, k);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.mappings;
}

function createRandom(seed: number): (low: number, high: number) => number {
  let state = seed;
  return (low, high) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return low + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (high - low + 1));
  };
}

/** 1-3 strata, 1-7 units, 1-3 roles and 0-4 tenure bands plus "not given"; many cells empty or near k. */
function generateCounts(random: (low: number, high: number) => number, k: number): CombinationCount[] {
  const strata = Array.from({ length: random(1, 3) }, (_, index) => `wave-${index}`);
  const units = Array.from({ length: random(1, 7) }, (_, index) => `unit-${index}`);
  const roles = [...['peer_staff', 'supervisor', 'clinical_other'].slice(0, random(1, 3)), null];
  const tenures = [...['under_1y', '1_3y', '3_5y', 'over_5y'].slice(0, random(0, 4)), null];
  const counts = strata.flatMap((stratum) => units.flatMap((unit) => roles.flatMap((role) => tenures.map((tenure) => {
    const draw = random(1, 6);
    const n = draw <= 3 ? 0 : draw <= 5 ? random(1, k) : random(0, 25);
    return { stratum, unit, role, tenure, n };
  }))));
  // A stratum of 1..k-1 rows cannot be protected (checked below); top it up to k.
  for (const stratum of strata) {
    const rows = counts.filter((count) => count.stratum === stratum);
    const total = rows.reduce((sum, count) => sum + count.n, 0);
    const first = rows[0];
    if (first && total > 0 && total < k) first.n += k - total;
  }
  return counts;
}

describe('coarsenGroups', () => {
  it('when every level and combination already has k rows, keeps every value and takes no step', () => {
    const counts = ['A', 'B'].flatMap((unit) => ['peer_staff', 'supervisor'].map((role) => ({ stratum: 'w', unit, role, tenure: 'over_5y', n: 6 })));
    const result = coarsenGroups(counts, 5);
    expect(result.ok && result.steps).to.deep.equal([]);
    expect(result.ok && [...result.mappings.unit.values(), ...result.mappings.role.values()]).to.deep.equal(['kept', 'kept', 'kept', 'kept']);
  });

  it('when a unit has fewer than k rows, merges it with the smallest other unit into "other"', () => {
    const counts: CombinationCount[] = [
      { stratum: 'w', unit: 'Big', role: 'peer_staff', tenure: null, n: 30 },
      { stratum: 'w', unit: 'Middle', role: 'peer_staff', tenure: null, n: 8 },
      { stratum: 'w', unit: 'Tiny', role: 'peer_staff', tenure: null, n: 2 },
    ];
    const result = coarsenGroups(counts, 5);
    if (!result.ok) throw new Error('refused');
    expect(Object.fromEntries(result.mappings.unit)).to.deep.equal({ Big: 'kept', Middle: 'other', Tiny: 'other' });
    expect(result.steps).to.deep.equal([{ dimension: 'unit', values: ['Middle', 'Tiny'], action: 'merged', reason: 'level_below_k' }]);
  });

  it('when one combination is small, coarsens tenure before role or unit at equal cost, and reports "not given" as empty', () => {
    const counts: CombinationCount[] = [
      { stratum: 'w', unit: 'A', role: 'peer_staff', tenure: 'under_1y', n: 10 },
      { stratum: 'w', unit: 'A', role: 'peer_staff', tenure: 'over_5y', n: 10 },
      { stratum: 'w', unit: 'B', role: 'peer_staff', tenure: 'under_1y', n: 10 },
      { stratum: 'w', unit: 'B', role: 'peer_staff', tenure: 'over_5y', n: 2 },
      { stratum: 'w', unit: 'B', role: 'peer_staff', tenure: null, n: 5 },
    ];
    const mappings = coarsen(counts, 5);
    expect(reportedValue(mappings, 'tenure', null)).to.equal('');
    const { combinations } = tally(counts, mappings);
    expect([...combinations.values()].every((n) => n === 0 || n >= 5)).to.equal(true);
    expect([...mappings.unit.values()]).to.deep.equal(['kept', 'kept']);
  });

  it('checks combinations within each stratum: a combination split across two waves is still too small', () => {
    const counts: CombinationCount[] = [
      { stratum: 'w1', unit: 'A', role: 'peer_staff', tenure: null, n: 20 },
      { stratum: 'w1', unit: 'B', role: 'peer_staff', tenure: null, n: 3 },
      { stratum: 'w2', unit: 'A', role: 'peer_staff', tenure: null, n: 20 },
      { stratum: 'w2', unit: 'B', role: 'peer_staff', tenure: null, n: 3 },
    ];
    const mappings = coarsen(counts, 5);
    expect(reportedValue(mappings, 'unit', 'B')).to.not.equal('B');
  });

  it('refuses a stratum of 1..k-1 rows, an invalid k and a negative count, naming each', () => {
    const result = coarsenGroups([
      { stratum: 'w1', unit: 'A', role: null, tenure: null, n: 3 },
      { stratum: 'w2', unit: 'A', role: null, tenure: null, n: -1 },
    ], 0);
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.problems.map((problem) => problem.path)).to.deep.equal(['k', 'counts.1.n']);
    const small = coarsenGroups([{ stratum: 'w1', unit: 'A', role: null, tenure: null, n: 3 }], 5);
    expect(!small.ok && small.problems.map((problem) => problem.path)).to.deep.equal(['strata.w1']);
  });

  it('over 500 seeded random tables, leaves no reported level and no combination within a stratum with 1..k-1 rows, and loses no row', () => {
    const random = createRandom(20261125);
    const failures: string[] = [];
    for (let index = 0; index < 500; index += 1) {
      const k = random(3, 6);
      const counts = generateCounts(random, k);
      const mappings = coarsen(counts, k);
      const { levels, combinations } = tally(counts, mappings);
      const small = [...levels, ...combinations].filter(([, n]) => n > 0 && n < k);
      const total = counts.reduce((sum, count) => sum + count.n, 0);
      const reportedTotal = [...combinations.values()].reduce((sum, n) => sum + n, 0);
      if (small.length > 0 || total !== reportedTotal) failures.push(`table ${index} (k ${k}): ${JSON.stringify(small)} ${JSON.stringify(counts.filter((count) => count.n > 0))}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('gives the same mapping for the same counts in any order', () => {
    const random = createRandom(7);
    for (let index = 0; index < 50; index += 1) {
      const counts = generateCounts(random, 5);
      const shuffled = [...counts].reverse();
      const first = coarsen(counts, 5);
      const second = coarsen(shuffled, 5);
      for (const dimension of coarsenedDimensions) {
        expect(Object.fromEntries(second[dimension]), `table ${index} ${dimension}`).to.deep.equal(Object.fromEntries(first[dimension]));
      }
    }
  });
});
