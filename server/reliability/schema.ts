import { z } from 'zod';

const WaveParams = z.object({ orgId: z.uuid(), waveId: z.uuid('must be a wave id') });

export const ReliabilityPageInput = z.object({ params: WaveParams, query: z.strictObject({}) });

/** The CSV for statistics software by default; `excel=1`, as on the exports, makes it for spreadsheets (byte-order mark, formula guard). */
export const ReliabilityCsvInput = z.object({
  params: WaveParams,
  query: z.strictObject({
    excel: z.enum(['1'], 'must be 1 (a file for spreadsheets) or left out (for statistics software)').optional(),
  }, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'the only option is excel' : undefined) }),
}).transform((input) => ({ params: input.params, flavour: input.query.excel === '1' ? 'spreadsheet' as const : 'statistics' as const }));
