import { z } from 'zod';
import { WaveParams } from '../../schema.js';
import { maxAddressesPerList } from './address-list.js';

export const maxReminders = 3;

/** `addresses`: one per line (address-list.ts); `unitId`: the unit of lines that name none (blank: each line names its unit). */
export const AddressesInput = z.object({
  params: WaveParams,
  body: z.object({
    addresses: z.string().max(maxAddressesPerList * 300, `must be at most ${maxAddressesPerList} lines`),
    unitId: z.union([z.literal(''), z.uuid('must be a unit of this wave')]).optional().transform((value) => value || undefined),
  }),
});

/** `when`: now, or on `sendOn` (a day up to the close date), sent by the hourly sweep. */
export const ReminderInput = z.object({
  params: WaveParams,
  body: z.discriminatedUnion('when', [
    z.object({ when: z.literal('now') }),
    z.object({ when: z.literal('later'), sendOn: z.iso.date('must be a date (YYYY-MM-DD)') }),
  ], { error: 'when: choose now or a later day' }).transform((body) => (body.when === 'now' ? 'now' : body.sendOn)),
});

export const CancelReminderInput = z.object({ params: WaveParams.extend({ reminderId: z.uuid('must be a reminder id') }) });
