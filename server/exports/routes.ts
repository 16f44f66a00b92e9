import type { Response } from 'express';
import type { Staff } from '../accounts/roles.js';
import type { Db } from '../db/db.js';
import { orgRole } from '../http/access.js';
import { actingStaff, defineRoute, privatePage } from '../http/route.js';
import { streamChunks } from '../http/stream.js';
import { getOrganization } from '../organizations/service.js';
import { presentExportsPage } from './present.js';
import {
  ExportsPageInput, type ExportRequest, SeriesExportInput, SeriesRespondentExportInput, WaveExportInput, WaveRespondentExportInput,
} from './schema.js';
import {
  buildAggregatedFile, buildCodebookFile, buildCoarseningNotes, buildSyntaxFile, type ExportFile, listExports, openRespondentFile,
  resolveSeriesScope, resolveWaveScope,
} from './service.js';

// Aggregated tables, the codebook, SPSS syntax and the Stata do-file hold no respondent's row: managers and
// researchers. Respondent-level rows and their coarsening notes: researchers only (README "Exports").
const staffWithResults = orgRole('manager', 'researcher');
const researcher = orgRole('researcher');

async function sendExport(db: Db, actor: Staff, request: ExportRequest, res: Response): Promise<void> {
  const scope = request.scope.param === 'waveId'
    ? await resolveWaveScope(db, request.orgId, request.scope.id)
    : await resolveSeriesScope(db, request.orgId, request.scope.id);
  if (request.kind === 'responses') {
    const file = await openRespondentFile(db, actor, scope, request.options);
    res.attachment(file.fileName).set(privatePage).set('Content-Type', 'text/csv; charset=utf-8');
    await streamChunks(res, file.chunks);
    return;
  }
  const builders: Record<Exclude<ExportRequest['kind'], 'responses'>, () => Promise<ExportFile>> = {
    coarsening: () => buildCoarseningNotes(db, actor, scope, request.options),
    aggregated: () => buildAggregatedFile(db, actor, scope, request.options),
    codebook: () => buildCodebookFile(db, actor, scope, request.options),
    spss: () => buildSyntaxFile(db, actor, scope, 'spss', request.options),
    stata: () => buildSyntaxFile(db, actor, scope, 'stata', request.options),
  };
  const file = await builders[request.kind]();
  res.attachment(file.fileName).set(privatePage).set('Content-Type', file.contentType).send(file.body);
}

const exportRoutes = [
  { path: '/orgs/:orgId/exports/waves/:waveId/:exportFile', access: staffWithResults, input: WaveExportInput },
  { path: '/orgs/:orgId/exports/waves/:waveId/respondents/:respondentFile', access: researcher, input: WaveRespondentExportInput },
  { path: '/orgs/:orgId/exports/instruments/:versionId/:exportFile', access: staffWithResults, input: SeriesExportInput },
  { path: '/orgs/:orgId/exports/instruments/:versionId/respondents/:respondentFile', access: researcher, input: SeriesRespondentExportInput },
].map(({ path, access, input }) => defineRoute({
  method: 'get', path, access, input,
  async handler(context, res) {
    await sendExport(context.db, actingStaff(context), context.input, res);
  },
}));

export const exportsRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/exports', access: staffWithResults, input: ExportsPageInput,
    async handler(context, res) {
      const organization = await getOrganization(context.db, context.input.params.orgId);
      const listing = await listExports(context.db, organization.id);
      res.set(privatePage).render('exports/index', presentExportsPage(actingStaff(context), organization, listing, context));
    },
  }),
  ...exportRoutes,
];
