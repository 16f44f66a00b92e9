import { z } from 'zod';

const WaveParams = z.object({ orgId: z.uuid(), waveId: z.uuid() });
const Handle = z.string().min(1).max(500);

export const CommentActionInput = z.object({ params: WaveParams, body: z.object({ comment: Handle }) });
// Optional so that another organization's wave answers "not found" before the handle is read.
export const HiddenCommentInput = z.object({ params: WaveParams, query: z.strictObject({ comment: Handle.optional() }) });
