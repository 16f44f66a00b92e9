import type { DisclosedCount } from '../disclosure/suppress.js';

/** Responses are counted in steps of this size before they are set against a headcount. */
export const headcountStep = 5;

/**
 * How much of an open-link wave's staff has answered, e.g. "at least 40% of 52 staff".
 * `total` is the disclosure module's decision on the wave's respondent count; `headcounts` are
 * those of the wave's units (null: not given). The total is rounded down to a multiple of 5
 * first: an exact total beside a known headcount would let a director who watches the page
 * see each single answer arrive. Undefined when the total is hidden, when any unit lacks a
 * headcount (the share would be of an unknown whole) or when fewer than 5 answered.
 */
export function describeHeadcountShare(total: DisclosedCount, headcounts: readonly (number | null)[]): string | undefined {
  if (!total.isShown || headcounts.length === 0 || headcounts.some((count) => count === null)) return undefined;
  const staff = headcounts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
  const stepped = Math.floor(total.n / headcountStep) * headcountStep;
  if (stepped === 0 || staff === 0) return undefined;
  const percent = Math.min(100, Math.floor((stepped / staff) * 100));
  return `at least ${percent}% of ${staff} staff (${stepped} or more responses)`;
}
