import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { encodeSegment } from './raw-http.js';

/**
 * Generators of hostile requests for the property-based test of every route. `marker` is woven
 * into path parameters, query strings and cookies, so a test can prove it never reaches a log.
 */
export type HostileBody = { contentType: string | undefined; contentEncoding: string | undefined; body: Buffer | undefined };

const specialUnits = ['\u0000', '\ud800', '\udfff', '%', '/', '\\', '?', '#', '&', '=', '+', '"', "'", '<', '>', '\n', '\u202e', '😀'];

/** Strings rich in what breaks parsers: NUL, lone surrogates, separators, prototype names. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.oneof(fc.constantFrom(...specialUnits), fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))), maxLength: 24 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '..', '.', '', ' ', 'null', '-1', '1e309', 'NaN', '0x10', 'x'.repeat(500)),
  fc.string({ maxLength: 24 }),
);

/** Percent-encodings that are not valid: truncated, not hex, or bytes that are not UTF-8. */
const malformedEncodings = ['%ZZ', '%', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF', '%00', '%%41', '%u0041'];

/** A path parameter: the real value (so deeper code runs), the real one spoiled, or junk. */
export function hostileParam(real: string, marker: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(real),
    fc.constantFrom(...malformedEncodings).map((bad) => `${marker}${real}${bad}`),
    hostileText.map((text) => `${marker}${encodeSegment(text)}`),
    hostileText.map((text) => encodeSegment(real + text)),
  );
}

const queryKeys = ['next', 'notice', 'changed', 'unit', 'role', 'view', 'format', 'lang', '__proto__', 'constructor', 'a[b]', 'a[]'];

/** A query string (with its `?`), possibly repeating keys or holding malformed encodings. */
export function hostileQuery(marker: string): fc.Arbitrary<string> {
  const value = fc.oneof(hostileText.map(encodeSegment), fc.constantFrom(...malformedEncodings).map((bad) => `${marker}${bad}`), fc.constant(marker));
  return fc.array(fc.tuple(fc.constantFrom(...queryKeys), value), { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([key, inner]) => `${encodeURIComponent(key)}=${inner}`).join('&')}`));
}

const leaf: fc.Arbitrary<unknown> = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));

/** A JSON-able value shaped like a form: the route's field names with hostile values, or anything. */
function hostileObject(fieldNames: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(fc.constantFrom(...fieldNames, '__proto__', 'constructor', '_csrf'), hostileText);
  const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(hostileText, leaf, { maxKeys: 3 }));
  return fc.dictionary(key, value, { maxKeys: 6 });
}

function formEncode(fields: Record<string, unknown>): string {
  return Object.entries(fields).map(([key, value]) => `${encodeSegment(key)}=${encodeSegment(typeof value === 'string' ? value : JSON.stringify(value))}`).join('&');
}

/** A body in one of many content types and encodings, valid or not. */
export function hostileBody(fieldNames: readonly string[]): fc.Arbitrary<HostileBody> {
  const fields = hostileObject(fieldNames);
  const of = (contentType: string | undefined, body: string | Buffer | undefined, contentEncoding?: string): HostileBody =>
    ({ contentType, contentEncoding, body: body === undefined ? undefined : Buffer.from(body) });
  return fc.oneof(
    fc.constant(of(undefined, undefined)),
    fields.map((value) => of('application/json', JSON.stringify(value))),
    fields.map((value) => of('application/x-www-form-urlencoded', formEncode(value))),
    fields.map((value) => of('application/json', gzipSync(JSON.stringify(value)), 'gzip')),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => of('application/json', Buffer.from(bytes), 'gzip')),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => of('application/x-www-form-urlencoded', Buffer.from(bytes), 'deflate')),
    fields.map((value) => of('application/json', JSON.stringify(value), 'br')),
    fields.map((value) => of('application/json; charset=utf-16', JSON.stringify(value))),
    fields.map((value) => of('application/json; charset=latin1', JSON.stringify(value))),
    fc.constantFrom('[', '{"a":', '"\\ud800"', '{"a":"\\u0000"}', '[' .repeat(5000) + ']'.repeat(5000), 'null', '1')
      .map((text) => of('application/json', text)),
    hostileText.map((text) => of('text/plain', text)),
    hostileText.map((text) => of('multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${text}\r\n--x--`)),
    hostileText.map((text) => of(text.replace(/[^\x20-\x7e]/g, ''), text)),
  );
}

/** Accept headers a client might send, including ones no content negotiation expects. */
export const hostileAccept = fc.constantFrom('application/json', 'text/html', '*/*', 'image/png', 'text/html;q=0, */*;q=0', ';;;', undefined);
