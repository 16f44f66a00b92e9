/*
 * The personal invitation's one-time answer token (RFC 9474 blind RSA, through
 * @cloudflare/blindrsa-ts; bundled for the browser by server/assets/service.ts).
 * The browser makes a random token, blinds it with the unit's public key and asks the server,
 * through the invitation's own address, to sign the blinded message. The server signs what it
 * cannot read; the browser unblinds the signature and later sends token and signature with the
 * answers to an address that names only the wave and unit. Everything is kept in localStorage
 * before each step, so a closed tab or a lost reply never costs the person their one token.
 */
import { RSABSSA } from '@cloudflare/blindrsa-ts';

var suite = RSABSSA.SHA384.PSS.Randomized();

function toBase64Url(bytes) {
  var binary = '';
  bytes.forEach(function (byte) { binary += String.fromCharCode(byte); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  var binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, function (character) { return character.charCodeAt(0); });
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), function (character) { return character.charCodeAt(0); });
}

function read(storageKey) {
  try { return JSON.parse(window.localStorage.getItem(storageKey) || 'null'); } catch { return null; }
}

function write(storageKey, value) {
  window.localStorage.setItem(storageKey, JSON.stringify(value));
}

function TokenProblem(message, code) {
  this.message = message;
  this.code = code;
}

async function requestSignature(setting, blindedMessage, language) {
  var response = await fetch(setting.issuePath, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ blindedMessage: blindedMessage, language: language }),
  });
  var body = await response.json().catch(function () { return null; });
  if (!response.ok) throw new TokenProblem(body && body.error ? body.error.message : String(response.status), body && body.error ? body.error.code : '');
  return fromBase64Url(body.blindSignature);
}

/** The kept token, or a new one: resolves to { token, signature } in base64url. */
async function obtain(setting, storageKey, language) {
  if (!window.crypto || !window.crypto.subtle) throw new TokenProblem('', 'webcrypto_missing');
  var kept = read(storageKey);
  if (kept && kept.signature) return kept;
  // Read by npm run bench:tokens: how long the browser's part takes, the request included.
  performance.mark('peerclimate-token-start');
  var publicKey = await window.crypto.subtle.importKey('spki', fromBase64(setting.publicKey), { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
  if (!kept || kept.publicKey !== setting.publicKey) {
    var token = suite.prepare(window.crypto.getRandomValues(new Uint8Array(32)));
    var blinded = await suite.blind(publicKey, token);
    kept = { publicKey: setting.publicKey, token: toBase64Url(token), inv: toBase64Url(blinded.inv), blindedMessage: toBase64Url(blinded.blindedMsg) };
    write(storageKey, kept);
  }
  var blindSignature = await requestSignature(setting, kept.blindedMessage, language);
  var signature = await suite.finalize(publicKey, fromBase64Url(kept.token), blindSignature, fromBase64Url(kept.inv));
  var ready = { publicKey: kept.publicKey, token: kept.token, signature: toBase64Url(signature) };
  write(storageKey, ready);
  performance.measure('peerclimate-token', 'peerclimate-token-start');
  return ready;
}

window.PeerClimateToken = {
  obtain: obtain,
  forget: function (storageKey) { window.localStorage.removeItem(storageKey); },
};
