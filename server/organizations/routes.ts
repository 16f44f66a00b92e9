import { orgRole, platformAdmin } from '../http/access.js';
import { publicBaseUrl } from '../http/links.js';
import { actingStaff, defineRoute, NoInput, privatePage } from '../http/route.js';
import { listWavesWithCounts } from '../waves/service.js';
import { presentOrganizationHome } from '../waves/present.js';
import { presentAdminHome, presentUnitsPage } from './present.js';
import { CreateOrganizationInput, CreateUnitInput, GrantRoleInput, OrganizationInput, RenameUnitInput, RevokeRoleInput, UnitsPageInput } from './schema.js';
import { createOrganization, createUnit, getOrganization, grantRole, listOrganizations, listUnits, renameUnit, revokeRole } from './service.js';


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
      const view = presentOrganizationHome(actingStaff(context), organization, await listUnits(context.db, orgId), await listWavesWithCounts(context.db, orgId));
      res.set(privatePage).render('organizations/home', view);
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/units', access: orgRole('manager'), input: UnitsPageInput,
    async handler({ input, db }, res) {
      const organization = await getOrganization(db, input.params.orgId);
      res.set(privatePage).render('organizations/units', presentUnitsPage(organization, await listUnits(db, organization.id), input.query.done));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/units', access: orgRole('manager'), input: CreateUnitInput,
    async handler(context, res) {
      const { orgId } = context.input.params;
      await createUnit(context.db, actingStaff(context), orgId, context.input.body.name);
      res.redirect(303, `/orgs/${orgId}/units?done=created`);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/units/:unitId/rename', access: orgRole('manager'), input: RenameUnitInput,
    async handler(context, res) {
      const { orgId, unitId } = context.input.params;
      await renameUnit(context.db, actingStaff(context), orgId, unitId, context.input.body.name);
      res.redirect(303, `/orgs/${orgId}/units?done=renamed`);
    },
  }),
];
