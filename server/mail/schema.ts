import { z } from 'zod';

/**
 * Outbox files are named by the server: the send time (UTC, to the millisecond) and 16 random
 * hex digits. Anything else is refused before a path is built from it, so no name can leave the
 * outbox folder or open a file the server did not write there.
 */
export const outboxFilePattern = /^\d{8}T\d{9}Z-[0-9a-f]{16}\.eml$/;

export const OutboxMessageInput = z.object({
  params: z.object({ messageFile: z.string().max(64).regex(outboxFilePattern, 'must be the name of a message in the outbox') }),
});
