import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';

function isClientGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * Sends a body made of chunks with back-pressure: the next chunk is pulled from the source only
 * when the socket has taken the last, so a large export holds one chunk at a time. When the
 * source fails after the first byte, the response is destroyed (a chunked transfer without its
 * end, which every client reports as broken, never a short file that looks complete) and the
 * error goes on to the error handler. A client that goes away just stops the source.
 */
export async function streamChunks(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  try {
    await pipeline(Readable.from(chunks), res);
  } catch (error) {
    if (isClientGone(error)) return;
    throw error;
  }
}
