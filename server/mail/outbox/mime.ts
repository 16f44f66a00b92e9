/**
 * Reads back the messages nodemailer writes to the outbox (RFC 5322 headers, multipart bodies,
 * quoted-printable or base64 parts, RFC 2047 encoded words), enough to show them to a platform
 * admin. Input is the file's bytes as a latin1 string (one character per byte), so encoded
 * bytes survive until their charset decodes them. Not a general mail parser: what it does not
 * understand (another charset label, a nested attachment) it shows as it is or leaves out.
 */
export type ReadMessage = { from: string; to: string; subject: string; date: string; text: string; html: string };

type Entity = { headers: Map<string, string>; body: string };

function splitEntity(source: string): Entity {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match ? source.slice(0, match.index) : source;
  const body = match ? source.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBytes(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

/** RFC 2047: `=?UTF-8?Q?...?=` and `=?UTF-8?B?...?=`; white space between two encoded words goes. */
export function decodeHeaderValue(value: string): string {
  // Raw 8-bit bytes (SMTPUTF8) first, then the encoded words, which are ASCII.
  const joined = decodeBytes(Buffer.from(value, 'latin1')).replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_match, charset: string, encoding: string, data: string) => {
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return decodeBytes(bytes, charset);
  });
}

function parameterOf(header: string, name: string): string | undefined {
  return new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(header)?.[1];
}

function decodeBody(entity: Entity): string {
  const type = entity.headers.get('content-type') ?? 'text/plain';
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = parameterOf(type, 'charset') ?? 'utf-8';
  if (encoding === 'base64') return decodeBytes(Buffer.from(entity.body.replace(/\s+/g, ''), 'base64'), charset);
  if (encoding === 'quoted-printable') return decodeBytes(decodeQuotedPrintable(entity.body), charset);
  return decodeBytes(Buffer.from(entity.body, 'latin1'), charset);
}

/** The text and HTML parts of an entity, looking inside multipart ones. */
function collectParts(entity: Entity, found: { text: string; html: string }): void {
  const type = (entity.headers.get('content-type') ?? 'text/plain').toLowerCase();
  const boundary = parameterOf(entity.headers.get('content-type') ?? '', 'boundary');
  if (type.startsWith('multipart/') && boundary) {
    const sections = entity.body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      collectParts(splitEntity(section.replace(/^\r?\n/, '').replace(/\r?\n$/, '')), found);
    }
    return;
  }
  if (type.startsWith('text/html') && found.html === '') found.html = decodeBody(entity);
  else if (type.startsWith('text/plain') && found.text === '') found.text = decodeBody(entity);
}

/** The headers a listing shows and both bodies; a missing header or part is an empty string. */
export function readMessage(source: string): ReadMessage {
  const entity = splitEntity(source);
  const header = (name: string): string => decodeHeaderValue(entity.headers.get(name) ?? '');
  const found = { text: '', html: '' };
  collectParts(entity, found);
  return { from: header('from'), to: header('to'), subject: header('subject'), date: header('date'), ...found };
}
