import type { Response } from 'express';
import { orgRole } from '../../http/access.js';
import { actingStaff, defineRoute, type FormProblems, type HandlerContext, privatePage } from '../../http/route.js';
import { getOrganization, listActiveUnits } from '../../organizations/service.js';
import { presentConfirmPage, presentDraftEditForm } from './present.js';
import { WaveInput } from '../schema.js';
import { DraftEditInput } from './schema.js';
import { deleteDraftWave, editDraftWave, getDraftWithUnits, getWaveToClose } from './service.js';

const manager = orgRole('manager');
const wavePath = (orgId: string, waveId: string): string => `/orgs/${orgId}/waves/${waveId}`;

async function renderEditForm(context: Pick<HandlerContext<unknown>, 'db' | 't'>, orgId: string, waveId: string, res: Response, problems?: FormProblems): Promise<void> {
  const organization = await getOrganization(context.db, orgId);
  const draft = await getDraftWithUnits(context.db, orgId, waveId);
  res.set(privatePage).render('waves/edit', presentDraftEditForm(organization, draft, await listActiveUnits(context.db, orgId), context.t, problems));
}

/** Editing and deleting a draft wave, and the confirmation asked before a wave is closed. */
export const waveEditingRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/edit', access: manager, input: WaveInput,
    async handler(context, res) {
      await renderEditForm(context, context.input.params.orgId, context.input.params.waveId, res);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/edit', access: manager, input: DraftEditInput,
    async formPage(context, problems, res) {
      await renderEditForm(context, String(context.req.params.orgId), String(context.req.params.waveId), res, problems);
    },
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await editDraftWave(context.db, actingStaff(context), orgId, waveId, context.input.body);
      res.redirect(303, wavePath(orgId, waveId));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/delete', access: manager, input: WaveInput,
    async handler({ input, db, t }, res) {
      const { orgId, waveId } = input.params;
      const organization = await getOrganization(db, orgId);
      const { wave } = await getDraftWithUnits(db, orgId, waveId);
      res.set(privatePage).render('waves/confirm', presentConfirmPage(organization, wave, 'delete', t));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/delete', access: manager, input: WaveInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await deleteDraftWave(context.db, actingStaff(context), orgId, waveId);
      res.redirect(303, `/orgs/${orgId}`);
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/close', access: manager, input: WaveInput,
    async handler({ input, db, t }, res) {
      const { orgId, waveId } = input.params;
      const organization = await getOrganization(db, orgId);
      res.set(privatePage).render('waves/confirm', presentConfirmPage(organization, await getWaveToClose(db, orgId, waveId), 'close', t));
    },
  }),
];
