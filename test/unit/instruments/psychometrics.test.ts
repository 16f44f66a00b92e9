import { expect } from 'chai';
import { analyzeSubscale, cronbachAlpha, itemStatistics, omegaTotal } from '../../../server/instruments/psychometrics.js';
import { scoringRules } from '../../../server/instruments/scoring.js';

/*
 * Reference data and numbers come from outside this code base:
 * - likert15x10 is pingouin's published example dataset "cronbach_alpha" (15 respondents x 10
 *   items, from www.real-statistics.com), pivoted to wide form. pingouin's documentation of
 *   cronbach_alpha prints alpha = 0.5917188485995826 for it.
 * - binary12x11 is pingouin's dataset "cronbach_wide_missing"; its documentation prints
 *   alpha = 0.8016949152542373 after listwise deletion ("In R: psych::alpha(data, use = 'complete.obs')").
 * - Item-rest correlations and alpha-if-deleted are R 4.2.2 psych 2.2.9 (Debian r-cran-psych):
 *     a <- psych::alpha(d[complete.cases(d), ], check.keys = FALSE); a$item.stats$r.drop; a$alpha.drop$raw_alpha
 * - Omega total is the one-factor ML model, fitted in R by stats::factanal and rescaled to the
 *   item variances (tight optimizer tolerance), and by lavaan 0.6.14 at its defaults:
 *     fa <- factanal(d, 1, control = list(opt = list(factr = 1, pgtol = 0, maxit = 10000)))
 *     s <- apply(d, 2, sd); L <- fa$loadings[, 1] * s; U <- fa$uniquenesses * s^2; sum(L)^2 / (sum(L)^2 + sum(U))
 *     fit <- lavaan::cfa("f =~ Q1 + ... + Q10", d, std.lv = TRUE)  # (sum l)^2 / ((sum l)^2 + sum theta)
 *   factanal and lavaan differ in the 6th decimal (lavaan's default tolerance); the tolerance below covers both.
 */
const likert15x10 = [
  [3, 2, 4, 1, 4, 5, 1, 4, 3, 2], [5, 4, 6, 3, 5, 1, 2, 5, 5, 5], [7, 3, 5, 5, 6, 4, 3, 3, 6, 5],
  [2, 4, 3, 3, 2, 2, 2, 6, 6, 3], [6, 5, 6, 5, 4, 4, 4, 6, 7, 5], [1, 2, 3, 4, 2, 5, 2, 3, 5, 2],
  [4, 3, 5, 3, 5, 2, 1, 2, 4, 3], [2, 4, 4, 3, 7, 2, 2, 4, 6, 5], [6, 5, 5, 5, 1, 6, 5, 2, 3, 2],
  [5, 4, 6, 4, 3, 5, 3, 1, 7, 2], [4, 3, 5, 2, 5, 3, 2, 3, 4, 1], [4, 2, 3, 2, 5, 3, 4, 2, 3, 4],
  [5, 5, 6, 2, 3, 3, 2, 4, 4, 5], [6, 5, 5, 4, 2, 2, 1, 4, 6, 5], [4, 3, 5, 5, 3, 1, 3, 2, 3, 4],
];

// null marks a missing answer; three rows have one, leaving 9 complete cases.
const binary12x11 = [
  [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0], [null, 0, 1, 1, null, 1, 1, 1, 1, 0, 0],
  [1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0], [1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0], [0, 1, null, 0, 1, 1, 1, 1, 0, 0, 0],
  [1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0], [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0],
  [1, 0, 0, 1, 0, 1, 0, 0, null, 0, 0], [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
];
const binaryComplete = binary12x11.filter((row): row is number[] => row.every((value) => value !== null));

function expectClose(actual: ReadonlyArray<number | null>, expected: readonly number[], tolerance: number): void {
  expect(actual).to.have.length(expected.length);
  actual.forEach((value, index) => expect(value, `item ${index + 1}`).to.be.closeTo(expected[index] ?? NaN, tolerance));
}

/** The textbook formula on raw scores (item variances and the variance of each respondent's total), independent of the covariance-matrix route the code takes. */
function alphaFromTotals(matrix: number[][]): number {
  const variance = (values: number[]): number => {
    const average = values.reduce((sum, value) => sum + value, 0) / values.length;
    return values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
  };
  const k = matrix[0]?.length ?? 0;
  const itemVariances = Array.from({ length: k }, (_, column) => variance(matrix.map((row) => row[column] ?? 0)));
  const totals = matrix.map((row) => row.reduce((sum, value) => sum + value, 0));
  return (k / (k - 1)) * (1 - itemVariances.reduce((sum, value) => sum + value, 0) / variance(totals));
}

describe('cronbachAlpha', () => {
  it('when given pingouin\'s published Likert example, gives its printed alpha 0.5917188485995826', () => {
    expect(cronbachAlpha(likert15x10)).to.be.closeTo(0.5917188485995826, 1e-12);
  });

  it('when given pingouin\'s published binary example after listwise deletion, gives its printed alpha 0.8016949152542373', () => {
    expect(binaryComplete).to.have.length(9);
    expect(cronbachAlpha(binaryComplete)).to.be.closeTo(0.8016949152542373, 1e-12);
  });

  it('agrees with the raw-score formula on both examples', () => {
    expect(cronbachAlpha(likert15x10)).to.be.closeTo(alphaFromTotals(likert15x10), 1e-12);
    expect(cronbachAlpha(binaryComplete)).to.be.closeTo(alphaFromTotals(binaryComplete), 1e-12);
  });

  it('when there are fewer than 2 items or respondents, or no variance, gives null', () => {
    expect(cronbachAlpha([[1], [2], [3]])).to.equal(null);
    expect(cronbachAlpha([[1, 2, 3]])).to.equal(null);
    expect(cronbachAlpha([[3, 3], [3, 3]])).to.equal(null);
  });
});

describe('itemStatistics', () => {
  it('when given the Likert example, matches psych::alpha r.drop and alpha if dropped', () => {
    const statistics = itemStatistics(likert15x10);
    expectClose(statistics.map((item) => item.itemRestCorrelation), [
      0.5747667919844912, 0.5678028417673683, 0.5213910754208803, 0.4176058241286149, -0.1075830824925742,
      -0.1572365196566517, 0.2610077350423378, 0.0921732028231857, 0.4433727459958403, 0.4336883559648060,
    ], 1e-12);
    expectClose(statistics.map((item) => item.alphaIfDeleted), [
      0.468690324633991, 0.507280557834290, 0.518349852665416, 0.531829170024174, 0.668489065606362,
      0.671141479099679, 0.568506332257264, 0.610119047619048, 0.519425675675676, 0.522590782122905,
    ], 1e-12);
  });

  it('when given the binary example, matches psych::alpha r.drop and alpha if dropped', () => {
    const statistics = itemStatistics(binaryComplete);
    expectClose(statistics.map((item) => item.itemRestCorrelation), [
      0.118887659655553, 0.399291825942068, 0.428571428571429, 0, 0.518562978841732, 0.780670868297450,
      0.554478862095426, 0.780670868297450, 0.448129079765136, 0.448129079765136, 0.614192268639994,
    ], 1e-12);
    expectClose(statistics.map((item) => item.alphaIfDeleted), [
      0.812720848056537, 0.792452830188679, 0.789241622574956, 0.829475308641975, 0.779645191409897, 0.747567844342038,
      0.775413711583924, 0.747567844342038, 0.787795992714025, 0.787795992714025, 0.776014109347443,
    ], 1e-12);
  });
});

describe('omegaTotal', () => {
  it('when given the Likert example, matches the one-factor ML fit of R factanal and lavaan', () => {
    // factanal (tight tolerance) 0.638564356944161; lavaan (default tolerance) 0.638565964695325
    expect(omegaTotal(likert15x10)).to.be.closeTo(0.638564356944161, 2e-6);
    expect(omegaTotal(likert15x10)).to.be.closeTo(0.638565964695325, 2e-6);
  });

  it('when there are no more respondents than items, or fewer than 3 items, gives null', () => {
    expect(omegaTotal(binaryComplete)).to.equal(null);
    expect(omegaTotal([[1, 2], [2, 3], [3, 5], [4, 4]])).to.equal(null);
  });

  it('when an item copies another exactly, so its uniqueness would be zero (a Heywood case), gives null', () => {
    expect(omegaTotal([[1, 2, 1, 1], [2, 2, 3, 2], [3, 4, 3, 3], [4, 3, 5, 4], [5, 5, 4, 5], [2, 1, 2, 2]])).to.equal(null);
  });
});

describe('analyzeSubscale', () => {
  // A 4-item subscale on 1..5 with one reverse-worded item (i3); two respondents skipped an item.
  const rules = scoringRules({
    scale: { min: 1, max: 5, favorableAtLeast: 4, labels: {} },
    subscales: [{ key: 'role_clarity', construct: 'role_clarity', title: { en: 'x' }, minAnsweredShare: 0.5,
      items: [{ question: 'i1', reverse: false }, { question: 'i2', reverse: false }, { question: 'i3', reverse: true }, { question: 'i4', reverse: false }] }],
  });
  const rows = [
    [4, 5, 2, 4], [3, 3, 2, 2], [5, 4, 1, 3], [2, 2, 3, 1], [3, 4, 3, 3], [1, 2, 5, 2],
    [5, 5, 2, 4], [4, 4, 4, 3], [2, 1, 4, 3], [3, 3, 1, 5], [3, null, 3, 3], [5, 4, null, null],
  ];
  const responses = rows.map((row) => Object.fromEntries(row.flatMap((value, index) => (value === null ? [] : [[`i${index + 1}`, value]]))));

  it('reverse-codes, drops incomplete respondents and matches R (psych::alpha and factanal on 6 - i3)', () => {
    const subscale = rules.subscales[0];
    if (!subscale) expect.fail('no subscale');
    const result = analyzeSubscale(subscale, rules.scale, responses);
    expect(result.n).to.equal(10);
    expect(result.alpha).to.be.closeTo(0.851851851851852, 1e-12);
    expectClose(result.items.map((item) => item.itemRestCorrelation), [0.829396665155052, 0.738517950221975, 0.640337781720016, 0.573847606310959], 1e-12);
    expectClose(result.items.map((item) => item.alphaIfDeleted), [0.75, 0.791351351351351, 0.834517766497462, 0.857526881720430], 1e-12);
    // factanal 0.862034787650998; lavaan 0.86203479180505
    expect(result.omegaTotal).to.be.closeTo(0.862034787650998, 1e-6);
    expect(result.items.map((item) => item.question)).to.deep.equal(['i1', 'i2', 'i3', 'i4']);
  });

  it('when nobody answered every item, reports n 0 and no statistics', () => {
    const subscale = rules.subscales[0];
    if (!subscale) expect.fail('no subscale');
    const result = analyzeSubscale(subscale, rules.scale, [{ i1: 3 }, { i2: 4, i3: 2 }]);
    expect(result).to.deep.include({ n: 0, alpha: null, omegaTotal: null });
    expect(result.items.every((item) => item.itemRestCorrelation === null && item.alphaIfDeleted === null)).to.equal(true);
  });
});
