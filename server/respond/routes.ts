import { publicAccess } from '../http/access.js';
import { defineRoute, NoInput, privatePage } from '../http/route.js';
import { pageTextIn } from './page-text.js';
import { presentSurveyPage } from './present.js';
import { SubmitInput, SurveyPageInput } from './schema.js';
import { loadSurveyForLink, submitResponse } from './service.js';


export const respondRoutes = [
  defineRoute({
    method: 'get', path: '/s/thanks', access: publicAccess, input: NoInput,
    handler(_context, res) {
      res.set(privatePage).render('respond/thanks', { title: 'Thank you', text: pageTextIn('en') });
    },
  }),
  defineRoute({
    method: 'get', path: '/s/:code', access: publicAccess, input: SurveyPageInput,
    async handler({ input, db }, res) {
      const { link, instrument } = await loadSurveyForLink(db, input.params.code);
      res.set(privatePage).render('respond/survey', presentSurveyPage(link, instrument));
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
