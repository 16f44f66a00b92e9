import { constants, createHash, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, timingSafeEqual } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';

/**
 * Blind RSA signatures (RFC 9474, RSABSSA-SHA384-PSS-Randomized) through @cloudflare/blindrsa-ts.
 * The browser makes a random token, blinds it and asks for one signature; the server signs what
 * it cannot read, and later checks the unblinded token without being able to tell which request
 * it came from. Keys travel as base64 SPKI (public) and PKCS#8 (private).
 */
const suite = RSABSSA.SHA384.PSS.Randomized();
const algorithm = { name: 'RSA-PSS', hash: 'SHA-384' } as const;
/** 2048-bit moduli, as Privacy Pass issuers use (RFC 9578); the key lives only while its wave is open. */
export const modulusBits = 2048;
export const signatureBytes = modulusBits / 8;
/** The browser's prepared message: 32 random bytes (RFC 9474 randomized prepare) and 32 of its own. */
export const tokenBytes = 64;

export type SigningKeyPair = { publicKey: string; privateKey: string };

export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const pair = await suite.generateKey({ modulusLength: modulusBits, publicExponent: new Uint8Array([1, 0, 1]) });
  const [publicKey, privateKey] = await Promise.all([
    crypto.subtle.exportKey('spki', pair.publicKey), crypto.subtle.exportKey('pkcs8', pair.privateKey),
  ]);
  return { publicKey: Buffer.from(publicKey).toString('base64'), privateKey: Buffer.from(privateKey).toString('base64') };
}

// Importing a key costs more than using it; a process meets few keys, each many times.
const imported = new Map<string, Promise<CryptoKey>>();
const maxImported = 500;

function importPublicKey(encoded: string): Promise<CryptoKey> {
  let key = imported.get(encoded);
  if (!key) {
    if (imported.size >= maxImported) imported.clear();
    key = crypto.subtle.importKey('spki', Buffer.from(encoded, 'base64'), algorithm, true, ['verify']);
    imported.set(encoded, key);
  }
  return key;
}

/**
 * RFC 9474 BlindSign: s = m^d mod n, then checks s^e mod n = m before answering (a faulty
 * computation must never leave the server). The raw RSA operations run in OpenSSL (no padding,
 * with CRT), about a millisecond; the library's own blindSign uses JavaScript big integers and
 * takes some 300 ms a signature. Throws when the message is not a number below the modulus.
 */
export function signBlinded(privateKey: string, blindedMessage: Uint8Array): Uint8Array {
  if (blindedMessage.length !== signatureBytes) throw new Error('blinded message has the wrong length');
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const signature = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, blindedMessage);
  const check = publicEncrypt({ key: createPublicKey(key), padding: constants.RSA_NO_PADDING }, signature);
  if (!timingSafeEqual(check, blindedMessage)) throw new Error('blind signature failed its check');
  return new Uint8Array(signature);
}

/** Whether `signature` is this key's signature on `token`; false for anything malformed. */
export async function isValidToken(publicKey: string, token: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (token.length !== tokenBytes || signature.length !== signatureBytes) return false;
  try {
    return await suite.verify(await importPublicKey(publicKey), signature, token);
  } catch {
    return false;
  }
}

/** A short fingerprint of a public key, printed on the survey page so people can compare keys. */
export function fingerprintKey(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

/** Blinds a prepared message as a browser would (tests and the benchmark play the browser). */
export async function blindToken(publicKey: string, token: Uint8Array): Promise<{ blindedMessage: Uint8Array; finish: (blindSignature: Uint8Array) => Promise<Uint8Array> }> {
  const key = await importPublicKey(publicKey);
  const { blindedMsg, inv } = await suite.blind(key, token);
  return { blindedMessage: blindedMsg, finish: (blindSignature) => suite.finalize(key, token, blindSignature, inv) };
}
