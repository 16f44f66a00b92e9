import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './server.js';
import { skipTier } from './tiers.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Debian's Chromium, run as root on a machine with no outside network.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** Launches Debian's Chromium, or skips the browser tier by name when it is not installed. */
export async function launchBrowser(context: Mocha.Context): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) skipTier(context, 'browser', `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

const require = createRequire(import.meta.url);

/** axe-core's WCAG 2 A and AA violations on the page, as "rule (node count)". */
export async function checkAccessibility(page: Page): Promise<string[]> {
  await page.evaluate(await fs.promises.readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const results = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return results.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}

/** Signs in through the real /login page, as a person would, and waits for the home page. */
export async function signInThroughLoginPage(page: Page, url: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
}

/**
 * Registers hooks that launch Chromium and start a PGlite server before a journey suite and
 * close both after (the browser tier skips by name without Chromium).
 */
export function useBrowserJourney(onStart: (browser: Browser, server: TestServer) => void): void {
  const started: Array<() => Promise<void>> = [];
  before(async function () {
    const browser = await launchBrowser(this);
    started.push(() => browser.close());
    const server = await startTestServer('pglite');
    started.push(() => server.stop());
    onStart(browser, server);
  });
  after(async () => {
    for (const stop of started.reverse()) await stop();
  });
}
