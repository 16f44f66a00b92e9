import type { DisclosedCount } from './suppress.js';

/** Comments need more respondents than numbers: free text can identify its writer. */
export const defaultCommentThreshold = 10;

/**
 * Whether a group's comments may be shown. Inputs: the group's disclosed respondent count and
 * the wave's comment threshold in respondents (default 10). Only a shown group with at least
 * that many respondents qualifies; a suppressed group never does, and since a shown group
 * already has k or more, a threshold below k acts as k. Callers still show comments only after
 * the wave closes, and for one breakdown at a time: a list of comments can be subtracted from
 * another like a count (the whole wave's comments minus its units' comments are the rest).
 */
export function canShowComments(count: DisclosedCount, commentThreshold = defaultCommentThreshold): boolean {
  return count.isShown && count.n >= commentThreshold;
}

/**
 * The units whose comment lists may be shown beside the whole wave's list (comments are listed
 * for the whole wave and for units only, never for role groups: two breakdowns could be
 * intersected). Inputs: respondents per unit id, whether the disclosure module shows each unit,
 * and the comment threshold in force. A unit qualifies with at least `threshold` respondents;
 * then, since the whole wave's list minus the listed units' lists is the rest's comments, the
 * rest must hold nobody or at least `threshold` respondents: qualifying units are dropped,
 * smallest first (ties by id, never by name), until it does. Deterministic in counts and ids.
 */
export function chooseCommentUnits(units: ReadonlyArray<{ id: string; n: number; isShown: boolean }>, threshold: number): Set<string> {
  const total = units.reduce((sum, unit) => sum + unit.n, 0);
  const chosen = units.filter((unit) => unit.isShown && unit.n >= threshold)
    .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const restOf = (): number => total - chosen.reduce((sum, unit) => sum + unit.n, 0);
  while (chosen.length > 0 && restOf() > 0 && restOf() < threshold) chosen.pop();
  return new Set(chosen.map((unit) => unit.id));
}
