import { orgRole, platformAdmin } from '../http/access.js';
import { publicBaseUrl } from '../http/links.js';
import type { Response } from 'express';
import { actingStaff, defineRoute, type FormPage, type FormProblems, type HandlerContext, NoInput, privatePage } from '../http/route.js';
import { listWavesWithCounts } from '../waves/service.js';
import { presentOrganizationHome } from '../waves/present.js';
import { presentAdminHome, presentUnitsPage, type UnitFormProblems } from './present.js';
import {
  CreateOrganizationInput, CreateUnitInput, GrantRoleInput, HeadcountInput, OrganizationInput, RenameUnitInput, RevokeRoleInput, UnitInput, UnitsPageInput,
} from './schema.js';
import {
  changeHeadcount, createOrganization, createUnit, deleteUnit, getOrganization, grantRole, listActiveUnits, listOrganizations, listUnitsWithUse, renameUnit,
  revokeRole, setUnitArchived,
} from './service.js';

async function renderUnitsPage(context: Pick<HandlerContext<unknown>, 'db' | 't'>, orgId: string, res: Response, query: { done?: Parameters<typeof presentUnitsPage>[3] }, problems?: UnitFormProblems): Promise<void> {
  const organization = await getOrganization(context.db, orgId);
  res.set(privatePage).render('organizations/units', presentUnitsPage(context.t, organization, await listUnitsWithUse(context.db, organization.id), query.done, problems));
}

/** The units page again, with the refused form's problems beside its fields. */
function unitsFormPage(form: UnitFormProblems['form']): FormPage {
  return async (context, problems: FormProblems, res) => {
    const { orgId = '', unitId } = context.req.params;
    await renderUnitsPage(context, String(orgId), res, {}, { ...problems, form, ...(unitId === undefined ? {} : { unitId: String(unitId) }) });
  };
}

const unitPath = (orgId: string, done: string): string => `/orgs/${orgId}/units?done=${done}`;


export const organizationRoutes = [
  defineRoute({
    method: 'get', path: '/admin', access: platformAdmin, input: NoInput,
    async handler({ db }, res) {
      res.set(privatePage).render('organizations/admin', presentAdminHome(await listOrganizations(db)));
    },
  }),
  defineRoute({
    method: 'post', path: '/admin/organizations', access: platformAdmin, input: CreateOrganizationInput,
    async handler(context, res) {
      const organizationId = await createOrganization(context.db, actingStaff(context), context.input.body.name);
      res.redirect(303, `/orgs/${organizationId}`);
    },
  }),
  defineRoute({
    method: 'post', path: '/admin/memberships', access: platformAdmin, input: GrantRoleInput,
    async handler(context, res) {
      const { email } = context.input.body;
      const { setPasswordToken } = await grantRole(context.db, actingStaff(context), context.input.body);
      if (!setPasswordToken) {
        res.redirect(303, '/admin/accounts');
        return;
      }
      // Shown once: only the link's hash is stored, so it cannot be displayed again.
      res.set(privatePage).render('accounts/link-issued', {
        title: 'Account created', email, isNewAccount: true,
        link: `${publicBaseUrl(context.req, context.deps.config)}/password/${setPasswordToken}`,
      });
    },
  }),
  defineRoute({
    method: 'post', path: '/admin/memberships/remove', access: platformAdmin, input: RevokeRoleInput,
    async handler(context, res) {
      await revokeRole(context.db, actingStaff(context), context.input.body);
      res.redirect(303, '/admin/accounts');
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId', access: orgRole('manager', 'researcher'), input: OrganizationInput,
    async handler(context, res) {
      const { orgId } = context.input.params;
      const organization = await getOrganization(context.db, orgId);
      const view = presentOrganizationHome(actingStaff(context), organization, await listActiveUnits(context.db, orgId), await listWavesWithCounts(context.db, orgId), context.t, context.language);
      res.set(privatePage).render('organizations/home', view);
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/units', access: orgRole('manager'), input: UnitsPageInput,
    async handler(context, res) {
      await renderUnitsPage(context, context.input.params.orgId, res, context.input.query);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/units', access: orgRole('manager'), input: CreateUnitInput, formPage: unitsFormPage('create'),
    async handler(context, res) {
      const { orgId } = context.input.params;
      await createUnit(context.db, actingStaff(context), orgId, context.input.body.name);
      res.redirect(303, unitPath(orgId, 'created'));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/units/:unitId/rename', access: orgRole('manager'), input: RenameUnitInput, formPage: unitsFormPage('rename'),
    async handler(context, res) {
      const { orgId, unitId } = context.input.params;
      await renameUnit(context.db, actingStaff(context), orgId, unitId, context.input.body.name);
      res.redirect(303, unitPath(orgId, 'renamed'));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/units/:unitId/headcount', access: orgRole('manager'), input: HeadcountInput, formPage: unitsFormPage('headcount'),
    async handler(context, res) {
      const { orgId, unitId } = context.input.params;
      await changeHeadcount(context.db, actingStaff(context), orgId, unitId, context.input.body.headcount);
      res.redirect(303, unitPath(orgId, 'headcount'));
    },
  }),
  ...(['archive', 'restore'] as const).map((action) => defineRoute({
    method: 'post', path: `/orgs/:orgId/units/:unitId/${action}`, access: orgRole('manager'), input: UnitInput,
    async handler(context, res) {
      const { orgId, unitId } = context.input.params;
      await setUnitArchived(context.db, actingStaff(context), orgId, unitId, action === 'archive');
      res.redirect(303, unitPath(orgId, action === 'archive' ? 'archived' : 'restored'));
    },
  })),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/units/:unitId/delete', access: orgRole('manager'), input: UnitInput,
    async handler(context, res) {
      const { orgId, unitId } = context.input.params;
      await deleteUnit(context.db, actingStaff(context), orgId, unitId);
      res.redirect(303, unitPath(orgId, 'deleted'));
    },
  }),
];
