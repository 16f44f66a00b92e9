import { mean, type ScaleRule, scoreItem, type SubscaleRule } from './scoring.js';

/**
 * Reliability statistics for researchers. Input is an item matrix: one row per respondent,
 * one column per item of a subscale, values already reverse-coded (scoreItem), complete
 * cases only (listwise deletion, as psych::alpha(use = "complete.obs") and
 * pingouin.cronbach_alpha(nan_policy = "listwise")). Statistics that the data cannot support
 * are null rather than a misleading number.
 */
export type ItemMatrix = ReadonlyArray<readonly number[]>;

export type ItemReliability = {
  question: string;
  /** Pearson r of the item with the sum of the other items (psych's r.drop). */
  itemRestCorrelation: number | null;
  /** Cronbach's alpha of the subscale without this item. */
  alphaIfDeleted: number | null;
};

export type SubscaleReliability = {
  key: string;
  /** Respondents who answered every item of the subscale. */
  n: number;
  alpha: number | null;
  omegaTotal: number | null;
  items: ItemReliability[];
};

/** Sample covariance matrix (divisor n - 1) of the columns of `matrix`. */
export function covarianceMatrix(matrix: ItemMatrix): number[][] {
  const columns = matrix[0]?.length ?? 0;
  const means = Array.from({ length: columns }, (_, column) => mean(matrix.map((row) => row[column] ?? 0)) ?? 0);
  return means.map((meanI, i) => means.map((meanJ, j) =>
    matrix.reduce((sum, row) => sum + ((row[i] ?? 0) - meanI) * ((row[j] ?? 0) - meanJ), 0) / (matrix.length - 1)));
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** alpha = k / (k - 1) * (1 - sum of item variances / variance of the total) (Cronbach 1951). */
function alphaFromCovariance(covariance: readonly (readonly number[])[], keep: readonly number[]): number | null {
  const k = keep.length;
  if (k < 2) return null;
  const totalVariance = sum(keep.flatMap((i) => keep.map((j) => covariance[i]?.[j] ?? 0)));
  const itemVariances = sum(keep.map((i) => covariance[i]?.[i] ?? 0));
  return totalVariance > 0 ? (k / (k - 1)) * (1 - itemVariances / totalVariance) : null;
}

/** Cronbach's alpha of a complete item matrix; null with fewer than 2 items or 2 rows, or no total variance. */
export function cronbachAlpha(matrix: ItemMatrix): number | null {
  if (matrix.length < 2) return null;
  const covariance = covarianceMatrix(matrix);
  return alphaFromCovariance(covariance, covariance.map((_, index) => index));
}

/** Item-rest correlation and alpha-if-item-deleted for each column of a complete item matrix. */
export function itemStatistics(matrix: ItemMatrix): Array<Omit<ItemReliability, 'question'>> {
  const columns = matrix[0]?.length ?? 0;
  if (matrix.length < 2) return Array.from({ length: columns }, () => ({ itemRestCorrelation: null, alphaIfDeleted: null }));
  return itemStatisticsOfCovariance(covarianceMatrix(matrix));
}

function itemStatisticsOfCovariance(covariance: readonly (readonly number[])[]): Array<Omit<ItemReliability, 'question'>> {
  const all = covariance.map((_, index) => index);
  return all.map((item) => {
    const rest = all.filter((other) => other !== item);
    const itemVariance = covariance[item]?.[item] ?? 0;
    const covarianceWithRest = sum(rest.map((other) => covariance[item]?.[other] ?? 0));
    const restVariance = sum(rest.flatMap((i) => rest.map((j) => covariance[i]?.[j] ?? 0)));
    const denominator = Math.sqrt(itemVariance * restVariance);
    return {
      itemRestCorrelation: denominator > 0 ? covarianceWithRest / denominator : null,
      alphaIfDeleted: alphaFromCovariance(covariance, rest),
    };
  });
}

type OneFactorFit = { loadings: number[]; uniquenesses: number[] };

/**
 * One EM step for the one-factor model S ~ l l' + diag(psi) (Rubin & Thayer 1982, Psychometrika
 * 47:69-76). Sigma^-1 l = (l / psi) / (1 + l'psi^-1 l) by the Woodbury identity, so no matrix
 * is inverted. Each step cannot lower the normal likelihood; its fixed point is the ML estimate.
 */
function emStep(covariance: readonly (readonly number[])[], fit: OneFactorFit): OneFactorFit {
  const weights = fit.loadings.map((loading, i) => loading / (fit.uniquenesses[i] ?? 1));
  const scale = 1 / (1 + sum(fit.loadings.map((loading, i) => loading * (weights[i] ?? 0))));
  const beta = weights.map((weight) => weight * scale);
  const covarianceBeta = covariance.map((row) => sum(row.map((value, j) => value * (beta[j] ?? 0))));
  const factorMoment = 1 - sum(beta.map((b, i) => b * (fit.loadings[i] ?? 0))) + sum(beta.map((b, i) => b * (covarianceBeta[i] ?? 0)));
  const loadings = covarianceBeta.map((value) => value / factorMoment);
  const uniquenesses = loadings.map((loading, i) => (covariance[i]?.[i] ?? 0) - loading * (covarianceBeta[i] ?? 0));
  return { loadings, uniquenesses };
}

const omegaMaxIterations = 50_000;
const omegaTolerance = 1e-12;

/**
 * McDonald's omega total of the unit-weighted sum: (sum l)^2 / ((sum l)^2 + sum psi) from a
 * one-factor model fitted by maximum likelihood to the item covariances (the same estimate as
 * lavaan's cfa(); omega does not depend on using divisor n or n - 1). Null, rather than a
 * number nobody should trust, when the model is not identified (fewer than 3 items), there
 * are no more respondents than items, the fit does not converge, or a uniqueness reaches zero
 * (a Heywood case).
 */
export function omegaTotal(matrix: ItemMatrix): number | null {
  const k = matrix[0]?.length ?? 0;
  if (k < 3 || matrix.length <= k) return null;
  return omegaTotalOfCovariance(covarianceMatrix(matrix));
}

function omegaTotalOfCovariance(covariance: readonly (readonly number[])[]): number | null {
  const variances = covariance.map((row, i) => row[i] ?? 0);
  if (variances.some((variance) => variance <= 0)) return null;
  let fit: OneFactorFit = { loadings: variances.map((variance) => Math.sqrt(variance / 2)), uniquenesses: variances.map((variance) => variance / 2) };
  for (let iteration = 0; iteration < omegaMaxIterations; iteration += 1) {
    const next = emStep(covariance, fit);
    const change = Math.max(...next.loadings.map((loading, i) => Math.abs(loading - (fit.loadings[i] ?? 0))),
      ...next.uniquenesses.map((psi, i) => Math.abs(psi - (fit.uniquenesses[i] ?? 0))));
    fit = next;
    if (change < omegaTolerance * Math.max(...variances)) {
      if (fit.uniquenesses.some((psi, i) => psi <= 1e-6 * (variances[i] ?? 1))) return null;
      const common = sum(fit.loadings) ** 2;
      return common / (common + sum(fit.uniquenesses));
    }
  }
  return null;
}

/**
 * Reliability of one subscale over a group's validated answers: the subscale's items are
 * reverse-coded, respondents missing any item are left out (listwise), then alpha, omega total
 * and per-item statistics are computed on what remains.
 */
export function analyzeSubscale(subscale: SubscaleRule, scale: ScaleRule, responses: ReadonlyArray<Readonly<Record<string, unknown>>>): SubscaleReliability {
  const matrix: number[][] = [];
  for (const answers of responses) {
    const row = subscale.items.map((item) => scoreItem(item, scale, answers[item.question]));
    if (row.every((value) => value !== undefined)) matrix.push(row);
  }
  return analyzeCovariance(subscale, matrix.length, matrix.length < 2 ? null : covarianceMatrix(matrix));
}

/**
 * The same statistics from a subscale's sample covariance matrix (divisor n - 1, items in the
 * subscale's order, reverse-coded) over its n complete respondents; null: fewer than 2 of them.
 * Lets a caller add up sums and cross-products over groups instead of keeping every row.
 */
export function analyzeCovariance(subscale: Pick<SubscaleRule, 'key' | 'items'>, n: number, covariance: readonly (readonly number[])[] | null): SubscaleReliability {
  const k = subscale.items.length;
  const statistics = covariance ? itemStatisticsOfCovariance(covariance) : [];
  return {
    key: subscale.key,
    n,
    alpha: covariance ? alphaFromCovariance(covariance, covariance.map((_, index) => index)) : null,
    omegaTotal: covariance && k >= 3 && n > k ? omegaTotalOfCovariance(covariance) : null,
    items: subscale.items.map((item, index) => ({
      question: item.question,
      itemRestCorrelation: statistics[index]?.itemRestCorrelation ?? null,
      alphaIfDeleted: statistics[index]?.alphaIfDeleted ?? null,
    })),
  };
}
