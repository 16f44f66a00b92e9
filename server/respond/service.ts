import type { Db } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { validateAnswers } from '../instruments/answers.js';
import type { Instrument } from '../instruments/definition.js';
import { scoreResponse, scoringRules } from '../instruments/scoring.js';
import { getInstrumentVersion } from '../instruments/service.js';
import { linkUsedMessage, useInvitation } from '../waves/invitations/service.js';
import { isAcceptingResponses } from '../waves/schedule.js';
import { findSurveyLink, type SurveyLink } from '../waves/service.js';
import { findUnscoredResponses, insertResponse, updateUnscoredResponseScores } from './queries.js';
import type { SubmitBody } from './schema.js';

export type SurveyForLink = { link: SurveyLink; instrument: Instrument };

/** Resolves a survey link (open link or invitation) to its wave and instrument, refusing unknown, used and closed links. */
export async function loadSurveyForLink(db: Db, code: string): Promise<SurveyForLink> {
  const link = await findSurveyLink(db, code);
  if (!link) throw new AppError('link_unknown', 'This survey link is not valid. Please check the address, or ask the person who sent it for a new one.');
  if (link.kind === 'invitation' && link.isUsed) throw new AppError('link_used', linkUsedMessage);
  if (!isAcceptingResponses(link, link.today)) {
    throw new AppError('wave_closed', 'This survey is not open right now, so it cannot take answers. Thank you for your interest.');
  }
  if (link.isInstrumentRetired) {
    throw new AppError('instrument_retired', 'This survey has been replaced by a newer version and no longer takes answers. Please ask the person who sent the link for a new one.');
  }
  const instrument = await getInstrumentVersion(db, link.instrumentVersionId);
  if (!instrument) throw new Error(`wave ${link.waveId} names a missing instrument version`);
  return { link, instrument };
}

/**
 * Validates, scores and stores one response. Nothing is written unless every answer passes;
 * the stored row carries the wave, unit, coarse role group, day, answers and subscale scores
 * only. Through an invitation, using it up and storing the response share one transaction:
 * both happen or neither does.
 */
export async function submitResponse(db: Db, code: string, body: SubmitBody): Promise<void> {
  const { link, instrument } = await loadSurveyForLink(db, code);
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
  const response = {
    waveId: link.waveId,
    unitId: link.unitId,
    instrumentVersionId: link.instrumentVersionId,
    roleGroup: typeof roleGroup === 'string' ? roleGroup : null,
    language: body.language,
    answers: JSON.stringify(checked.answers),
    scores: JSON.stringify(scoreResponse(scoringRules(instrument), checked.answers)),
  };
  if (link.kind === 'open_link') {
    await insertResponse(db, response);
    return;
  }
  await db.transaction(async (tx) => {
    await useInvitation(tx, link);
    await insertResponse(tx, response);
  });
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
