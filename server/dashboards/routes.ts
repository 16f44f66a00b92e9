import { holdsRole } from '../accounts/roles.js';
import { orgRole } from '../http/access.js';
import { actingStaff, defineRoute, privatePage } from '../http/route.js';
import { getOrganization } from '../organizations/service.js';
import { dashboardPdfFileName, renderDashboardPdf } from './pdf.js';
import { presentDashboard, presentReport } from './present.js';
import { DashboardInput, HideCommentInput } from './schema.js';
import { hideComment, loadDashboard } from './service.js';

const readers = orgRole('manager', 'researcher');

function dashboardPath(orgId: string, waveId: string): string {
  return `/orgs/${orgId}/waves/${waveId}/dashboard`;
}

export const dashboardRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/dashboard', access: readers, input: DashboardInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      const dashboard = await loadDashboard(context.db, orgId, waveId, context.input.query);
      const base = dashboardPath(orgId, waveId);
      const query = new URLSearchParams(context.input.query).toString();
      const links = {
        self: base,
        json: `${base}.json${query ? `?${query}` : ''}`,
        pdf: `${base}.pdf${query ? `?${query}` : ''}`,
        whole: base,
        units: dashboard.participation.map((unit) => ({ id: unit.id, label: unit.label, href: `${base}?unit=${unit.id}` })),
        roles: dashboard.roleGroups.map((role) => ({ ...role, href: `${base}?role=${role.id}` })),
      };
      const canHideComments = holdsRole(actingStaff(context), orgId, 'manager');
      res.set(privatePage).render('dashboards/wave', presentDashboard(dashboard, links, canHideComments));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/dashboard.json', access: readers, input: DashboardInput,
    async handler({ input, db }, res) {
      res.set(privatePage).json(await loadDashboard(db, input.params.orgId, input.params.waveId, input.query));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/dashboard.pdf', access: readers, input: DashboardInput,
    async handler({ input, db }, res) {
      const { orgId, waveId } = input.params;
      const dashboard = await loadDashboard(db, orgId, waveId, input.query);
      const organization = await getOrganization(db, orgId);
      const pdf = await renderDashboardPdf(presentReport(dashboard), { organizationName: organization.name, generatedOn: new Date().toISOString().slice(0, 10) });
      res.set({ ...privatePage, 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${dashboardPdfFileName(dashboard.wave.name)}"` }).send(pdf);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/comments/hide', access: orgRole('manager'), input: HideCommentInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await hideComment(context.db, actingStaff(context), orgId, waveId, context.input.body.comment);
      res.redirect(303, dashboardPath(orgId, waveId));
    },
  }),
];
