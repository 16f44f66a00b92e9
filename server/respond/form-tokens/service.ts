import { recordAuditEvent } from '../../audit/service.js';
import type { Db, Queryable } from '../../db/db.js';
import { type Batcher, createBatcher } from '../../db/group-commit.js';
import { AppError } from '../../http/errors.js';
import { memoizeByObject } from '../../memo.js';
import { generateToken, hashToken } from '../../http/tokens.js';
import type { OpenSurveyLink } from '../../waves/service.js';
import { problemText } from '../messages.js';
import {
  countIssuedInWindow, countUnitResponses, deleteEndedRateWindows, deleteExpiredFormTokens, deleteFormTokens, type FormTokenKey, insertFormToken,
  lockLinkForHeadcount,
} from './queries.js';
import { composeFormToken, isFormTokenExpired } from './token.js';

export const rateWindowSeconds = 10 * 60;

function refuse(code: 'link_busy' | 'link_full' | 'form_token_expired' | 'form_token_used', language: string): AppError {
  return new AppError(code, problemText(code, language).message);
}

/**
 * Hands out a form token with a survey page. Each link may hand out `ceiling` pages per ten
 * minutes: a script must fetch a page for every submission, so this caps a flood however fast
 * it posts. The first refusal in a window tells the organization's managers (audit log, wave
 * page); nothing about the visitor is read or kept.
 */
export async function issueFormToken(db: Db, link: OpenSurveyLink, ceiling: number, language: string): Promise<string> {
  const issued = await countIssuedInWindow(db, link.linkId, rateWindowSeconds);
  if (issued > ceiling) {
    if (issued === ceiling + 1) {
      await recordAuditEvent(db, {
        accountId: null, organizationId: link.organizationId, action: 'link.rate_ceiling_reached', target: link.waveName,
        details: { waveId: link.waveId, unit: link.unitName, ceiling, minutes: rateWindowSeconds / 60 },
      });
    }
    throw refuse('link_busy', language);
  }
  const token = composeFormToken(Date.now(), generateToken(32));
  await insertFormToken(db, { tokenHash: hashToken(token), waveLinkId: link.linkId });
  return token;
}

/**
 * Concurrent submissions' tokens are deleted together, one statement and one commit per batch,
 * so a submission costs no commit of its own. A token sent twice in one batch is consumed once.
 */
const formTokenConsumer = memoizeByObject((db: Db): Batcher<FormTokenKey, boolean> => createBatcher<FormTokenKey, boolean>(
  { maxBatch: 256, maxConcurrentBatches: db.kind === 'pglite' ? 1 : 2, gathersTurn: true },
  async (tokens) => {
    const deleted = await deleteFormTokens(db, tokens);
    return tokens.map((token) => ({ ok: true, value: deleted.delete(token.tokenHash) }));
  },
));

/**
 * Consumes a form token before and outside the transaction that stores the response, in a
 * statement shared only with other tokens: its row is deleted (no live row remains), and nothing
 * written with the response names or follows from it. A token no longer there was used (its
 * response stored) even if it has expired since, so a late retry is told "already received"
 * rather than sent again.
 */
export async function consumeFormToken(db: Db, link: OpenSurveyLink, token: string, language: string): Promise<void> {
  if (!(await formTokenConsumer(db).run({ tokenHash: hashToken(token), waveLinkId: link.linkId }))) throw refuse('form_token_used', language);
  if (isFormTokenExpired(token, Date.now())) throw refuse('form_token_expired', language);
}

/** Puts a consumed token back when its response could not be stored, so a retry is not told "already received". */
export async function restoreFormToken(db: Queryable, link: OpenSurveyLink, token: string): Promise<void> {
  await insertFormToken(db, { tokenHash: hashToken(token), waveLinkId: link.linkId });
}

/**
 * Inside the response's transaction: refuses once the unit's link has as many responses as its
 * headcount. The advisory lock makes concurrent submissions count one after another.
 */
export async function enforceHeadcount(tx: Queryable, link: OpenSurveyLink, language: string): Promise<void> {
  if (link.headcount === null) return;
  await lockLinkForHeadcount(tx, link.linkId);
  if ((await countUnitResponses(tx, link)) >= link.headcount) throw refuse('link_full', language);
}

/** Whether the unit's link has reached its headcount (the page says so instead of showing the survey). */
export async function isLinkFull(db: Queryable, link: OpenSurveyLink): Promise<boolean> {
  return link.headcount !== null && (await countUnitResponses(db, link)) >= link.headcount;
}

/** Sweep step: tokens past their life and rate windows that have ended. */
export async function pruneFormTokens(db: Queryable): Promise<void> {
  await deleteExpiredFormTokens(db);
  await deleteEndedRateWindows(db, rateWindowSeconds);
}
