import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A comment on a dashboard is named by a handle, sealed afresh (random nonce) every time it is
 * shown: the same comment reads differently in every view and in no other surface, so handles
 * cannot be matched across lists or with any download, and they sort like nothing. Only a
 * server holding the key can open one, to hide that comment. AES-256-GCM: a forged or altered
 * handle does not open.
 */
export type CommentRef = { responseId: string; question: string };

const nonceBytes = 12;
const tagBytes = 16;

export function sealCommentHandle(key: Buffer, comment: CommentRef): string {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(JSON.stringify([comment.responseId, comment.question]), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The comment a handle names, or undefined when it was not sealed with this key or was altered. */
export function openCommentHandle(key: Buffer, handle: string): CommentRef | undefined {
  const bytes = Buffer.from(handle, 'base64url');
  if (bytes.length <= nonceBytes + tagBytes) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, nonceBytes));
    decipher.setAuthTag(bytes.subarray(nonceBytes, nonceBytes + tagBytes));
    const text = Buffer.concat([decipher.update(bytes.subarray(nonceBytes + tagBytes)), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') return undefined;
    return { responseId: parsed[0], question: parsed[1] };
  } catch {
    return undefined;
  }
}
