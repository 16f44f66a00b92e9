import { z } from 'zod';

/**
 * Outbox files are named by the server: the send time (UTC, to the millisecond), 16 random hex
 * digits and, for a wave's mail, the wave's id (so the sweep can delete it once the wave closes).
 * Anything else is refused before a path is built from it, so no name can leave the outbox
 * folder or open a file the server did not write there.
 */
export const outboxFilePattern = /^\d{8}T\d{9}Z-[0-9a-f]{16}(?:-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))?\.eml$/;

export const OutboxMessageInput = z.object({
  params: z.object({ messageFile: z.string().max(100).regex(outboxFilePattern, 'must be the name of a message in the outbox') }),
});
