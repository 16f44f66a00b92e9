import type { Request, Response } from 'express';
import { publicAccess } from '../http/access.js';
import { memoizeByObject } from '../memo.js';
import { AppError } from '../http/errors.js';
import { type AppDeps, defineRoute, privatePage } from '../http/route.js';
import { createGuessLimiter, type GuessLimiter } from './code-guesses.js';
import { isRespondentProblem, respondentLanguages } from './messages.js';
import { presentCardEntryPage, presentProblemPage, presentSurveyPage, presentThanksPage } from './present.js';
import { CardEntryInput, IssueTokenInput, SubmitInput, SurveyPageInput, ThanksInput, TokenSubmitInput } from './schema.js';
import { inLanguage, issueToken, openSurveyPage, submitResponse, submitWithToken } from './service.js';

/** The language of the pages around the survey: asked for, else the browser's, else English. */
function pageLanguage(req: Request, asked: string | undefined): string {
  return asked ?? (req.acceptsLanguages([...respondentLanguages]) || 'en');
}

const maxUnknownCodes = 20;
const unknownCodeWindowMs = 10 * 60 * 1000;
/** Each app counts the unknown codes tried from each network address (code-guesses.ts). */
const guessLimiter = memoizeByObject((_deps: AppDeps): GuessLimiter => createGuessLimiter(maxUnknownCodes, unknownCodeWindowMs));

/** Runs a lookup of a survey code, refusing an address that has tried too many unknown ones. */
async function withGuessLimit<T>(deps: AppDeps, req: Request, lookup: () => Promise<T>): Promise<T> {
  const limiter = guessLimiter(deps);
  const client = req.ip ?? 'unknown';
  if (limiter.isBlocked(client, Date.now())) {
    throw new AppError('too_many_attempts', 'Too many survey codes that do not exist were tried from this network. Wait ten minutes and try again.');
  }
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof AppError && error.code === 'link_unknown') limiter.recordMiss(client, Date.now());
    throw error;
  }
}

function renderProblem(req: Request, res: Response, error: AppError, language: string): void {
  res.status(error.status).set(privatePage).render('respond/message', presentProblemPage(error.code, language, req.path));
}

export const respondRoutes = [
  defineRoute({
    method: 'get', path: '/s/thanks', access: publicAccess, input: ThanksInput,
    handler({ input, req }, res) {
      res.set(privatePage).render('respond/thanks', presentThanksPage(pageLanguage(req, input.query.lang), { isKiosk: input.query.kiosk === '1', wasAlreadyReceived: input.query.received === '1' }));
    },
  }),
  defineRoute({
    method: 'get', path: '/c', access: publicAccess, input: CardEntryInput,
    handler({ input, req }, res) {
      const language = pageLanguage(req, input.query.lang);
      if (input.query.code !== undefined && input.query.cardCode) {
        res.redirect(303, `/s/${input.query.cardCode}?lang=${language}`);
        return;
      }
      res.status(input.query.code === undefined ? 200 : 400).set(privatePage).render('respond/card', presentCardEntryPage(language, input.query.code));
    },
  }),
  defineRoute({
    method: 'get', path: '/s/:code', access: publicAccess, input: SurveyPageInput,
    async handler({ input, db, req, deps }, res: Response) {
      const language = pageLanguage(req, input.query.lang);
      // A link that cannot take answers gets its own page in the respondent's language, with the
      // crisis line; anything else goes to the one error handler.
      const page = await withGuessLimit(deps, req, () => openSurveyPage(db, input.params.code, deps.config.linkRateCeiling, language)).catch((error: unknown) => {
        if (error instanceof AppError && isRespondentProblem(error.code) && req.accepts(['json', 'html']) === 'html') return error;
        throw error;
      });
      if (page instanceof AppError) return renderProblem(req, res, page, language);
      res.set(privatePage).render('respond/survey', presentSurveyPage(page, language));
    },
  }),
  defineRoute({
    method: 'post', path: '/s/:code', access: publicAccess, input: SubmitInput,
    async handler({ input, db, req, deps }, res) {
      await withGuessLimit(deps, req, () => submitResponse(db, input.params.code, input.body));
      res.status(201).json({ next: '/s/thanks' });
    },
  }),
  defineRoute({
    method: 'post', path: '/s/:code/token', access: publicAccess, input: IssueTokenInput,
    async handler({ input, db, req, deps }, res) {
      const blindSignature = await withGuessLimit(deps, req, () => inLanguage(input.body.language, issueToken(db, input.params.code, input.body)));
      res.set(privatePage).json({ blindSignature: Buffer.from(blindSignature).toString('base64url') });
    },
  }),
  defineRoute({
    method: 'post', path: '/s/token/:waveId/:unitId', access: publicAccess, input: TokenSubmitInput,
    async handler({ input, db }, res) {
      await inLanguage(input.body.language, submitWithToken(db, input.params.waveId, input.params.unitId, input.body));
      res.status(201).json({ next: '/s/thanks' });
    },
  }),
];
