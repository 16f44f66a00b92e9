import fs from 'node:fs';
import { expect } from 'chai';
import { parseInstrument } from '../../../server/instruments/definition.js';
import {
  pearsonFromSums, type ScoringRules, scoreResponse, scoringRules, summarizeGroup, summarizeScores, summarizeSums, summarizeTotals,
} from '../../../server/instruments/scoring.js';

const item = (question: string, reverse = false) => ({ question, reverse });
const title = { en: 'x' };

// Three subscales whose missing-data thresholds differ: 50% of 3 items (2), 75% of 4 (3), 28% of 25 (7).
const rules: ScoringRules = scoringRules({
  scale: { min: 1, max: 5, favorableAtLeast: 4, labels: {} },
  subscales: [
    { key: 'a', construct: 'role_clarity', title, minAnsweredShare: 0.5, items: [item('a1'), item('a2'), item('a3', true)] },
    { key: 'b', construct: 'recovery_culture', title, minAnsweredShare: 0.75, items: [item('b1'), item('b2'), item('b3'), item('b4')] },
    { key: 'c', construct: 'job_conditions', title, minAnsweredShare: 0.28, items: Array.from({ length: 25 }, (_, i) => item(`c${i}`)) },
  ],
});

describe('scoringRules', () => {
  it('states each subscale\'s items, reverse flags, scale and the smallest number of answered items', () => {
    expect(rules.scale).to.deep.equal({ min: 1, max: 5, favorableAtLeast: 4 });
    expect(rules.subscales.map((subscale) => subscale.minAnswered)).to.deep.equal([2, 3, 7]);
    expect(rules.subscales[0]?.items).to.deep.equal([
      { question: 'a1', isReversed: false }, { question: 'a2', isReversed: false }, { question: 'a3', isReversed: true },
    ]);
  });

  it('when read from surveys/peer-staff-climate.v2.json, needs 3 of 6 and 3 of 5 answered items', () => {
    const parsed = parseInstrument(JSON.parse(fs.readFileSync('surveys/peer-staff-climate.v2.json', 'utf8')));
    if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
    const minimums = Object.fromEntries(scoringRules(parsed.instrument).subscales.map((subscale) => [subscale.key, `${subscale.minAnswered}/${subscale.items.length}`]));
    expect(minimums).to.deep.equal({
      microaggressions: '3/6', perceived_value: '3/5', role_clarity: '3/6', supervision_support: '3/5', recovery_culture: '3/5', job_conditions: '3/6',
    });
  });
});

describe('scoreResponse', () => {
  it('when every item is answered, averages them after reversing reverse-worded items (6 - x)', () => {
    // a: 4, 5 and 6 - 2 = 4 -> 13 / 3; b: (1 + 2 + 3 + 4) / 4 = 2.5
    const scores = scoreResponse(rules, { a1: 4, a2: 5, a3: 2, b1: 1, b2: 2, b3: 3, b4: 4 });
    expect(scores).to.deep.equal({ a: 13 / 3, b: 2.5 });
  });

  it('when exactly the minimum share is answered, scores the subscale from the answered items', () => {
    // a: 2 of 3 answered (>= 50%): 4 and 6 - 1 = 5 -> 4.5; b: 3 of 4 (= 75%): (1 + 2 + 3) / 3 = 2
    expect(scoreResponse(rules, { a1: 4, a3: 1, b1: 1, b2: 2, b3: 3 })).to.deep.equal({ a: 4.5, b: 2 });
  });

  it('when fewer than the minimum share are answered, leaves the subscale unscored rather than zero', () => {
    expect(scoreResponse(rules, { a3: 5, b1: 5, b2: 5 })).to.deep.equal({});
  });

  it('when the share is 28% of 25 items, 7 answers are enough despite floating point (0.28 * 25 > 7)', () => {
    const seven = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`c${i}`, 3]));
    expect(scoreResponse(rules, seven)).to.deep.equal({ c: 3 });
    const six = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`c${i}`, 3]));
    expect(scoreResponse(rules, six)).to.deep.equal({});
  });

  it('when a value is off the scale, not a whole number or not a number, counts the item as unanswered', () => {
    expect(scoreResponse(rules, { a1: 4, a2: 7, a3: '2' })).to.deep.equal({});
    expect(scoreResponse(rules, { a1: 4, a2: 2.5, a3: 3 })).to.deep.equal({ a: 3.5 });
  });
});

describe('summarizeScores', () => {
  const scale = { min: 1, max: 5, favorableAtLeast: 4 };

  it('gives n, mean, sample SD, floor-binned distribution and % favorable, computed by hand', () => {
    // mean 19/5 = 3.8; squared deviations 3.24 + 0.09 + 0.04 + 0.49 + 1.44 = 5.3; variance 5.3 / 4 = 1.325
    const summary = summarizeScores([2, 3.5, 4, 4.5, 5], scale);
    expect(summary.n).to.equal(5);
    expect(summary.mean).to.be.closeTo(3.8, 1e-12);
    expect(summary.sd).to.be.closeTo(Math.sqrt(1.325), 1e-12);
    expect(summary.distribution).to.deep.equal([
      { point: 1, count: 0 }, { point: 2, count: 1 }, { point: 3, count: 1 }, { point: 4, count: 2 }, { point: 5, count: 1 },
    ]);
    expect(summary.percentFavorable).to.equal(60);
  });

  it('when the bins at or above the threshold are added, they equal the favorable count', () => {
    const values = [1, 1.5, 2.25, 3.99, 4, 4.01, 4.99, 5];
    const summary = summarizeScores(values, scale);
    const favorableBins = summary.distribution.filter((bin) => bin.point >= 4).reduce((sum, bin) => sum + bin.count, 0);
    expect(favorableBins / values.length * 100).to.equal(summary.percentFavorable);
    expect(summary.distribution.reduce((sum, bin) => sum + bin.count, 0)).to.equal(values.length);
  });

  it('when there is one value, has no SD; when there are none, has no mean or % favorable', () => {
    expect(summarizeScores([4], scale)).to.include({ n: 1, mean: 4, sd: null, percentFavorable: 100 });
    expect(summarizeScores([], scale)).to.include({ n: 0, mean: null, sd: null, percentFavorable: null });
  });
});

describe('summarizeGroup', () => {
  it('summarizes each subscale over the respondents it was scored for', () => {
    const summaries = summarizeGroup(rules, [{ a: 4, b: 2 }, { a: 2 }, {}]);
    expect(summaries.a).to.include({ n: 2, mean: 3, percentFavorable: 50 });
    expect(summaries.a?.sd).to.be.closeTo(Math.SQRT2, 1e-12);
    expect(summaries.b).to.include({ n: 1, mean: 2, sd: null, percentFavorable: 0 });
    expect(summaries.c).to.include({ n: 0, mean: null });
  });
});

describe('summarizeTotals', () => {
  const scale = { min: 1, max: 5, favorableAtLeast: 4 };

  function totalsOf(values: number[]) {
    const bins = [1, 2, 3, 4, 5].map((point) => ({
      point, count: values.filter((value) => (point === 5 ? value >= 5 : value >= point && value < point + 1)).length,
    }));
    return { n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSquares: values.reduce((a, b) => a + b * b, 0), bins };
  }

  it('when given the totals of a group, agrees with summarizeScores on the values themselves', () => {
    const values = [1, 2.5, 3, 3.4, 4, 4, 4.75, 5, 2, 3.66];
    const fromTotals = summarizeTotals(totalsOf(values), scale);
    const fromValues = summarizeScores(values, scale);
    expect(fromTotals.n).to.equal(fromValues.n);
    expect(fromTotals.mean).to.be.closeTo(fromValues.mean ?? NaN, 1e-12);
    expect(fromTotals.sd).to.be.closeTo(fromValues.sd ?? NaN, 1e-12);
    expect(fromTotals.distribution).to.deep.equal(fromValues.distribution);
    expect(fromTotals.percentFavorable).to.equal(fromValues.percentFavorable);
  });

  it('when a group has one value, gives no SD; when empty, no mean', () => {
    expect(summarizeTotals(totalsOf([4]), scale).sd).to.equal(null);
    expect(summarizeTotals(totalsOf([]), scale).mean).to.equal(null);
  });
});

describe('summarizeSums', () => {
  it('gives the same n, mean, SD and % favorable as summarizeScores for the same values', () => {
    const scale = { min: 1, max: 5, favorableAtLeast: 4 };
    for (const values of [[], [3], [4, 4, 4], [1, 2.5, 3.6666666666666665, 4, 5, 4.2]]) {
      const sums = { n: values.length, sum: values.reduce((a, b) => a + b, 0), sumOfSquares: values.reduce((a, b) => a + b * b, 0), favorable: values.filter((value) => value >= 4).length };
      const { distribution: _distribution, ...expected } = summarizeScores(values, scale);
      const actual = summarizeSums(sums);
      expect(actual.n).to.equal(expected.n);
      expect(actual.percentFavorable).to.equal(expected.percentFavorable);
      for (const key of ['mean', 'sd'] as const) {
        if (expected[key] === null) expect(actual[key]).to.equal(null);
        else expect(actual[key]).to.be.closeTo(expected[key], 1e-12);
      }
    }
  });
});

describe('pearsonFromSums', () => {
  const sumsOf = (pairs: ReadonlyArray<[number, number]>) => ({
    n: pairs.length,
    sumX: pairs.reduce((sum, [x]) => sum + x, 0), sumXSquares: pairs.reduce((sum, [x]) => sum + x * x, 0),
    sumY: pairs.reduce((sum, [, y]) => sum + y, 0), sumYSquares: pairs.reduce((sum, [, y]) => sum + y * y, 0),
    sumProducts: pairs.reduce((sum, [x, y]) => sum + x * y, 0),
  });

  it('gives the textbook r: 1 for a straight rising line, -1 for a falling one, and a known value between', () => {
    expect(pearsonFromSums(sumsOf([[1, 2], [2, 4], [3, 6]]))).to.be.closeTo(1, 1e-12);
    expect(pearsonFromSums(sumsOf([[1, 5], [2, 3], [3, 1]]))).to.be.closeTo(-1, 1e-12);
    // x = 1..5, y = 2,4,5,4,5: r = 6 / sqrt(10 * 6) = 0.7745966692414834.
    expect(pearsonFromSums(sumsOf([[1, 2], [2, 4], [3, 5], [4, 4], [5, 5]]))).to.be.closeTo(0.7745966692414834, 1e-12);
  });

  it('when there are fewer than two pairs, or x or y never varies, gives null', () => {
    expect(pearsonFromSums(sumsOf([[3, 4]]))).to.equal(null);
    expect(pearsonFromSums(sumsOf([[3.7, 1], [3.7, 2], [3.7, 5]]))).to.equal(null);
    expect(pearsonFromSums(sumsOf([[1, 4], [2, 4], [5, 4]]))).to.equal(null);
  });
});
