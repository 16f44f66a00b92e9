/** While a wave is open its total moves in steps of this many responses. */
export const progressStep = 5;

export type OpenProgress = { responsesAtLeast: number; step: number; unitsReachingK: Set<string> };

/**
 * What anyone may see of a wave that is still open: the total rounded down to a multiple of
 * `progressStep`, and per unit only whether it has reached k. Two reads a response apart then
 * differ only when the total crosses a step or a unit reaches k, never by a count a reader can
 * subtract. Inputs: responses per unit id (rows may repeat a unit) and the wave's k.
 */
export function describeOpenProgress(counts: ReadonlyArray<{ unit: string; n: number }>, k: number): OpenProgress {
  const perUnit = new Map<string, number>();
  for (const row of counts) perUnit.set(row.unit, (perUnit.get(row.unit) ?? 0) + row.n);
  const total = [...perUnit.values()].reduce((sum, n) => sum + n, 0);
  return {
    responsesAtLeast: Math.floor(total / progressStep) * progressStep,
    step: progressStep,
    unitsReachingK: new Set([...perUnit].flatMap(([unit, n]) => (n >= k ? [unit] : []))),
  };
}
