import { z } from 'zod';

export const CodebookInput = z.object({ params: z.object({ versionId: z.uuid('must be an instrument version id') }) });

export type CodebookParams = z.output<typeof CodebookInput>['params'];
