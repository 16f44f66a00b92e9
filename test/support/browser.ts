import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { skipTier } from './tiers.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Debian's Chromium, run as root on a machine with no outside network.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** Launches Debian's Chromium, or skips the browser tier by name when it is not installed. */
export async function launchBrowser(context: Mocha.Context): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) skipTier(context, 'browser', `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}
