export type WaveStatus = 'draft' | 'open' | 'closed';
export type WaveSchedule = { status: WaveStatus; opensOn: string | null; closesOn: string | null };

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
