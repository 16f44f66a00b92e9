import { orgRole } from '../../http/access.js';
import { publicBaseUrl } from '../../http/links.js';
import { actingStaff, defineRoute } from '../../http/route.js';
import { IssueInvitationsInput } from '../schema.js';
import { formatInvitationCsv, invitationFileName } from './invitation-csv.js';
import { issueInvitations, toInvitationLines } from './service.js';

export const invitationRoutes = [
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/invitations', access: orgRole('manager'), input: IssueInvitationsInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      const issued = await issueInvitations(context.db, actingStaff(context), orgId, waveId, context.input.body);
      const csv = formatInvitationCsv(issued.waveName, toInvitationLines(issued, publicBaseUrl(context.req, context.deps.config)));
      // The tokens exist only in this download: it must not be cached anywhere on the way.
      res.set({ 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${invitationFileName(issued.waveName)}"` })
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  }),
];
