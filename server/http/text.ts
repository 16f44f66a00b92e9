/**
 * PostgreSQL stores neither NUL in text nor a lone UTF-16 surrogate (JSON's `"\ud800"` has no
 * UTF-8 form), and would answer such input with an error only after work had begun. Finding it
 * at the edge turns it into a 400 that names the field.
 */
export type UnstorableText = { path: string; message: string };

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemIn(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (loneSurrogate.test(text)) return 'must be valid Unicode (it holds a lone surrogate)';
  return undefined;
}

/**
 * The first string (or object key) in `value` that cannot be stored, with its dotted path.
 * Walks iteratively, so a deeply nested JSON body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    if (typeof next.value === 'string') {
      const message = problemIn(next.value);
      if (message) return { path: next.path || '(body)', message };
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    for (const [key, inner] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      const keyProblem = problemIn(key);
      if (keyProblem) return { path: next.path || '(body)', message: `a field name ${keyProblem}` };
      pending.push({ value: inner, path });
    }
  }
  return undefined;
}
