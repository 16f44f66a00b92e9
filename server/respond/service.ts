import type { Db, Queryable } from '../db/db.js';
import { type Batcher, createBatcher, groupCommitterFor } from '../db/group-commit.js';
import { AppError } from '../http/errors.js';
import { memoizeByObject } from '../memo.js';
import { validateAnswers } from '../instruments/answers.js';
import type { Instrument } from '../instruments/definition.js';
import { scoreResponse, scoringRules } from '../instruments/scoring.js';
import { getInstrumentVersion } from '../instruments/service.js';
import { issueBlindSignature, useInvitation } from '../waves/invitations/service.js';
import { checkToken, ensureSigningKey, findTokenWaveUnit, type PublicSigningKey, spendToken } from '../waves/tokens/service.js';
import { isAcceptingResponses } from '../waves/schedule.js';
import type { SurveyLinkRow } from '../waves/queries.js';
import { findSurveyLink, type OpenSurveyLink, type SurveyLink } from '../waves/service.js';
import { consumeFormToken, enforceHeadcount, isLinkFull, issueFormToken, restoreFormToken } from './form-tokens/service.js';
import { isRespondentProblem, problemText, type RespondentProblem } from './messages.js';
import { findUnscoredResponses, insertAcceptedResponses, insertResponse, type NewResponse, updateUnscoredResponseScores } from './queries.js';
import type { IssueTokenBody, SubmitBody, TokenSubmitBody } from './schema.js';

export type SurveyForLink = { link: SurveyLink; instrument: Instrument };

function linkProblem(link: SurveyLink | undefined): RespondentProblem | undefined {
  if (!link) return 'link_unknown';
  if (link.kind === 'invitation' && link.isUsed) return 'link_used';
  return waveProblem(link);
}

function waveProblem(link: SurveyLinkRow): RespondentProblem | undefined {
  if (!isAcceptingResponses(link, link.today)) return 'wave_closed';
  if (link.isInstrumentRetired) return 'instrument_retired';
  return undefined;
}

/**
 * Resolves a survey link (open link or invitation) to its wave and instrument, refusing unknown,
 * used and closed links with a message in `language`.
 */
export async function loadSurveyForLink(db: Db, code: string, language = 'en'): Promise<SurveyForLink> {
  const link = await findSurveyLink(db, code);
  const problem = linkProblem(link);
  if (problem || !link) throw new AppError(problem ?? 'link_unknown', problemText(problem ?? 'link_unknown', language).message);
  const instrument = await getInstrumentVersion(db, link.instrumentVersionId);
  if (!instrument) throw new Error(`wave ${link.waveId} names a missing instrument version`);
  return { link, instrument };
}

export type TokenSetting = PublicSigningKey & { issuePath: string; redeemPath: string };
export type SurveyPage = SurveyForLink & { formToken: string | undefined; isKiosk: boolean; token: TokenSetting | undefined };

/**
 * What the survey page needs: through an open link, also a fresh form token (refused above the
 * link's rate ceiling) unless the unit's headcount is reached.
 */
export async function openSurveyPage(db: Db, code: string, ceiling: number, language: string): Promise<SurveyPage> {
  const survey = await loadSurveyForLink(db, code, language);
  const { link } = survey;
  if (link.kind === 'personal') {
    const key = await ensureSigningKey(db, link.waveId, link.unitId);
    // The answers go to an address that names the wave and unit only, never this page's code.
    const token = { ...key, issuePath: `/s/${encodeURIComponent(code)}/token`, redeemPath: `/s/token/${link.waveId}/${link.unitId}` };
    return { ...survey, formToken: undefined, isKiosk: false, token };
  }
  if (link.kind !== 'open_link') return { ...survey, formToken: undefined, isKiosk: false, token: undefined };
  if (await isLinkFull(db, link)) throw new AppError('link_full', problemText('link_full', language).message);
  return { ...survey, formToken: await issueFormToken(db, link, ceiling, language), isKiosk: link.isKiosk, token: undefined };
}

/**
 * Validates, scores and stores one response. Nothing is written unless every answer passes;
 * the stored row carries the wave, unit, coarse role group, day, answers and subscale scores
 * only. Through an invitation, using it up and storing the response share one transaction:
 * both happen or neither does. The write joins concurrent submissions in one group commit
 * (db/group-commit.ts) and resolves only once that commit is durable.
 */
export async function submitResponse(db: Db, code: string, body: SubmitBody): Promise<void> {
  const { link, instrument } = await loadSurveyForSubmission(db, code, body.language);
  if (link.kind === 'personal') {
    throw new AppError('invalid_input', 'This invitation answers with its answer token. Reload the survey page to send your answers.');
  }
  const response = checkResponse(link, instrument, body);
  if (link.kind === 'open_link') {
    await storeThroughOpenLink(db, link, body, response);
    return;
  }
  await groupCommitterFor(db).run(async (tx) => {
    await useInvitation(tx, link);
    await insertResponse(tx, response);
  });
}

/** Validates and scores the answers; nothing is stored unless every answer passes. */
function checkResponse(link: SurveyLinkRow, instrument: Instrument, body: { answers: Record<string, unknown>; language: string }): NewResponse {
  if (!(instrument.languages as readonly string[]).includes(body.language)) {
    throw new AppError('invalid_input', `language: must be one of ${instrument.languages.join(', ')}`, [
      { path: 'language', message: `must be one of ${instrument.languages.join(', ')}` },
    ]);
  }
  const checked = validateAnswers(instrument.questions, body.answers);
  if (!checked.ok) {
    const summary = checked.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
    throw new AppError('invalid_input', `Some answers could not be accepted. ${summary}`, checked.problems);
  }
  const roleGroup = checked.answers[instrument.demographics.roleGroup];
  return {
    waveId: link.waveId,
    unitId: link.unitId,
    instrumentVersionId: link.instrumentVersionId,
    roleGroup: typeof roleGroup === 'string' ? roleGroup : null,
    language: body.language,
    answers: JSON.stringify(checked.answers),
    scores: JSON.stringify(scoreResponse(scoringRules(instrument), checked.answers)),
  };
}

/**
 * Signs the blinded token of a personal invitation's browser, once (a retry of the same request
 * is answered again). The invitation learns that a token was issued, nothing of the token.
 */
export async function issueToken(db: Db, code: string, body: IssueTokenBody): Promise<Uint8Array> {
  const { link } = await loadSurveyForLink(db, code, body.language);
  if (link.kind !== 'personal') throw new AppError('link_unknown', problemText('link_unknown', body.language).message);
  return issueBlindSignature(db, link, Buffer.from(body.blindedMessage, 'base64url'));
}

/**
 * Stores a response that carries a blind-signed token. The request names the wave and unit only:
 * the token is checked against that unit's key, and spent (a labelled hash in the spent set) in
 * the transaction that stores the response. Nothing here can find the invitation it came through.
 */
export async function submitWithToken(db: Db, waveId: string, unitId: string, body: TokenSubmitBody): Promise<void> {
  const target = await findTokenWaveUnit(db, waveId, unitId);
  const problem = waveProblem(target);
  if (problem) throw new AppError(problem, problemText(problem, body.language).message);
  const redeemed = { token: Buffer.from(body.token, 'base64url'), signature: Buffer.from(body.signature, 'base64url') };
  await checkToken(target, redeemed);
  const instrument = await getInstrumentVersion(db, target.instrumentVersionId);
  if (!instrument) throw new Error(`wave ${waveId} names a missing instrument version`);
  const response = checkResponse(target, instrument, body);
  await groupCommitterFor(db).run(async (tx) => {
    await spendToken(tx, waveId, redeemed.token);
    await insertResponse(tx, response);
  });
}

/** How long a submission may rely on an open link read by an earlier one. */
const openLinkReuseMs = 1000;
const recentOpenLinks = memoizeByObject((_db: Db) => new Map<string, { survey: SurveyForLink; until: number }>());

/**
 * Like loadSurveyForLink, but an open link found taking responses is reused for a second: what
 * could change meanwhile is checked again where it counts (the wave's state in the statement
 * that stores the response, the link's existence by its form tokens, which go with it).
 */
async function loadSurveyForSubmission(db: Db, code: string, language: string): Promise<SurveyForLink> {
  const recent = recentOpenLinks(db);
  const now = Date.now();
  const reused = recent.get(code);
  if (reused && reused.until > now) return reused.survey;
  const survey = await loadSurveyForLink(db, code, language);
  if (survey.link.kind !== 'open_link') return survey;
  // Only codes of real open links get here; dropping all now and then keeps the map small.
  if (recent.size >= 1000) recent.clear();
  recent.set(code, { survey, until: now + openLinkReuseMs });
  return survey;
}

/** SQLSTATE classes 22 (data exception) and 23 (constraint violation): a fault of one row, not of the batch. */
function isRowFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(error.code);
}

/** Stores one response in the group committer; false when its wave no longer takes responses. */
async function storeAcceptedResponse(db: Db, response: NewResponse, before?: (tx: Queryable) => Promise<void>): Promise<boolean> {
  let isAccepted = false;
  await groupCommitterFor(db).run(async (tx) => {
    await before?.(tx);
    isAccepted = (await insertAcceptedResponses(tx, [response])).size > 0;
  });
  return isAccepted;
}

/**
 * Open-link responses of concurrent submissions are stored by one statement, its own transaction:
 * one round trip and one commit per batch, each caller answered after that commit. If a row
 * breaks the statement, each response is tried again on its own, so only that one fails.
 */
const responseBatcherFor = memoizeByObject((db: Db): Batcher<NewResponse, boolean> => createBatcher<NewResponse, boolean>(
  { maxBatch: 128, maxConcurrentBatches: db.kind === 'pglite' ? 1 : 2, gathersTurn: true },
  async (responses) => {
    try {
      const accepted = await insertAcceptedResponses(db, responses);
      return responses.map((response) => ({ ok: true, value: accepted.has(response.waveId) }));
    } catch (error) {
      if (!isRowFault(error)) throw error;
    }
    return Promise.all(responses.map((response) => storeAcceptedResponse(db, response).then(
      (isAccepted) => ({ ok: true as const, value: isAccepted }),
      (error: unknown) => ({ ok: false as const, error }),
    )));
  },
));

/**
 * The form token is consumed first, in a statement shared only with other tokens; only then is
 * the response stored, in a statement or group commit with other submissions and nothing of the
 * token. If storing fails, the token is given back so the page's retry is not told "already received".
 */
async function storeThroughOpenLink(db: Db, link: OpenSurveyLink, body: SubmitBody, response: NewResponse): Promise<void> {
  if (body.formToken === undefined) {
    throw new AppError('invalid_input', 'formToken: is required; reload the survey page', [{ path: 'formToken', message: 'is required; reload the survey page' }]);
  }
  await consumeFormToken(db, link, body.formToken, body.language);
  try {
    const isAccepted = link.headcount === null
      ? await responseBatcherFor(db).run(response)
      // The unit's lock and count stay in the transaction of its insert.
      : await storeAcceptedResponse(db, response, (tx) => enforceHeadcount(tx, link, body.language));
    if (!isAccepted) throw new AppError('wave_closed', problemText('wave_closed', body.language).message);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'link_full')) await restoreFormToken(db, link, body.formToken);
    throw error;
  }
}

const rescoreBatchSize = 200;

/**
 * Start-up step: scores responses stored before scores were kept (migration 0007). Idempotent:
 * only rows still marked unscored are touched, so a restart or a second process finds no work.
 */
export async function scoreStoredResponses(db: Db): Promise<number> {
  let scored = 0;
  for (;;) {
    const rows = await findUnscoredResponses(db, rescoreBatchSize);
    for (const row of rows) {
      const instrument = await getInstrumentVersion(db, row.instrumentVersionId);
      if (!instrument) throw new Error(`response names a missing instrument version ${row.instrumentVersionId}`);
      await updateUnscoredResponseScores(db, row.id, JSON.stringify(scoreResponse(scoringRules(instrument), row.answers)));
    }
    scored += rows.length;
    if (rows.length < rescoreBatchSize) return scored;
  }
}

/** A respondent's problem told in their language (the services below word it in English). */
export async function inLanguage<T>(language: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && isRespondentProblem(error.code)) throw new AppError(error.code, problemText(error.code, language).message, error.details);
    throw error;
  }
}
