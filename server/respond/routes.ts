import type { Request, Response } from 'express';
import { publicAccess } from '../http/access.js';
import { AppError } from '../http/errors.js';
import { defineRoute, privatePage } from '../http/route.js';
import { isRespondentProblem, respondentLanguages } from './messages.js';
import { presentProblemPage, presentSurveyPage, presentThanksPage } from './present.js';
import { SubmitInput, SurveyPageInput, ThanksInput } from './schema.js';
import { openSurveyPage, submitResponse } from './service.js';

/** The language of the pages around the survey: asked for, else the browser's, else English. */
function pageLanguage(req: Request, asked: string | undefined): string {
  return asked ?? (req.acceptsLanguages([...respondentLanguages]) || 'en');
}

export const respondRoutes = [
  defineRoute({
    method: 'get', path: '/s/thanks', access: publicAccess, input: ThanksInput,
    handler({ input, req }, res) {
      res.set(privatePage).render('respond/thanks', presentThanksPage(pageLanguage(req, input.query.lang), { isKiosk: input.query.kiosk === '1', wasAlreadyReceived: input.query.received === '1' }));
    },
  }),
  defineRoute({
    method: 'get', path: '/s/:code', access: publicAccess, input: SurveyPageInput,
    async handler({ input, db, req, deps }, res: Response) {
      const language = pageLanguage(req, input.query.lang);
      // A link that cannot take answers gets its own page in the respondent's language, with the
      // crisis line; anything else goes to the one error handler.
      const page = await openSurveyPage(db, input.params.code, deps.config.linkRateCeiling, language).catch((error: unknown) => {
        if (error instanceof AppError && isRespondentProblem(error.code) && req.accepts(['json', 'html']) === 'html') return error;
        throw error;
      });
      if (page instanceof AppError) {
        res.status(page.status).set(privatePage).render('respond/message', presentProblemPage(page.code, language, req.path));
        return;
      }
      res.set(privatePage).render('respond/survey', presentSurveyPage(page, language));
    },
  }),
  defineRoute({
    method: 'post', path: '/s/:code', access: publicAccess, input: SubmitInput,
    async handler({ input, db }, res) {
      await submitResponse(db, input.params.code, input.body);
      res.status(201).json({ next: '/s/thanks' });
    },
  }),
];
