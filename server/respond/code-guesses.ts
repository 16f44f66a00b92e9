import { createHash, randomBytes } from 'node:crypto';

/**
 * Limits guessing of survey codes (a printed card's code has 50 bits): a network address that
 * tries more than `maxMisses` codes that do not exist within `windowMs` is refused until its
 * window ends. Addresses are kept only in this process's memory, salted and hashed, and never
 * logged; each process of a fleet counts its own misses, which multiplies the allowance by the
 * number of processes and leaves a guess at any one card code hopeless all the same.
 */
export type GuessLimiter = { isBlocked(client: string, now: number): boolean; recordMiss(client: string, now: number): void };

const maxTrackedClients = 50_000;

export function createGuessLimiter(maxMisses: number, windowMs: number): GuessLimiter {
  const salt = randomBytes(16);
  const windows = new Map<string, { startedAt: number; misses: number }>();
  const keyOf = (client: string): string => createHash('sha256').update(salt).update(client).digest('base64url');
  const current = (key: string, now: number) => {
    const window = windows.get(key);
    return window && now - window.startedAt < windowMs ? window : undefined;
  };
  return {
    isBlocked(client, now) {
      return (current(keyOf(client), now)?.misses ?? 0) >= maxMisses;
    },
    recordMiss(client, now) {
      const key = keyOf(client);
      const window = current(key, now) ?? { startedAt: now, misses: 0 };
      window.misses += 1;
      if (windows.size >= maxTrackedClients) {
        for (const [other, kept] of windows) if (now - kept.startedAt >= windowMs) windows.delete(other);
      }
      windows.set(key, window);
    },
  };
}
