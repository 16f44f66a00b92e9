import { holdsRole } from '../accounts/roles.js';
import { orgRole } from '../http/access.js';
import { actingStaff, defineRoute, privatePage } from '../http/route.js';
import { getOrganization } from '../organizations/service.js';
import { dashboardPdfFileName, renderDashboardPdf } from './pdf.js';
import { presentDashboard, presentReport } from './present.js';
import { DashboardInput } from './schema.js';
import { loadDashboard } from './service.js';

const readers = orgRole('manager', 'researcher');

export const dashboardRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/dashboard', access: readers, input: DashboardInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      const dashboard = await loadDashboard(context.db, orgId, waveId, context.input.query, context);
      const organization = await getOrganization(context.db, orgId);
      const isManager = holdsRole(actingStaff(context), orgId, 'manager');
      res.set(privatePage).render('dashboards/wave', presentDashboard(dashboard, { orgId, organizationName: organization.name, query: context.input.query, isManager }, context.t));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/dashboard.json', access: readers, input: DashboardInput,
    async handler({ input, db, language, t }, res) {
      // The page's charts read this, so their names are in the reader's language too.
      res.set(privatePage).json(await loadDashboard(db, input.params.orgId, input.params.waveId, input.query, { language, t }));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/dashboard.pdf', access: readers, input: DashboardInput,
    async handler({ input, db, language, t }, res) {
      const { orgId, waveId } = input.params;
      // In the language of the staff member who downloads it, like the page they read.
      const dashboard = await loadDashboard(db, orgId, waveId, input.query, { language, t });
      const organization = await getOrganization(db, orgId);
      const pdf = await renderDashboardPdf(presentReport(dashboard, t), { organizationName: organization.name, generatedOn: new Date().toISOString().slice(0, 10), language, t });
      res.set({ ...privatePage, 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${dashboardPdfFileName(dashboard.wave.name)}"` }).send(pdf);
    },
  }),
];
