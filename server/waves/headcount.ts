import type { Translate } from '../i18n/translate.js';

/**
 * How much of an open-link wave's staff has answered, e.g. "at least 40% of 52 staff".
 * `stepped` is the open wave's total as server/disclosure/progress.ts rounds it down (an exact
 * total beside a known headcount would let a director who watches the page see each single
 * answer arrive); `headcounts` are those of the wave's units (null: not given). Undefined when
 * any unit lacks a headcount (the share would be of an unknown whole) or when fewer than 5 answered.
 */
export function describeHeadcountShare(stepped: number, headcounts: readonly (number | null)[], t: Translate): string | undefined {
  if (headcounts.length === 0 || headcounts.some((count) => count === null)) return undefined;
  const staff = headcounts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
  if (stepped === 0 || staff === 0) return undefined;
  const percent = Math.min(100, Math.floor((stepped / staff) * 100));
  return t('at least {percent}% of {staff} staff ({count} or more responses)', { percent, staff, count: stepped });
}
