import { expect } from 'chai';
import { type Finding, type Grid, type GroupKey, type LinearConstraint, type LinearSystem, type PublishedWave, type WaveEntry,
  attack, buildWaveSystem, findRange, findRatioRange, listGroups, nameEntry } from '../../support/lp-attacker.js';

const k = 5;
const square: Grid = { units: ['u1', 'u2'], roles: ['r1', 'r2'] };

function isInGroup(group: GroupKey, unit: string, role: string): boolean {
  return (group.unit === undefined || group.unit === unit) && (group.role === undefined || group.role === role);
}

/** One count table from its cells (a row per unit, a column per role), with every margin and the total. */
function tabulate(table: string, grid: Grid, cells: number[][]): WaveEntry[] {
  return listGroups(grid).map((group) => ({ table, group, value: grid.units.reduce((sum, unit, u) =>
    sum + grid.roles.reduce((row, role, r) => row + (isInGroup(group, unit, role) ? cells[u]?.[r] ?? 0 : 0), 0), 0) }));
}

/** Everything but the listed cells of `table` (given as [unit, role]). */
function hideCells(entries: WaveEntry[], table: string, cells: [string, string][]): WaveEntry[] {
  const hidden = new Set(cells.map(([unit, role]) => nameEntry(table, { unit, role })));
  return entries.filter((entry) => !hidden.has(nameEntry(entry.table, entry.group)));
}

function describeCountWave(grid: Grid, countTables: PublishedWave['countTables'], shown: WaveEntry[]): PublishedWave {
  return { grid, scaleMin: 1, scaleMax: 5, countTables, partitions: [], sumTables: [], shown };
}

// A 2 × 2 block of hidden cells: the small cell can fall to 0 or rise to k along the cycle.
const respondentsBlock = tabulate('respondents', square, [[2, 6], [7, 8]]);
const allOfSquare: [string, string][] = [['u1', 'r1'], ['u1', 'r2'], ['u2', 'r1'], ['u2', 'r2']];

describe('findRange', () => {
  it('when a variable has an upper bound and a partner in an equality, gives both ends, and Infinity when unbounded', async () => {
    const bounded: LinearSystem = { variables: { x: { upper: 3 }, y: {} }, constraints: [{ terms: { x: 1, y: 1 }, relation: '=', constant: 4 }] };
    expect(await findRange(bounded, 'x')).to.deep.equal({ min: 0, max: 3 });
    expect(await findRange(bounded, 'y')).to.deep.equal({ min: 1, max: 4 });
    const open: LinearSystem = { variables: { x: {}, y: {} }, constraints: [{ terms: { x: 1, y: -1 }, relation: '>=', constant: 2 }] };
    expect(await findRange(open, 'x')).to.deep.equal({ min: 2, max: Infinity });
  });

  it('when the constraints contradict each other, rejects', async () => {
    const broken: LinearSystem = { variables: { x: {} }, constraints: [{ terms: { x: 1 }, relation: '<=', constant: -1 }] };
    let message = '';
    await findRange(broken, 'x').catch((error: unknown) => { message = String(error); });
    expect(message).to.match(/infeasible/);
  });
});

describe('findRatioRange', () => {
  it('when a group of 0 to 4 people has between 1 and 5 points each, its mean ranges over 1 to 5 and its share over 0 to 1', async () => {
    const system: LinearSystem = { variables: { n: { upper: 4 }, sum: {}, favorable: {} }, constraints: [
      { terms: { sum: 1, n: -1 }, relation: '>=', constant: 0 },
      { terms: { sum: 1, n: -5 }, relation: '<=', constant: 0 },
      { terms: { favorable: 1, n: -1 }, relation: '<=', constant: 0 },
    ] };
    expect(await findRatioRange(system, { sum: 1 }, { n: 1 })).to.deep.equal({ min: 1, max: 5 });
    expect(await findRatioRange(system, { favorable: 1 }, { n: 1 })).to.deep.equal({ min: 0, max: 1 });
  });

  it('when the denominator could come near 0, counts from a denominator of 1: one extra point over n people is at most 2 each', async () => {
    const system: LinearSystem = { variables: { n: {}, extra: {} }, constraints: [{ terms: { extra: 1 }, relation: '=', constant: 1 }] };
    expect(await findRatioRange(system, { n: 1, extra: 1 }, { n: 1 })).to.deep.equal({ min: 1, max: 2 });
  });

  it('when the sum and the count are both known, gives the one mean', async () => {
    const system: LinearSystem = { variables: { n: {}, sum: {} }, constraints: [
      { terms: { n: 1 }, relation: '=', constant: 3 }, { terms: { sum: 1 }, relation: '=', constant: 10 }] };
    const range = await findRatioRange(system, { sum: 1 }, { n: 1 });
    expect(range.min).to.be.closeTo(10 / 3, 1e-9);
    expect(range.max).to.be.closeTo(10 / 3, 1e-9);
  });
});

describe('attack', () => {
  it('when one cell of a 2 × 2 table is hidden and its margins are shown, pins it exactly', async () => {
    const truth = tabulate('respondents', square, [[6, 2], [7, 9]]);
    const wave = describeCountWave(square, [], hideCells(truth, 'respondents', [['u1', 'r2']]));
    expect(await attack(wave, truth, k)).to.deep.equal([
      { table: 'respondents', group: { unit: 'u1', role: 'r2' }, trueValue: 2, min: 2, max: 2, kind: 'pinned-small' },
    ]);
    expect(await findRange(buildWaveSystem(wave), nameEntry('respondents', { unit: 'u1', role: 'r2' }))).to.deep.equal({ min: 2, max: 2 });
  });

  it('when a hidden cell\'s only hidden sibling in its unit is empty by the respondent table, pins it; with people there, only bounds it', async () => {
    const favorable = tabulate('favorable', square, [[2, 0], [5, 6]]);
    const attackWith = (respondents: WaveEntry[]): Promise<Finding[]> => attack(
      describeCountWave(square, [{ name: 'favorable' }], [...respondents, ...hideCells(favorable, 'favorable', allOfSquare)]),
      [...respondents, ...favorable], k);
    const expected = { table: 'favorable', group: { unit: 'u1', role: 'r1' }, trueValue: 2, kind: 'pinned-small' };
    expect(await attackWith(tabulate('respondents', square, [[6, 0], [7, 8]]))).to.deep.equal([{ ...expected, min: 2, max: 2 }]);
    expect(await attackWith(tabulate('respondents', square, [[6, 4], [7, 8]]))).to.deep.equal([{ ...expected, min: 0, max: 2 }]);
  });

  it('when a 2 × 2 block is hidden and every other cell of the cycle holds k or more, finds nothing; with a small partner, finds the small cell', async () => {
    const protectedWave = describeCountWave(square, [], hideCells(respondentsBlock, 'respondents', allOfSquare));
    expect(await attack(protectedWave, respondentsBlock, k)).to.deep.equal([]);
    const weak = tabulate('respondents', square, [[2, 1], [7, 8]]);
    const findings = await attack(describeCountWave(square, [], hideCells(weak, 'respondents', allOfSquare)), weak, k);
    expect(findings.map((finding) => [finding.group, finding.min, finding.max])).to.deep.equal([
      [{ unit: 'u1', role: 'r1' }, 0, 3], [{ unit: 'u1', role: 'r2' }, 0, 3],
    ]);
  });

  it('when a protected cell\'s share of its unit is also shown as a whole percentage, pins it within the rounding', async () => {
    const cell = nameEntry('respondents', { unit: 'u1', role: 'r1' });
    const unit = nameEntry('respondents', { unit: 'u1' });
    // "25 %" of u1's 8 respondents: 0.245 ≤ cell / unit ≤ 0.255, linear once multiplied out.
    const known: LinearConstraint[] = [
      { terms: { [cell]: 1, [unit]: -0.245 }, relation: '>=', constant: 0 }, { terms: { [cell]: 1, [unit]: -0.255 }, relation: '<=', constant: 0 }];
    const wave = { ...describeCountWave(square, [], hideCells(respondentsBlock, 'respondents', allOfSquare)), known };
    const findings = await attack(wave, respondentsBlock, k);
    expect(findings.map((finding) => finding.group)).to.deep.equal([{ unit: 'u1', role: 'r1' }]);
    expect(findings[0]?.min).to.be.closeTo(1.96, 1e-9);
    expect(findings[0]?.max).to.be.closeTo(2.04, 1e-9);
  });

  it('when the respondent table is protected but the favorable table is not, finds the favorable counts only', async () => {
    const favorable = tabulate('favorable', square, [[1, 0], [3, 4]]);
    const respondentsOnly = describeCountWave(square, [], hideCells(respondentsBlock, 'respondents', allOfSquare));
    expect(await attack(respondentsOnly, respondentsBlock, k)).to.deep.equal([]);
    const shown = [...hideCells(respondentsBlock, 'respondents', allOfSquare), ...hideCells(favorable, 'favorable', allOfSquare)];
    const findings = await attack(describeCountWave(square, [{ name: 'favorable' }], shown), [...respondentsBlock, ...favorable], k);
    expect(findings.map((finding) => finding.table)).to.not.include('respondents');
    expect(findings).to.deep.include({ table: 'favorable', group: { unit: 'u1', role: 'r1' }, trueValue: 1, min: 0, max: 1, kind: 'pinned-small' });
    expect(findings).to.deep.include({ table: 'favorable', group: { unit: 'u2', role: 'r1' }, trueValue: 3, min: 3, max: 4, kind: 'pinned-small' });
  });
});

type Person = { unit: string; role: string; scores: Record<string, number | undefined> };

// A subscale's score bins as the dashboard reports them; the edges are shared, as scores on them count in either bin.
const bins = [{ bin: 'unfavorable', lo: 1, hi: 2.5 }, { bin: 'neutral', lo: 2.5, hi: 3.5 }, { bin: 'favorable', lo: 3.5, hi: 5 }];

function describeSubscales(grid: Grid, subscales: string[]): Omit<PublishedWave, 'shown'> {
  return {
    grid, scaleMin: 1, scaleMax: 5,
    countTables: subscales.flatMap((subscale) => [
      { name: `${subscale}.scored` }, ...bins.map(({ bin }) => ({ name: `${subscale}.${bin}`, within: `${subscale}.scored` }))]),
    partitions: subscales.map((subscale) => ({ whole: `${subscale}.scored`, parts: bins.map(({ bin }) => `${subscale}.${bin}`) })),
    sumTables: subscales.map((subscale) => ({ name: `${subscale}.sum`, parts: bins.map(({ bin, lo, hi }) => ({ table: `${subscale}.${bin}`, lo, hi })) })),
  };
}

/** What one person adds to an entry of a table named 'respondents' or '<subscale>.<scored|sum|bin>'. */
function measure(table: string, person: Person): number {
  const [subscale = '', kind = ''] = table.split('.');
  const score = person.scores[subscale];
  if (table === 'respondents') return 1;
  if (score === undefined) return 0;
  if (kind === 'sum') return score;
  const bin = score < 2.5 ? 'unfavorable' : score <= 3.5 ? 'neutral' : 'favorable';
  return kind === 'scored' || kind === bin ? 1 : 0;
}

function tabulatePeople(wave: Omit<PublishedWave, 'shown'>, people: Person[]): WaveEntry[] {
  const tables = ['respondents', ...wave.countTables.map((table) => table.name), ...wave.sumTables.map((table) => table.name)];
  return tables.flatMap((table) => listGroups(wave.grid).map((group) => ({ table, group,
    value: people.reduce((sum, person) => sum + (isInGroup(group, person.unit, person.role) ? measure(table, person) : 0), 0) })));
}

describe('attack', () => {
  const grid: Grid = { units: ['u1', 'u2', 'u3'], roles: ['r1', 'r2'] };
  const wave = describeSubscales(grid, ['climate']);
  const scores = [1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 3.25];
  const people = ['u1', 'u1', 'u1', 'u1', 'u1', 'u1', 'u2', 'u2', 'u2', 'u2', 'u2', 'u2', 'u2', 'u3', 'u3', 'u3', 'u3', 'u3', 'u3']
    .map((unit, i): Person => ({ unit, role: i % 3 === 0 ? 'r2' : 'r1', scores: { climate: scores[i % scores.length] } }));
  const truth = tabulatePeople(wave, people);
  const u3Scores = people.filter((person) => person.unit === 'u3').map((person) => person.scores.climate ?? 0);
  const trueMean = u3Scores.reduce((sum, score) => sum + score, 0) / u3Scores.length;

  it('when a hidden unit\'s complement is shown in every table, recovers its mean exactly', async () => {
    const shown = truth.filter((entry) => entry.group.unit !== 'u3');
    const findings = (await attack({ ...wave, shown }, truth, k)).filter((finding) => finding.kind === 'mean-narrow');
    const unitMean = findings.find((finding) => finding.group.unit === 'u3' && finding.group.role === undefined);
    expect(unitMean?.trueValue).to.be.closeTo(trueMean, 1e-9);
    expect(unitMean?.min).to.be.closeTo(trueMean, 1e-6);
    expect(unitMean?.max).to.be.closeTo(trueMean, 1e-6);
  });

  it('when the sums are hidden too but the unit\'s bins are recovered, finds its mean narrowed to the bins\' edges', async () => {
    const shown = truth.filter((entry) => entry.group.unit !== 'u3' && entry.table !== 'climate.sum');
    const findings = await attack({ ...wave, shown }, truth, k);
    const unitMean = findings.find((finding) => finding.kind === 'mean-narrow' && finding.group.unit === 'u3' && finding.group.role === undefined);
    // One unfavorable, two neutral and three favorable scores: between (1 + 2·2.5 + 3·3.5)/6 and (2.5 + 2·3.5 + 3·5)/6.
    expect(unitMean?.min).to.be.closeTo(16.5 / 6, 1e-6);
    expect(unitMean?.max).to.be.closeTo(24.5 / 6, 1e-6);
  });

  it('when two hidden units are only known together, finds neither unit\'s mean narrow', async () => {
    const shown = truth.filter((entry) => entry.group.unit !== 'u2' && entry.group.unit !== 'u3');
    const findings = await attack({ ...wave, shown }, truth, k);
    const narrowUnits = findings.filter((finding) => finding.kind === 'mean-narrow' && finding.group.role === undefined);
    expect(narrowUnits).to.deep.equal([]);
  });
});

/** Seeded uniform numbers in [0, 1) (mulberry32), so the wave is the same on every run. */
function startRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cells with 1 to k − 1 respondents, then for any unit or role left with one hidden cell, its smallest shown partner. */
function suppressPerTable(grid: Grid, people: Person[]): Set<string> {
  const count = (unit: string, role: string): number => people.filter((person) => person.unit === unit && person.role === role).length;
  const hidden = new Set(grid.units.flatMap((unit) => grid.roles.filter((role) => count(unit, role) > 0 && count(unit, role) < k).map((role) => `${unit}/${role}`)));
  const lines = [...grid.units.map((unit) => grid.roles.map((role) => [unit, role])), ...grid.roles.map((role) => grid.units.map((unit) => [unit, role]))];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const open = line.filter(([unit = '', role = '']) => !hidden.has(`${unit}/${role}`)).sort(([u1 = '', r1 = ''], [u2 = '', r2 = '']) => count(u1, r1) - count(u2, r2));
      const [partner] = open;
      if (line.length - open.length !== 1 || partner === undefined) continue;
      hidden.add(partner.join('/'));
      changed = true;
    }
  }
  return hidden;
}

describe('attack', () => {
  it('when 5 units × 4 roles publish 31 tables under per-table suppression, ends within seconds with findings the truth lies in', async function () {
    // CPU time, not wall time: the machine the suite runs on may be busy with other work.
    this.timeout(60_000);
    const grid: Grid = { units: ['u1', 'u2', 'u3', 'u4', 'u5'], roles: ['peer', 'supervisor', 'lead', 'none'] };
    const subscales = ['climate', 'stigma', 'support', 'voice', 'safety', 'workload'];
    const wave = describeSubscales(grid, subscales);
    const random = startRandom(11);
    const pick = (values: string[]): string => values[Math.floor(random() * values.length)] ?? '';
    const people = Array.from({ length: 140 }, (): Person => ({ unit: pick(grid.units), role: pick(['peer', 'peer', 'peer', 'supervisor', 'lead', 'none']),
      scores: Object.fromEntries(subscales.map((subscale) => [subscale, random() < 0.1 ? undefined : 1 + Math.round(random() * 16) / 4])) }));
    const truth = tabulatePeople(wave, people);
    const hidden = suppressPerTable(grid, people);
    const shown = truth.filter(({ group }) => group.unit === undefined || group.role === undefined || !hidden.has(`${group.unit}/${group.role}`));
    const started = process.cpuUsage();
    const findings = await attack({ ...wave, shown }, truth, k);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1e6).to.be.below(10);
    expect(findings.length).to.be.above(0);
    for (const finding of findings) expect(finding.trueValue).to.be.within(finding.min - 1e-6, finding.max + 1e-6);
  });
});
