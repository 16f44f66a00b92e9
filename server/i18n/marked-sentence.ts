/** A piece of a translated sentence: plain text, or the `{slot}` where a view draws a marked phrase. */
export type MarkedSegment = { readonly text: string; readonly slot?: never } | { readonly slot: string; readonly text?: never };

/**
 * Splits a translated sentence into its text and the `{slot}`s of its marked phrases (bold, code,
 * a link), in the translation's order: a translation may put the slots in any order, and the view
 * draws each phrase where the translation puts it, so no text is dropped. Only the names in `slots`
 * become slot segments; any other `{name}` stays text, as t() leaves a slot it was not given.
 * Text segments are never empty, and the segments joined back give the sentence.
 */
export function splitMarkedSentence(text: string, slots: readonly string[]): MarkedSegment[] {
  const segments: MarkedSegment[] = [];
  let pending = '';
  // Splitting on a captured group leaves the slot names at the odd places.
  text.split(/\{(\w+)\}/).forEach((piece, index) => {
    const isName = index % 2 === 1;
    if (isName && slots.includes(piece)) {
      if (pending !== '') segments.push({ text: pending });
      segments.push({ slot: piece });
      pending = '';
    } else {
      pending += isName ? `{${piece}}` : piece;
    }
  });
  if (pending !== '') segments.push({ text: pending });
  return segments;
}
