import type { Db } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { validateAnswers } from '../instruments/answers.js';
import type { Instrument } from '../instruments/definition.js';
import { getInstrumentVersion } from '../instruments/service.js';
import { linkUsedMessage, useInvitation } from '../waves/invitations/service.js';
import { isAcceptingResponses } from '../waves/schedule.js';
import { findSurveyLink, type SurveyLink } from '../waves/service.js';
import { insertResponse } from './queries.js';
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
  const instrument = await getInstrumentVersion(db, link.instrumentVersionId);
  if (!instrument) throw new Error(`wave ${link.waveId} names a missing instrument version`);
  return { link, instrument };
}

/**
 * Validates and stores one response. Nothing is written unless every answer passes; the
 * stored row carries the wave, unit, coarse role group and day only. Through an invitation,
 * using it up and storing the response share one transaction: both happen or neither does.
 */
export async function submitResponse(db: Db, code: string, body: SubmitBody): Promise<void> {
  const { link, instrument } = await loadSurveyForLink(db, code);
  if (!instrument.languages.includes(body.language)) {
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
  };
  if (link.kind === 'open_link') {
    await insertResponse(db, response);
    return;
  }
  await db.transaction(async (tx) => {
    await useInvitation(tx, link.tokenHash);
    await insertResponse(tx, response);
  });
}
