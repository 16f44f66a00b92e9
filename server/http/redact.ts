/**
 * Strings a request carried that must never reach a log: every path segment (raw and decoded),
 * every query key and value, every cookie value and every string in the body. Link codes,
 * invitation and set-password tokens travel in paths, so an error message that quotes one
 * (a URIError, a driver's "invalid input syntax") would otherwise leak it into an error stack.
 */
export type RequestStrings = { url: string; cookieHeader: string | undefined; body: unknown };

/** Shorter values are common words and numbers; they identify no one and would blank whole stacks. */
const minSecretLength = 3;

function decodeLeniently(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function bodyStrings(body: unknown): string[] {
  const found: string[] = [];
  // Iterative, so a deeply nested body cannot overflow the stack of the error path itself.
  const pending: unknown[] = [body];
  while (pending.length > 0 && found.length < 10_000) {
    const value = pending.pop();
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) pending.push(...(value as unknown[]));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        found.push(key);
        pending.push(inner);
      }
    }
  }
  return found;
}

/**
 * Every request-derived string worth hiding, longest first so a value hides before its parts.
 * `routeWords` (the literal segments of the route paths, such as `orgs`) are the site's own
 * words, not the visitor's, and stay readable in stacks.
 */
export function requestSecrets(request: RequestStrings, routeWords: ReadonlySet<string> = new Set()): string[] {
  const [pathPart = '', query = ''] = request.url.split('?', 2);
  const segments = pathPart.split('/').flatMap((segment) => [segment, decodeLeniently(segment)]);
  const queryStrings = [query, decodeLeniently(query), ...[...new URLSearchParams(query)].flat()];
  const cookieValues = (request.cookieHeader ?? '').split(';').flatMap((pair) => {
    const value = pair.slice(pair.indexOf('=') + 1).trim();
    return [value, decodeLeniently(value)];
  });
  const all = [...segments, ...queryStrings, ...cookieValues, ...bodyStrings(request.body)];
  return [...new Set(all.filter((value) => value.length >= minSecretLength && !routeWords.has(value)))].sort((a, b) => b.length - a.length);
}

/** The literal segments of route paths (`/orgs/:orgId/waves` gives `orgs` and `waves`). */
export function literalRouteWords(paths: readonly string[]): Set<string> {
  return new Set(paths.flatMap((path) => path.split('/')).filter((segment) => segment !== '' && !segment.startsWith(':')));
}

/** `text` with every occurrence of every secret replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[redacted]');
  return result;
}
