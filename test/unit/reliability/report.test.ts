import fs from 'node:fs';
import { expect } from 'chai';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';
import { analyzeSubscale, covarianceMatrix } from '../../../server/instruments/psychometrics.js';
import { scoreItem, scoringRules } from '../../../server/instruments/scoring.js';
import { buildReliabilityReport, covarianceOf, type ReliabilityTally, tallyResponse } from '../../../server/reliability/report.js';
import { roleValues } from '../../../server/dashboards/assemble.js';
import { createRandom } from '../../../server/demo/synthetic.js';
import { suppressSmallGroups, type WaveDisclosure } from '../../../server/disclosure/suppress.js';

function loadInstrument(file: string): Instrument {
  const parsed = parseInstrument(JSON.parse(fs.readFileSync(`surveys/${file}`, 'utf8')));
  if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

const instrument = loadInstrument('peer-staff-climate.v2.json');
const rules = scoringRules(instrument);
const [roleClarity] = rules.subscales.filter((subscale) => subscale.key === 'role_clarity');

/** Answers to every rating item, one of them skipped now and then, seeded so a failure repeats. */
function randomAnswers(random: ReturnType<typeof createRandom>, skipRate: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const subscale of rules.subscales) {
    const climate = random.normal();
    for (const item of subscale.items) {
      if (random.next() < skipRate) continue;
      answers[item.question] = Math.min(5, Math.max(1, Math.round(3 + climate + random.normal() * 0.8)));
    }
  }
  return answers;
}

function tally(cells: Array<{ unit: string; role: string | null; n: number }>, seed: number): { tally: ReliabilityTally; answers: Array<{ unit: string; role: string | null; answers: Record<string, unknown> }> } {
  const random = createRandom(seed);
  const result: ReliabilityTally = new Map();
  const answers = cells.flatMap((cell) => Array.from({ length: cell.n }, () => ({ unit: cell.unit, role: cell.role, answers: randomAnswers(random, 0.05) })));
  for (const row of answers) tallyResponse(result, rules, { unitId: row.unit, roleGroup: row.role, answers: row.answers });
  return { tally: result, answers };
}

describe('tallyResponse and covarianceOf', () => {
  it('give the covariance matrix of the complete, reverse-coded rows, summed over cells', () => {
    const { tally: cells, answers } = tally([{ unit: 'a', role: 'peer_staff', n: 40 }, { unit: 'b', role: 'supervisor', n: 30 }], 3);
    const subscale = roleClarity ?? rules.subscales[0];
    if (!subscale) expect.fail('no subscale');
    const rows = answers.map((row) => subscale.items.map((item) => scoreItem(item, rules.scale, row.answers[item.question])))
      .filter((row): row is number[] => row.every((value) => value !== undefined));
    expect(rows.length).to.be.within(40, 69);
    const sums = [...cells.values()].flatMap((cell) => cell.subscales.get(subscale.key) ?? []);
    const { n, covariance } = covarianceOf(sums, subscale.items.length);
    expect(n).to.equal(rows.length);
    const expected = covarianceMatrix(rows);
    covariance?.forEach((row, i) => row.forEach((value, j) => expect(value).to.be.closeTo(expected[i]?.[j] ?? NaN, 1e-12)));
  });

  it('gives no covariance below two complete respondents', () => {
    expect(covarianceOf([{ n: 1, sums: [3, 4], products: [[9, 12], [12, 16]] }], 2)).to.deep.equal({ n: 1, covariance: null });
  });
});

/** The dashboard's decision on the tally's respondent counts, as the wave's final results make it. */
function decide(cells: ReliabilityTally, k: number, unitIds: string[]): WaveDisclosure {
  const decided = suppressSmallGroups({ k, units: unitIds, roles: roleValues(instrument), rows: [...cells.values()].map((cell) => ({ unit: cell.unit, role: cell.role, n: cell.respondents })) });
  if (!decided.ok) expect.fail(JSON.stringify(decided.problems));
  return decided.disclosure;
}

describe('buildReliabilityReport', () => {
  it('for the whole wave, equals analyzeSubscale over the same answers', () => {
    const { tally: cells, answers } = tally([{ unit: 'a', role: 'peer_staff', n: 50 }, { unit: 'b', role: 'peer_staff', n: 45 }], 5);
    const built = { report: buildReliabilityReport({ instrument, k: 5, decision: decide(cells, 5, ['a', 'b']), tally: cells }) };
    const wave = built.report.groups.find((group) => group.kind === 'wave');
    for (const subscale of rules.subscales) {
      const expected = analyzeSubscale(subscale, rules.scale, answers.map((row) => row.answers));
      const actual = wave?.subscales.find((entry) => entry.key === subscale.key)?.reliability;
      expect(actual?.n).to.equal(expected.n);
      expect(actual?.alpha).to.be.closeTo(expected.alpha ?? NaN, 1e-12);
      expect(actual?.omegaTotal).to.be.closeTo(expected.omegaTotal ?? NaN, 1e-9);
      actual?.items.forEach((item, index) => expect(item.itemRestCorrelation).to.be.closeTo(expected.items[index]?.itemRestCorrelation ?? NaN, 1e-12));
    }
  });

  it('hides a unit below k and the unit that would give it away, and computes nothing under 25 complete respondents', () => {
    const { tally: cells } = tally([{ unit: 'big', role: 'peer_staff', n: 60 }, { unit: 'mid', role: 'peer_staff', n: 20 }, { unit: 'tiny', role: 'peer_staff', n: 2 }], 8);
    const built = { report: buildReliabilityReport({ instrument, k: 5, decision: decide(cells, 5, ['big', 'mid', 'tiny']), tally: cells }) };
    const unit = (id: string) => built.report.groups.find((group) => group.kind === 'unit' && group.id === id);
    expect(unit('tiny')?.respondents.isShown).to.equal(false);
    expect(unit('mid')?.respondents.isShown).to.equal(false);
    expect(unit('big')?.respondents).to.deep.equal({ isShown: true, n: 60 });
    for (const id of ['tiny', 'mid']) expect(unit(id)?.subscales.every((entry) => !entry.count.isShown && entry.reliability === null)).to.equal(true);
    expect(built.report.minimum).to.equal(25);
    for (const group of built.report.groups) {
      for (const entry of group.subscales) if (entry.reliability) expect(entry.reliability.n).to.be.at.least(25);
    }
    const supervisors = built.report.groups.find((group) => group.kind === 'role' && group.id === 'supervisor');
    expect(supervisors?.respondents.isShown).to.equal(false);
  });

  it('raises the minimum to k when k is above 25', () => {
    const { tally: cells } = tally([{ unit: 'a', role: 'peer_staff', n: 35 }], 2);
    const built = { report: buildReliabilityReport({ instrument, k: 30, decision: decide(cells, 30, ['a']), tally: cells }) };
    expect(built.report.minimum).to.equal(30);
    const wave = built.report.groups.find((group) => group.kind === 'wave');
    for (const entry of wave?.subscales ?? []) expect(entry.reliability === null).to.equal(!entry.count.isShown || entry.count.n < 30);
  });
});
