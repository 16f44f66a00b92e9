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

type Pending = { value: object; key: string; parent: Pending | undefined };

function pathOf(entry: Pending, key?: string): string {
  const keys = key === undefined ? [] : [key];
  for (let at = entry; at.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.') || '(body)';
}

/**
 * The first string (or object key) in `value` that cannot be stored, with its dotted path.
 * Walks iteratively, so a deeply nested JSON body cannot overflow the stack; a path is spelled
 * out only for a problem, since every submission passes through here.
 */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  if (typeof value === 'string') {
    const message = problemIn(value);
    return message ? { path: '(body)', message } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const pending: Pending[] = [{ value, key: '', parent: undefined }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const object = next.value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const keyProblem = problemIn(key);
      if (keyProblem) return { path: pathOf(next), message: `a field name ${keyProblem}` };
      const inner = object[key];
      if (typeof inner === 'string') {
        const message = problemIn(inner);
        if (message) return { path: pathOf(next, key), message };
      } else if (typeof inner === 'object' && inner !== null) {
        pending.push({ value: inner, key, parent: next });
      }
    }
  }
  return undefined;
}
