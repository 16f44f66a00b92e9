import { orgRole, platformAdmin } from '../http/access.js';
import { defineRoute, NoInput, privatePage } from '../http/route.js';
import { OrganizationInput } from '../organizations/schema.js';
import { getOrganization } from '../organizations/service.js';
import { presentAuditLog } from './present.js';
import { listAuditEvents } from './service.js';


export const auditRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/audit', access: orgRole('manager'), input: OrganizationInput,
    async handler({ input, db, t }, res) {
      const organization = await getOrganization(db, input.params.orgId);
      const title = t('Audit log: {organization}', { organization: organization.name });
      res.set(privatePage).render('audit/log', { ...presentAuditLog(t, title, await listAuditEvents(db, organization.id), false), organization });
    },
  }),
  defineRoute({
    method: 'get', path: '/admin/audit', access: platformAdmin, input: NoInput,
    async handler({ db, t }, res) {
      res.set(privatePage).render('audit/log', { ...presentAuditLog(t, t('Audit log: all organizations'), await listAuditEvents(db, null), true), organization: undefined });
    },
  }),
];
