import type { Response } from 'express';
import { orgRole } from '../../http/access.js';
import { publicBaseUrl } from '../../http/links.js';
import { actingStaff, defineRoute, type FormProblems, type HandlerContext, privatePage } from '../../http/route.js';
import { getOrganization } from '../service.js';
import { presentColleaguesPage } from './present.js';
import { ColleaguesPageInput, InviteColleagueInput, RemoveColleagueInput } from './schema.js';
import { inviteColleague, listColleagues, removeColleague } from './service.js';

const manager = orgRole('manager');

async function renderColleagues(context: Omit<HandlerContext<unknown>, 'input'>, orgId: string, res: Response, done?: 'granted' | 'removed', problems?: FormProblems): Promise<void> {
  const organization = await getOrganization(context.db, orgId);
  const members = await listColleagues(context.db, orgId);
  res.set(privatePage).render('organizations/colleagues', presentColleaguesPage(context.t, organization, actingStaff(context), members, done, problems));
}

/** Managers invite and remove their organization's managers and researchers without a platform admin. */
export const colleagueRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/colleagues', access: manager, input: ColleaguesPageInput,
    async handler(context, res) {
      await renderColleagues(context, context.input.params.orgId, res, context.input.query.done);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/colleagues', access: manager, input: InviteColleagueInput,
    async formPage(context, problems, res) {
      await renderColleagues(context, String(context.req.params.orgId), res, undefined, problems);
    },
    async handler(context, res) {
      const { orgId } = context.input.params;
      const { email } = context.input.body;
      const { setPasswordToken } = await inviteColleague(context.db, actingStaff(context), orgId, context.input.body);
      if (!setPasswordToken) {
        res.redirect(303, `/orgs/${orgId}/colleagues?done=granted`);
        return;
      }
      // Shown once: only the link's hash is stored, so it cannot be displayed again.
      res.set(privatePage).render('accounts/link-issued', {
        title: 'Colleague invited', email, isNewAccount: true, back: { href: `/orgs/${orgId}/colleagues`, label: 'Back to colleagues' },
        link: `${publicBaseUrl(context.req, context.deps.config)}/password/${setPasswordToken}`,
      });
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/colleagues/remove', access: manager, input: RemoveColleagueInput,
    async handler(context, res) {
      const { orgId } = context.input.params;
      await removeColleague(context.db, actingStaff(context), orgId, context.input.body);
      res.redirect(303, `/orgs/${orgId}/colleagues?done=removed`);
    },
  }),
];
