import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Tiers that need something outside Node (PostgreSQL, Chromium) skip by name when it is
 * absent, and fail instead when REQUIRE_ALL_TIERS=1 (set by .ci/run).
 */
export const isEveryTierRequired = process.env.REQUIRE_ALL_TIERS === '1';

const announced = new Set<string>();

export function skipTier(context: Mocha.Context, tier: string, reason: string): void {
  if (isEveryTierRequired) throw new Error(`The ${tier} tier cannot run (${reason}), and REQUIRE_ALL_TIERS=1 forbids skipping it.`);
  if (!announced.has(tier)) {
    announced.add(tier);
    process.stdout.write(`\n  SKIPPED TIER ${tier}: ${reason}\n`);
  }
  context.skip();
}

/** Whether a command is on PATH, for tiers that run an outside tool. */
export async function hasCommand(name: string): Promise<boolean> {
  return promisify(execFile)('sh', ['-c', `command -v ${name}`]).then(() => true, () => false);
}
