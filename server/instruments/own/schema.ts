import { z } from 'zod';
import { OrganizationParams } from '../../organizations/schema.js';

export const OwnInstrumentsPageInput = z.object({ params: OrganizationParams, query: z.object({ done: z.enum(['published']).optional() }) });

/** The instrument file's text, pasted or read from a chosen file; the body limit bounds its size. */
export const InstrumentTextInput = z.object({
  params: OrganizationParams,
  body: z.object({ definition: z.string().trim().min(1, 'paste the instrument JSON or choose its file') }),
});
