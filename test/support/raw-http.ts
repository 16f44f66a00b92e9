import http from 'node:http';

export type RawRequest = { method: string; path: string; headers?: Record<string, string>; body?: Buffer };
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * One request exactly as given: the path is sent byte for byte (malformed percent-encodings
 * included) and the body with whatever Content-Type and Content-Encoding the caller claims,
 * which fetch would normalize or refuse.
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({
      host: url.hostname, port: url.port, method: request.method, path: request.path, agent: false,
      headers: { ...request.headers, ...(request.body ? { 'Content-Length': String(request.body.length) } : {}) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * Percent-encodes a path segment; a string holding a lone surrogate (which encodeURIComponent
 * refuses) is encoded code unit by code unit, so the surrogate becomes its three WTF-8 bytes,
 * which no valid UTF-8 decoder accepts.
 */
export function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeCodeUnits(text);
  }
}

function encodeCodeUnits(text: string): string {
  let encoded = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const char = text[index] ?? '';
    if (/[A-Za-z0-9\-._~]/.test(char)) encoded += char;
    else if (unit < 0x80) encoded += `%${unit.toString(16).padStart(2, '0').toUpperCase()}`;
    else if (unit < 0x800) encoded += bytesOf([0xc0 | (unit >> 6), 0x80 | (unit & 0x3f)]);
    else encoded += bytesOf([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]);
  }
  return encoded;
}

function bytesOf(bytes: number[]): string {
  return bytes.map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}
