import { z } from 'zod';

const LinkParams = z.object({ code: z.string().min(1).max(200) });

export const SurveyPageInput = z.object({ params: LinkParams });

export const SubmitInput = z.object({
  params: LinkParams,
  body: z.strictObject({
    answers: z.record(z.string().max(100), z.unknown()),
    language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code').default('en'),
  }),
});

export type SubmitBody = z.output<typeof SubmitInput>['body'];
