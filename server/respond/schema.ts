import { z } from 'zod';
import { formTokenPattern } from './form-tokens/token.js';
import { respondentLanguages } from './messages.js';

const LinkParams = z.object({ code: z.string().min(1).max(200) });

/** `lang` picks the language of the pages around the survey (thank-you, closed, used links). */
const LanguageQuery = z.object({ lang: z.enum(respondentLanguages).optional() });

export const SurveyPageInput = z.object({ params: LinkParams, query: LanguageQuery });
/** `kiosk` makes the page start again for the next person; `received` says a retry found the answers already stored. */
export const ThanksInput = z.object({ query: LanguageQuery.extend({ kiosk: z.literal('1').optional(), received: z.literal('1').optional() }) });

export const SubmitInput = z.object({
  params: LinkParams,
  body: z.strictObject({
    answers: z.record(z.string().max(100), z.unknown()),
    language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code').default('en'),
    formToken: z.string().regex(formTokenPattern, 'must be the form token given with the survey page').optional(),
  }),
});

export type SubmitBody = z.output<typeof SubmitInput>['body'];
