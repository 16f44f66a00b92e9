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
