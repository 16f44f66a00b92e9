import type { Queryable } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { hashSpentToken } from '../../http/tokens.js';
import { insertSpentToken } from '../invitations/queries.js';
import { fingerprintKey, generateSigningKeyPair, isValidToken, signBlinded } from './blind-rsa.js';
import { deleteSigningKeysOfWave, findSigningKey, findTokenTarget, insertSigningKey, type SigningKeyRow, type TokenTargetRow } from './queries.js';

export type PublicSigningKey = { publicKey: string; fingerprint: string };

/**
 * The unit's key pair for this wave, made by the first process that needs it: every person of
 * the unit blinds against the same key, so a signature says nothing about who asked for it.
 */
export async function loadSigningKey(db: Queryable, waveId: string, unitId: string): Promise<SigningKeyRow> {
  let key = await findSigningKey(db, waveId, unitId);
  if (!key) {
    await insertSigningKey(db, { waveId, unitId, ...(await generateSigningKeyPair()) });
    key = await findSigningKey(db, waveId, unitId);
  }
  if (!key) throw new Error('a signing key was stored but cannot be read');
  return key;
}

/** The unit's public key and its fingerprint, for the survey page. */
export async function ensureSigningKey(db: Queryable, waveId: string, unitId: string): Promise<PublicSigningKey> {
  const { publicKey } = await loadSigningKey(db, waveId, unitId);
  return { publicKey, fingerprint: fingerprintKey(publicKey) };
}

/** The blind signature under a unit's key; the caller has already checked that the invitation may have one. */
export function signForUnit(key: SigningKeyRow, blindedMessage: Uint8Array): Uint8Array {
  try {
    return signBlinded(key.privateKey, blindedMessage);
  } catch {
    throw new AppError('invalid_input', 'blindedMessage: is not a blinded message for this survey; reload the page', [
      { path: 'blindedMessage', message: 'is not a blinded message for this survey; reload the page' },
    ]);
  }
}

export type RedeemedToken = { token: Uint8Array; signature: Uint8Array };

// Short: the survey pages word these problems in the respondent's language (respond/messages.ts).
const tokenInvalidMessage = 'This answer token is not valid for this wave and unit.';

/** The wave and unit a token answers for; a made-up pair is as unknown as a forged token. */
export async function findTokenWaveUnit(db: Queryable, waveId: string, unitId: string): Promise<TokenTargetRow> {
  const target = await findTokenTarget(db, waveId, unitId);
  if (!target) throw new AppError('token_invalid', tokenInvalidMessage);
  return target;
}

/** Throws unless `signature` is the unit's signature on `token` (a forged, altered or other-wave token). */
export async function checkToken(target: TokenTargetRow, redeemed: RedeemedToken): Promise<void> {
  if (target.publicKey === null || !(await isValidToken(target.publicKey, redeemed.token, redeemed.signature))) throw new AppError('token_invalid', tokenInvalidMessage);
}

const tokenUsedMessage = 'This answer token has already been used.';

/**
 * Spends a checked token inside the transaction that stores its response: only a labelled hash
 * of the token joins the spent set, and nothing about the invitation it came through is read.
 */
export async function spendToken(tx: Queryable, waveId: string, token: Uint8Array): Promise<void> {
  if (!(await insertSpentToken(tx, hashSpentToken(Buffer.from(token).toString('base64url')), waveId))) throw new AppError('token_used', tokenUsedMessage);
}

/** When a wave closes its private keys go: no token can be signed or checked for it again. */
export async function forgetSigningKeys(tx: Queryable, waveId: string): Promise<number> {
  return deleteSigningKeysOfWave(tx, waveId);
}
