import { z } from 'zod';
import { Name, OrganizationParams } from '../organizations/schema.js';

export const WaveParams = OrganizationParams.extend({ waveId: z.uuid('must be a wave id') });
const IsoDate = z.iso.date('must be a date (YYYY-MM-DD)');
// Radio buttons post "yes" or "no"; a form without the field (a wave past its draft) changes nothing.
const YesNo = z.enum(['yes', 'no'], 'choose yes or no').transform((answer) => answer === 'yes');

export const WaveInput = z.object({ params: WaveParams });

// k: every number shown for a group comes from at least k responses (anonymity rule 3).
const MinGroupSize = z.coerce.number('must be a whole number').int('must be a whole number')
  .min(3, 'must be at least 3').max(1000, 'must be at most 1000').default(5);
// Comments need a larger group than numbers: free text can identify its writer.
const CommentThreshold = z.coerce.number('must be a whole number').int('must be a whole number')
  .min(3, 'must be at least 3').max(1000, 'must be at most 1000').default(10);
const isThresholdAtLeastK = (body: { minGroupSize: number; commentThreshold: number }): boolean => body.commentThreshold >= body.minGroupSize;
const thresholdBelowK = { message: 'must be at least the minimum group size k', path: ['commentThreshold'] };

/**
 * The units taking part, as repeated `unitIds` checkbox fields. The form also posts one empty
 * `unitIds` so that unticking every box reads as "none chosen", not as "field left out"; an
 * API call that leaves the field out takes every active unit (an empty list).
 */
export const UnitIds = z.preprocess(
  (value) => (value === undefined ? undefined : [value].flat().filter((id) => id !== '')),
  z.array(z.uuid('must be a unit id')).min(1, 'choose at least one unit').optional(),
).transform((ids) => ids ?? []);

export const NewWavePageInput = z.object({ params: OrganizationParams });

export const CreateWaveInput = z.object({
  params: OrganizationParams,
  body: z.object({
    name: Name,
    instrumentVersionId: z.uuid('choose one of the published instruments'),
    distribution: z.enum(['open_link', 'invitation'], 'choose open links or single-use invitations'),
    opensOn: IsoDate,
    closesOn: IsoDate,
    // k: every number shown for a group comes from at least k responses (anonymity rule 3).
    minGroupSize: MinGroupSize,
    commentThreshold: CommentThreshold,
    allowCommentExport: YesNo.default(false),
    unitIds: UnitIds,
  }).refine(isThresholdAtLeastK, thresholdBelowK),
});

/** k and the comment threshold, changeable only while a wave is a draft (the survey page promises them). */
export const SettingsInput = z.object({
  params: WaveParams,
  body: z.object({ minGroupSize: MinGroupSize, commentThreshold: CommentThreshold }).refine(isThresholdAtLeastK, thresholdBelowK),
});

export const ScheduleInput = z.object({
  params: WaveParams,
  body: z.object({ opensOn: IsoDate, closesOn: IsoDate, allowCommentExport: YesNo.optional() }),
});

const countFieldPattern = /^count_([0-9a-f-]{36})$/;

/** One `count_<unit id>` field per unit (how many cards); a blank field means none for that unit. */
export const UnitCountsInput = z.object({
  params: WaveParams,
  body: z.record(
    z.string().regex(countFieldPattern, 'is not a unit count field'),
    z.coerce.number('must be a whole number').int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000 per unit'),
    { error: (issue) => (issue.code === 'invalid_key' ? 'is not a unit count field' : undefined) },
  ).transform((fields) => new Map(Object.entries(fields).map(([field, count]) => [countFieldPattern.exec(field)?.[1] ?? field, count]))),
});

const linkFieldPattern = /^(headcount|kiosk)_([0-9a-f-]{36})$/;
export type LinkSettings = Map<string, { headcount: number | null; isKiosk: boolean }>;

/**
 * Per unit: `headcount_<unit id>` (blank: no headcount) and the checkbox `kiosk_<unit id>`
 * (sent only when ticked). Every unit of the form sends its headcount field, so each appears.
 */
export const LinkSettingsInput = z.object({
  params: WaveParams,
  body: z.record(
    z.string().regex(linkFieldPattern, 'is not a headcount or kiosk field'),
    z.string().max(10),
    { error: (issue) => (issue.code === 'invalid_key' ? 'is not a headcount or kiosk field' : undefined) },
  ).superRefine((fields, context) => {
    for (const [field, value] of Object.entries(fields)) {
      if (field.startsWith('headcount_') && value !== '' && !/^\d{1,6}$/.test(value)) context.addIssue({ code: 'custom', path: [field], message: 'must be a whole number of people, or blank' });
      if (field.startsWith('headcount_') && /^0+$/.test(value)) context.addIssue({ code: 'custom', path: [field], message: 'must be at least 1, or blank' });
    }
  }).transform((fields): LinkSettings => {
    const settings: LinkSettings = new Map();
    for (const [field, value] of Object.entries(fields)) {
      const [, kind, unitId = ''] = linkFieldPattern.exec(field) ?? [];
      const unit = settings.get(unitId) ?? { headcount: null, isKiosk: false };
      if (kind === 'headcount') unit.headcount = value === '' ? null : Number(value);
      else unit.isKiosk = true;
      settings.set(unitId, unit);
    }
    return settings;
  }),
});
