import { z } from 'zod';
import { formTokenPattern } from './form-tokens/token.js';
import { respondentLanguages } from './messages.js';
import { normalizeCardCode } from '../waves/invitations/personal-code.js';

/**
 * Answers by question name, passed on as sent rather than copied key by key: every submission
 * comes through here, and validateAnswers checks each name and value against the instrument.
 */
const AnswersInput = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((name) => name.length <= 100),
  'must be an object of answers by question name, each name at most 100 characters',
);

const LinkParams = z.object({ code: z.string().min(1).max(200) });

/** `lang` picks the language of the pages around the survey (thank-you, closed, used links). */
const LanguageQuery = z.object({ lang: z.enum(respondentLanguages).optional() });

export const SurveyPageInput = z.object({ params: LinkParams, query: LanguageQuery });
/** `kiosk` makes the page start again for the next person; `received` says a retry found the answers already stored. */
export const ThanksInput = z.object({ query: LanguageQuery.extend({ kiosk: z.literal('1').optional(), received: z.literal('1').optional() }) });

export const SubmitInput = z.object({
  params: LinkParams,
  body: z.strictObject({
    answers: AnswersInput,
    language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code').default('en'),
    formToken: z.string().regex(formTokenPattern, 'must be the form token given with the survey page').optional(),
  }),
});

export type SubmitBody = z.output<typeof SubmitInput>['body'];

/** base64url without padding: 256 bytes (a 2048-bit RSA number) and the 64-byte token. */
const rsaNumber = z.string().regex(/^[A-Za-z0-9_-]{342}$/, 'must be 256 bytes in base64url');
const LanguageBody = z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code').default('en');

export const IssueTokenInput = z.object({
  params: LinkParams,
  body: z.strictObject({ blindedMessage: rsaNumber, language: LanguageBody }),
});
export type IssueTokenBody = z.output<typeof IssueTokenInput>['body'];

export const TokenSubmitInput = z.object({
  params: z.object({ waveId: z.uuid('must be a wave id'), unitId: z.uuid('must be a unit id') }),
  body: z.strictObject({
    answers: AnswersInput,
    language: LanguageBody,
    token: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'must be 64 bytes in base64url'),
    signature: rsaNumber,
  }),
});
export type TokenSubmitBody = z.output<typeof TokenSubmitInput>['body'];

/** The card page: `code` as typed; `cardCode` is its one stored spelling when it can be a card's. */
export const CardEntryInput = z.object({
  query: LanguageQuery.extend({ code: z.string().max(40).optional() }).transform((query) => ({
    ...query, cardCode: query.code === undefined ? undefined : normalizeCardCode(query.code),
  })),
});
