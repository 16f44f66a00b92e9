import { z } from 'zod';
import { OrganizationParams } from '../organizations/schema.js';
import { type ExportKind, exportFiles } from './files.js';

export const ExportsPageInput = z.object({ params: OrganizationParams });

const Comments = z.enum(['include', 'omit'], 'must be include or omit').optional();
const Excel = z.enum(['1'], 'must be 1 (a file for spreadsheets: UTF-8 byte-order mark and formula guard) or left out (for statistics software)').optional();


/** Files managers and researchers may download. */
const sharedKinds: readonly ExportKind[] = ['aggregated', 'codebook', 'spss', 'stata'];
/** Files about single respondents, for researchers only. */
const respondentKinds: readonly ExportKind[] = ['responses', 'coarsening'];

const optionsOf: Record<ExportKind, ReadonlyArray<'comments' | 'excel'>> = {
  responses: ['comments', 'excel'], coarsening: ['excel'], aggregated: ['excel'], codebook: ['excel'], spss: ['comments'], stata: ['comments'],
};

export type ExportScopeParam = 'waveId' | 'versionId';

/**
 * The input of an export route: its scope (a wave, or every wave with one instrument version's
 * questions), which file, and the options that file takes; unknown files and options are 400.
 */
function buildInput(kinds: readonly ExportKind[], fileParam: string, scopeParam: ExportScopeParam) {
  const fileNames = kinds.map((kind) => exportFiles[kind]) as [string, ...string[]];
  const idMessage = scopeParam === 'waveId' ? 'must be a wave id' : 'must be an instrument version id';
  return z.object({
    params: OrganizationParams.extend({
      [scopeParam]: z.uuid(idMessage),
      [fileParam]: z.enum(fileNames, `must be one of ${fileNames.join(', ')}`),
    }),
    query: z.strictObject({ comments: Comments, excel: Excel }, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'the options are comments and excel' : undefined) }),
  }).transform((input, context) => {
    const params = input.params as Record<string, string>;
    const kind = kinds.find((candidate) => exportFiles[candidate] === params[fileParam]) ?? 'codebook';
    for (const option of ['comments', 'excel'] as const) {
      if (input.query[option] !== undefined && !optionsOf[kind].includes(option)) {
        context.addIssue({ code: 'custom', path: ['query', option], message: `does not apply to ${params[fileParam] ?? ''}` });
      }
    }
    return {
      orgId: params.orgId ?? '',
      scope: { param: scopeParam, id: params[scopeParam] ?? '' },
      kind,
      options: { includeComments: input.query.comments === 'include', isForExcel: input.query.excel === '1' },
    };
  });
}

export const WaveExportInput = buildInput(sharedKinds, 'exportFile', 'waveId');
export const WaveRespondentExportInput = buildInput(respondentKinds, 'respondentFile', 'waveId');
export const SeriesExportInput = buildInput(sharedKinds, 'exportFile', 'versionId');
export const SeriesRespondentExportInput = buildInput(respondentKinds, 'respondentFile', 'versionId');
export type ExportRequest = z.output<typeof WaveExportInput>;
