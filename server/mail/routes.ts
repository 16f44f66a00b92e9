import { platformAdmin } from '../http/access.js';
import { defineRoute, NoInput, privatePage } from '../http/route.js';
import { outboxListLimit, listOutbox, readOutboxMessage } from './outbox/service.js';
import { presentOutbox, presentOutboxMessage } from './present.js';
import { OutboxMessageInput } from './schema.js';

/**
 * The outbox is for platform admins only: a reminder's recipients are exactly the people who
 * have not opened their invitation, which managers must never learn.
 */
export const mailRoutes = [
  defineRoute({
    method: 'get', path: '/admin/outbox', access: platformAdmin, input: NoInput,
    async handler({ deps }, res) {
      const entries = await listOutbox(deps.config.outboxDir);
      res.set(privatePage).render('mail/outbox', presentOutbox(entries, deps.config.smtpUrl !== undefined, outboxListLimit));
    },
  }),
  defineRoute({
    method: 'get', path: '/admin/outbox/:messageFile', access: platformAdmin, input: OutboxMessageInput,
    async handler({ input, deps, t }, res) {
      const message = await readOutboxMessage(deps.config.outboxDir, input.params.messageFile);
      res.set(privatePage).render('mail/message', presentOutboxMessage(t, message));
    },
  }),
];
