import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../http/errors.js';
import { outboxFilePattern } from '../schema.js';
import { type ReadMessage, readMessage } from './mime.js';

export type OutboxEntry = { fileName: string; sentAt: Date; to: string; subject: string };

/** The listing shows this many of the newest messages. */
export const outboxListLimit = 200;

function timeOfFileName(fileName: string): Date {
  const [, y, mo, d, h, mi, s, ms] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(fileName) ?? [];
  return new Date(`${y ?? '1970'}-${mo ?? '01'}-${d ?? '01'}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}.${ms ?? '000'}Z`);
}

/**
 * Writes one message under a temporary name, then renames it, so the listing never reads a
 * half-written file. The name starts with the time, so names sort by time.
 */
export async function writeOutboxFile(dir: string, raw: Buffer): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const fileName = `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(8).toString('hex')}.eml`;
  const temporary = path.join(dir, `.${fileName}.tmp`);
  await fs.writeFile(temporary, raw, { flag: 'wx', mode: 0o600 });
  await fs.rename(temporary, path.join(dir, fileName));
  return fileName;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

async function readOutboxFile(dir: string, fileName: string): Promise<ReadMessage> {
  if (!outboxFilePattern.test(fileName)) throw new AppError('not_found', 'There is no such message in the outbox.');
  try {
    return readMessage(await fs.readFile(path.join(dir, fileName), 'latin1'));
  } catch (error) {
    throw isMissingFile(error) ? new AppError('not_found', 'There is no such message in the outbox.') : error;
  }
}

/** The newest messages first; an outbox folder that does not exist yet is empty. */
export async function listOutbox(dir: string): Promise<OutboxEntry[]> {
  const names = await fs.readdir(dir).catch((error: unknown) => {
    if (isMissingFile(error)) return [];
    throw error;
  });
  const newest = names.filter((name) => outboxFilePattern.test(name)).sort().reverse().slice(0, outboxListLimit);
  const entries: OutboxEntry[] = [];
  for (const fileName of newest) {
    const message = await readOutboxFile(dir, fileName).catch(() => undefined);
    if (message) entries.push({ fileName, sentAt: timeOfFileName(fileName), to: message.to, subject: message.subject });
  }
  return entries;
}

export async function readOutboxMessage(dir: string, fileName: string): Promise<ReadMessage & { fileName: string; sentAt: Date }> {
  return { ...(await readOutboxFile(dir, fileName)), fileName, sentAt: timeOfFileName(fileName) };
}
