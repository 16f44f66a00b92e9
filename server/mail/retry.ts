/**
 * The retry policy of mail delivery. A failed attempt waits 1 minute, then 2, 4, 8, 16, 32 and
 * 60 (the cap); the 8th failed attempt marks the message failed, about two hours after the first.
 * An SMTP server's permanent refusal (5xx) of the recipient or of the message itself fails it at
 * once: sending again would be refused again. A 5xx at any other step (sign-in, the sender
 * address) is our configuration, which the operator can fix, so it is retried like a 4xx.
 */
export const maxAttempts = 8;
const firstDelaySeconds = 60;
const maxDelaySeconds = 60 * 60;
const maxErrorLength = 300;

export type RetryDecision = { kind: 'retry'; delaySeconds: number } | { kind: 'fail' };

/** After `attempts` attempts (counting the one that just failed, so at least 1), what comes next. */
export function decideRetry(attempts: number, error: unknown): RetryDecision {
  if (attempts >= maxAttempts || isPermanentRefusal(error)) return { kind: 'fail' };
  return { kind: 'retry', delaySeconds: Math.min(firstDelaySeconds * 2 ** (Math.max(attempts, 1) - 1), maxDelaySeconds) };
}

/** nodemailer marks SMTP failures with the server's reply code and the command it answered. */
export function isPermanentRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'responseCode' in error && typeof error.responseCode === 'number' ? error.responseCode : 0;
  const command = 'command' in error && typeof error.command === 'string' ? error.command : '';
  return code >= 500 && code <= 599 && (command === 'RCPT TO' || command === 'DATA');
}

/**
 * The error as shown to managers and kept on the batch: an SMTP reply often quotes the
 * recipient ("550 <ana@example.org>: no such user"), so anything shaped like an address becomes
 * "[address]", and so does any of `known` (the message's own address) however it was quoted.
 */
export function describeSendError(error: unknown, known: readonly string[] = []): string {
  const text = error instanceof Error ? error.message : 'the mail transport failed without a message';
  let scrubbed = text;
  for (const value of known) if (value.length > 0) scrubbed = scrubbed.split(value).join('[address]');
  scrubbed = scrubbed.replace(/[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g, '[address]');
  return scrubbed.length > maxErrorLength ? `${scrubbed.slice(0, maxErrorLength - 1)}…` : scrubbed;
}
