import { orgRole } from '../../http/access.js';
import { actingStaff, defineRoute, privatePage } from '../../http/route.js';
import { CommentActionInput, HiddenCommentInput } from './schema.js';
import { hideComment, readComment, unhideComment } from './service.js';

const managers = orgRole('manager');
const wavePath = (orgId: string, waveId: string): string => `/orgs/${orgId}/waves/${waveId}`;

/** Hiding a comment: a confirm page, the hiding, a page that says it is done and offers the undo. */
export const commentRoutes = [
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/comments/hide/confirm', access: managers, input: CommentActionInput,
    async handler({ input, db }, res) {
      const { orgId, waveId } = input.params;
      const comment = await readComment(db, orgId, waveId, input.body.comment);
      res.set(privatePage).render('dashboards/hide-comment', { title: 'Hide this comment?', comment, step: 'confirm', base: wavePath(orgId, waveId) });
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/comments/hide', access: managers, input: CommentActionInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await hideComment(context.db, actingStaff(context), orgId, waveId, context.input.body.comment);
      // The handle in the address is sealed and opens only on this server; URLs are never logged.
      res.redirect(303, `${wavePath(orgId, waveId)}/comments/hidden?comment=${encodeURIComponent(context.input.body.comment)}`);
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/comments/hidden', access: managers, input: HiddenCommentInput,
    async handler({ input, db }, res) {
      const { orgId, waveId } = input.params;
      const comment = await readComment(db, orgId, waveId, input.query.comment ?? '');
      res.set(privatePage).render('dashboards/hide-comment', { title: comment.isHidden ? 'Comment hidden' : 'Comment shown', comment, step: 'done', base: wavePath(orgId, waveId) });
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/comments/unhide', access: managers, input: CommentActionInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await unhideComment(context.db, actingStaff(context), orgId, waveId, context.input.body.comment);
      res.redirect(303, `${wavePath(orgId, waveId)}/comments/hidden?comment=${encodeURIComponent(context.input.body.comment)}`);
    },
  }),
];
