import { orgRole } from '../../http/access.js';
import { actingStaff, defineRoute, privatePage } from '../../http/route.js';
import { CommentActionInput, HiddenCommentInput } from './schema.js';
import { hideComment, readComment, unhideComment } from './service.js';

const managers = orgRole('manager');
const wavePath = (orgId: string, waveId: string): string => `/orgs/${orgId}/waves/${waveId}`;

/**
 * Hides or shows again, then sends the manager to the page that says it is done. The handle in
 * that address is sealed and opens only on this server; request logs never hold a URL.
 */
function changeRoute(action: 'hide' | 'unhide', change: typeof hideComment) {
  return defineRoute({
    method: 'post', path: `/orgs/:orgId/waves/:waveId/comments/${action}`, access: managers, input: CommentActionInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await change(context.db, actingStaff(context), orgId, waveId, context.input.body.comment);
      res.redirect(303, `${wavePath(orgId, waveId)}/comments/hidden?comment=${encodeURIComponent(context.input.body.comment)}`);
    },
  });
}

/** Hiding a comment: a confirm page, the hiding, a page that says it is done and offers the undo. */
export const commentRoutes = [
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/comments/hide/confirm', access: managers, input: CommentActionInput,
    async handler({ input, db, t }, res) {
      const { orgId, waveId } = input.params;
      const comment = await readComment(db, orgId, waveId, input.body.comment);
      res.set(privatePage).render('dashboards/hide-comment', { title: t('Hide this comment?'), comment, step: 'confirm', base: wavePath(orgId, waveId) });
    },
  }),
  changeRoute('hide', hideComment),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/comments/hidden', access: managers, input: HiddenCommentInput,
    async handler({ input, db, t }, res) {
      const { orgId, waveId } = input.params;
      const comment = await readComment(db, orgId, waveId, input.query.comment ?? '');
      res.set(privatePage).render('dashboards/hide-comment', { title: comment.isHidden ? t('Comment hidden') : t('Comment shown'), comment, step: 'done', base: wavePath(orgId, waveId) });
    },
  }),
  changeRoute('unhide', unhideComment),
];
