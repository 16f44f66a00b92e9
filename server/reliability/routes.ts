import { orgRole } from '../http/access.js';
import { actingStaff, defineRoute, privatePage } from '../http/route.js';
import { getOrganization } from '../organizations/service.js';
import { presentReliabilityCsv, presentReliabilityPage } from './present.js';
import { ReliabilityCsvInput, ReliabilityPageInput } from './schema.js';
import { loadReliability, recordReliabilityDownload } from './service.js';

// The same readers as the dashboard: every figure is a statistic of a group the dashboard may show.
const readers = orgRole('manager', 'researcher');

export const reliabilityRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/reliability', access: readers, input: ReliabilityPageInput,
    async handler({ input, db, t, language }, res) {
      const { orgId, waveId } = input.params;
      const result = await loadReliability(db, orgId, waveId);
      const organization = await getOrganization(db, orgId);
      const base = `/orgs/${orgId}/waves/${waveId}`;
      res.set(privatePage).render('reliability/wave', presentReliabilityPage(result, {
        organizationName: organization.name, organization: `/orgs/${orgId}`, dashboard: `${base}/dashboard`, exports: `/orgs/${orgId}/exports`, csv: `${base}/reliability.csv`,
      }, t, language));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/reliability.csv', access: readers, input: ReliabilityCsvInput,
    async handler(context, res) {
      const { params, flavour } = context.input;
      const result = await loadReliability(context.db, params.orgId, params.waveId);
      await recordReliabilityDownload(context.db, actingStaff(context), params.orgId, result.wave, flavour === 'spreadsheet');
      const file = presentReliabilityCsv(result, flavour);
      res.attachment(file.fileName).set(privatePage).set('Content-Type', 'text/csv; charset=utf-8').send(file.body);
    },
  }),
];
