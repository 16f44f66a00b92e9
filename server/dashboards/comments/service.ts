import type { Staff } from '../../accounts/roles.js';
import { recordAuditEvent } from '../../audit/service.js';
import type { Db, Queryable } from '../../db/db.js';
import { loadServerKey } from '../../db/server-keys.js';
import { AppError } from '../../http/errors.js';
import { getInstrumentVersion } from '../../instruments/service.js';
import { getWave } from '../../waves/service.js';
import type { ShownComment } from '../model.js';
import { type CommentRef, openCommentHandle, sealCommentHandle } from './handles.js';
import { deleteHiddenComment, findComment, insertHiddenComment, sampleVisibleComments } from './queries.js';
import { assignThemes } from './themes.js';


/** The key sealing comment handles, shared by every process (see db/server-keys.ts). */
function loadCommentKey(db: Db): Promise<Buffer> {
  return loadServerKey(db, 'comment_handles');
}

/**
 * A random sample of at most `limit` of the wave's or a unit's visible comments, each under a
 * handle sealed for this view only, with its themes. The caller decides whether the group's
 * comments may be shown at all (chooseCommentUnits); search and themes only narrow this list.
 */
export async function loadComments(db: Db, waveId: string, questions: readonly string[], unitId: string | null, limit: number): Promise<ShownComment[]> {
  const key = await loadCommentKey(db);
  const rows = await sampleVisibleComments(db, waveId, questions, { unitId, role: null }, limit);
  return rows.map((row) => ({ handle: sealCommentHandle(key, row), question: row.question, text: row.text, themes: assignThemes(row.text) }));
}

const unknownComment = (): AppError => new AppError('invalid_input', 'comment: no such comment in this wave. Reload the dashboard and try again.', [
  { path: 'comment', message: 'no such comment in this wave' },
]);

/**
 * The comment a handle names in this organization's wave, with its text and whether it is hidden.
 * The key is read before any transaction: PGlite has one connection, which the transaction holds.
 */
async function openComment(tx: Queryable, key: Buffer, organizationId: string, waveId: string, handle: string): Promise<CommentRef & { text: string; isHidden: boolean; waveName: string }> {
  const wave = await getWave(tx, organizationId, waveId);
  const comment = openCommentHandle(key, handle);
  const instrument = await getInstrumentVersion(tx, wave.instrumentVersionId);
  if (!comment || !instrument?.comments.includes(comment.question)) throw unknownComment();
  const found = await findComment(tx, { ...comment, waveId });
  if (!found) throw unknownComment();
  return { ...comment, ...found, waveName: wave.name };
}

/** A comment for the confirm and done pages, under a fresh handle. */
export async function readComment(db: Db, organizationId: string, waveId: string, handle: string): Promise<{ handle: string; text: string; isHidden: boolean; waveName: string }> {
  const key = await loadCommentKey(db);
  const comment = await openComment(db, key, organizationId, waveId, handle);
  return { handle: sealCommentHandle(key, comment), text: comment.text, isHidden: comment.isHidden, waveName: comment.waveName };
}

/** Hides one comment from the dashboard and the PDF (never edits it); audited. */
export async function hideComment(db: Db, actor: Staff, organizationId: string, waveId: string, handle: string): Promise<void> {
  const key = await loadCommentKey(db);
  await db.transaction(async (tx) => {
    const comment = await openComment(tx, key, organizationId, waveId, handle);
    if (comment.isHidden || !await insertHiddenComment(tx, { ...comment, waveId, accountId: actor.accountId })) {
      throw new AppError('invalid_input', 'comment: already hidden', [{ path: 'comment', message: 'already hidden' }]);
    }
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'comment.hidden', target: comment.waveName, details: { question: comment.question } });
  });
}

/** Shows a hidden comment again (the undo of hideComment); audited. */
export async function unhideComment(db: Db, actor: Staff, organizationId: string, waveId: string, handle: string): Promise<void> {
  const key = await loadCommentKey(db);
  await db.transaction(async (tx) => {
    const comment = await openComment(tx, key, organizationId, waveId, handle);
    if (!await deleteHiddenComment(tx, { ...comment, waveId })) {
      throw new AppError('invalid_input', 'comment: not hidden', [{ path: 'comment', message: 'not hidden' }]);
    }
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'comment.shown_again', target: comment.waveName, details: { question: comment.question } });
  });
}
