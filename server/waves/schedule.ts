export type WaveStatus = 'draft' | 'open' | 'closed';
export type WaveSchedule = { status: WaveStatus; opensOn: string | null; closesOn: string | null };
/** What a manager sees: an open wave before its open date is 'scheduled', after its close date 'closed'. */
export type DisplayStatus = 'draft' | 'scheduled' | 'open' | 'closed';
export type ScheduleProblem = { path: string; message: string };

/**
 * Whether a wave takes responses on `today` (ISO date, YYYY-MM-DD): it must have been opened
 * and today must fall within its open and close dates, both inclusive.
 */
export function isAcceptingResponses(wave: WaveSchedule, today: string): boolean {
  if (wave.status !== 'open') return false;
  if (wave.opensOn !== null && today < wave.opensOn) return false;
  if (wave.closesOn !== null && today > wave.closesOn) return false;
  return true;
}

/**
 * The status as of `today` (ISO date). A wave past its close date shows as closed at once,
 * even before the periodic sweep has stored that status.
 */
export function displayStatus(wave: WaveSchedule, today: string): DisplayStatus {
  if (wave.status !== 'open') return wave.status;
  if (wave.closesOn !== null && today > wave.closesOn) return 'closed';
  if (wave.opensOn !== null && today < wave.opensOn) return 'scheduled';
  return 'open';
}

/**
 * Whether a wave's results may be read (dashboards, exports): only once it has closed, by the
 * manager or by passing its close date, so two readings cannot differ by single new responses.
 */
export function isClosedOn(wave: WaveSchedule, today: string): boolean {
  return displayStatus(wave, today) === 'closed';
}

/**
 * Checks open and close dates (ISO dates) against each other and `today`: the close date may
 * not precede the open date, nor lie in the past, since such a wave could never take a response.
 */
export function checkSchedule(opensOn: string, closesOn: string, today: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (closesOn < opensOn) problems.push({ path: 'closesOn', message: `must be on or after the open date (${opensOn})` });
  else if (closesOn < today) problems.push({ path: 'closesOn', message: `must be today (${today}) or later` });
  return problems;
}
