import { z } from 'zod';

const WaveParams = z.object({ orgId: z.uuid(), waveId: z.uuid('must be a wave id') });

export const ReliabilityPageInput = z.object({ params: WaveParams, query: z.strictObject({}) });

/** The CSV for statistics software by default; `for=spreadsheet` adds the byte-order mark and the formula guard. */
export const ReliabilityCsvInput = z.object({
  params: WaveParams,
  query: z.strictObject({
    for: z.enum(['statistics', 'spreadsheet'], 'must be statistics or spreadsheet').default('statistics'),
  }, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'the only option is for' : undefined) }),
});
