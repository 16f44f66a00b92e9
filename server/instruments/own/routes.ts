import type { Response } from 'express';
import { orgRole } from '../../http/access.js';
import { AppError } from '../../http/errors.js';
import { actingStaff, defineRoute, type HandlerContext, privatePage } from '../../http/route.js';
import { getOrganization } from '../../organizations/service.js';
import { asErrorDetails } from '../problems.js';
import { checkInstrumentUpload, listOwnInstrumentVersions, publishOwnInstrument } from '../service.js';
import { presentOwnInstrumentsPage, presentPreviewPage, presentUploadReport, type UploadReport } from './present.js';
import { InstrumentTextInput, OwnInstrumentsPageInput } from './schema.js';

const manager = orgRole('manager');

async function renderOwnInstruments(
  context: Pick<HandlerContext<unknown>, 'db' | 't' | 'language'>, orgId: string, res: Response, options: { done?: 'published'; report?: UploadReport; fieldProblem?: string },
): Promise<void> {
  const organization = await getOrganization(context.db, orgId);
  const versions = await listOwnInstrumentVersions(context.db, orgId);
  res.set(privatePage).render('instruments/own', presentOwnInstrumentsPage(organization, versions, context.t, context.language, options));
}

/**
 * A manager's own instruments: upload (check, field by field, storing nothing), preview as a
 * respondent would see it, then publish through the same import as `npm run import-instrument`.
 */
export const ownInstrumentRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/instruments', access: manager, input: OwnInstrumentsPageInput,
    async handler(context, res) {
      await renderOwnInstruments(context, context.input.params.orgId, res, { done: context.input.query.done });
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/instruments/check', access: manager, input: InstrumentTextInput,
    async formPage(context, problems, res) {
      await renderOwnInstruments(context, String(context.req.params.orgId), res, { fieldProblem: problems.fields.definition ?? problems.message });
    },
    async handler(context, res) {
      const { orgId } = context.input.params;
      const { definition } = context.input.body;
      const check = await checkInstrumentUpload(context.db, orgId, definition);
      if (!check.ok) res.status(400);
      await renderOwnInstruments(context, orgId, res, { report: presentUploadReport(check, definition, context.t, context.language) });
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/instruments/preview', access: manager, input: InstrumentTextInput,
    async handler(context, res) {
      const { orgId } = context.input.params;
      const check = await checkInstrumentUpload(context.db, orgId, context.input.body.definition);
      if (!check.ok) throw new AppError('invalid_input', 'Check the instrument first: it has problems to correct before it can be previewed.', asErrorDetails(check.problems));
      const organization = await getOrganization(context.db, orgId);
      res.set(privatePage).render('respond/survey', presentPreviewPage(organization, check.instrument));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/instruments', access: manager, input: InstrumentTextInput,
    async formPage(context, problems, res) {
      const orgId = String(context.req.params.orgId);
      const definition = typeof problems.submitted.definition === 'string' ? problems.submitted.definition : '';
      const check = await checkInstrumentUpload(context.db, orgId, definition);
      await renderOwnInstruments(context, orgId, res, check.ok ? { fieldProblem: problems.message } : { report: presentUploadReport(check, definition, context.t, context.language) });
    },
    async handler(context, res) {
      const { orgId } = context.input.params;
      await publishOwnInstrument(context.db, actingStaff(context), orgId, context.input.body.definition);
      res.redirect(303, `/orgs/${orgId}/instruments?done=published`);
    },
  }),
];
