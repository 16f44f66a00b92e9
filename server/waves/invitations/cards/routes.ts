import { orgRole } from '../../../http/access.js';
import { publicBaseUrl } from '../../../http/links.js';
import { actingStaff, defineRoute } from '../../../http/route.js';
import { fileStemOf } from '../../../exports/files.js';
import { UnitCountsInput } from '../../schema.js';
import { renderCardSheet } from './card-pdf.js';
import { printCards } from './service.js';

export const cardRoutes = [
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/cards', access: orgRole('manager'), input: UnitCountsInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      const printed = await printCards(context.db, actingStaff(context), orgId, waveId, context.input.body);
      const pdf = await renderCardSheet({ ...printed, entryUrl: `${publicBaseUrl(context.req, context.deps.config)}/c` });
      // The codes exist only in this file: it must not be cached anywhere on the way.
      res.set({ 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="cards-${fileStemOf(printed.waveName)}.pdf"` })
        .type('application/pdf')
        .send(pdf);
    },
  }),
];
