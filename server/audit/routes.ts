import { orgRole, platformAdmin } from '../http/access.js';
import { defineRoute, NoInput, privatePage } from '../http/route.js';
import { OrganizationInput } from '../organizations/schema.js';
import { getOrganization } from '../organizations/service.js';
import { presentAuditLog } from './present.js';
import { listAuditEvents } from './service.js';


export const auditRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/audit', access: orgRole('manager'), input: OrganizationInput,
    async handler({ input, db }, res) {
      const organization = await getOrganization(db, input.params.orgId);
      res.set(privatePage).render('audit/log', { ...presentAuditLog(`Audit log: ${organization.name}`, await listAuditEvents(db, organization.id), false), organization });
    },
  }),
  defineRoute({
    method: 'get', path: '/admin/audit', access: platformAdmin, input: NoInput,
    async handler({ db }, res) {
      res.set(privatePage).render('audit/log', { ...presentAuditLog('Audit log: all organizations', await listAuditEvents(db, null), true), organization: undefined });
    },
  }),
];
