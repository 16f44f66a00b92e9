import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { checkAccessibility, signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail } from '../support/staff.js';
import { seedCards } from '../support/tokens.js';

describe('journey: a personal invitation\'s token in the respondent\'s browser', function () {
  let browser: Browser;
  let server: TestServer;
  let codes: string[];
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });
  before(async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open', minGroupSize: 3, distribution: 'invitation' });
    codes = await seedCards(server.db, wave.waveId, wave.links[0]?.unitId ?? '', 3);
  });

  function countIssuances(page: Page): { count: number } {
    const seen = { count: 0 };
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/token')) seen.count += 1;
    });
    return seen;
  }

  it('keeps the token when the tab is closed: the reopened invitation answers with it and asks for no second one', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const firstIssuances = countIssuances(first);
    await first.goto(`${server.url}/s/${codes[0] ?? ''}`);
    await first.locator('#token-status', { hasText: 'answer token is ready' }).waitFor();
    await first.close();
    const again = await context.newPage();
    const laterIssuances = countIssuances(again);
    await again.goto(`${server.url}/s/${codes[0] ?? ''}`);
    await again.locator('#token-status', { hasText: 'answer token is ready' }).waitFor();
    expect([firstIssuances.count, laterIssuances.count]).to.deep.equal([1, 0]);
    await again.locator('[data-name="role_group"] label:has(input[type="radio"])').first().click();
    for (;;) {
      const complete = again.getByRole('button', { name: 'Complete' });
      if (await complete.isVisible()) break;
      await again.getByRole('button', { name: 'Next' }).click();
    }
    await again.getByRole('button', { name: 'Complete' }).click();
    await again.waitForURL(/\/s\/thanks\?/);
    expect(await again.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith('peerclimate:token:')))).to.deep.equal([]);
    await context.close();
  });

  it('in Spanish, and in a browser without the Web Cryptography API, says plainly why no token can be made and offers no survey', async () => {
    const context = await browser.newContext({ locale: 'es-ES' });
    await context.addInitScript(() => {
      Object.defineProperty(window.crypto, 'subtle', { value: undefined });
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${codes[1] ?? ''}?lang=es`);
    await page.locator('#token-status', { hasText: 'no puede crear la clave de respuesta anónima' }).waitFor();
    expect(await page.locator('#survey').isHidden()).to.equal(true);
    expect(await page.locator('#token-status').getAttribute('role')).to.equal('alert');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    const [opened] = await server.db.query<{ n: number }>('SELECT count(blinded_hash)::int AS n FROM personal_invitations WHERE code_hash IS NOT NULL');
    expect(opened?.n, 'no token was issued').to.equal(1);
    await context.close();
  });
});

describe('journey: a manager invites by e-mail from a CSV file and sends a reminder', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('reads the chosen file into the list, sends, shows the batch and the uploader\'s addresses, and reminds with counts only', async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open', minGroupSize: 3, distribution: 'invitation' });
    const manager = await createAccount(server.db, { email: uniqueEmail('director'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signInThroughLoginPage(page, server.url, manager);
    await page.goto(`${server.url}/orgs/${wave.organizationId}/waves/${wave.waveId}`);
    expect(await checkAccessibility(page)).to.deep.equal([]);

    const addresses = [uniqueEmail('north'), uniqueEmail('south')];
    const csv = `email,unit\n${addresses[0] ?? ''},North Clinic\n${addresses[1] ?? ''},South Clinic,es\n`;
    await page.getByLabel(/Choose a CSV file/).setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForFunction(() => (document.getElementById('addresses') as HTMLTextAreaElement).value.includes('South Clinic'));
    await page.getByRole('button', { name: 'Send the invitations' }).click();
    await page.waitForURL(/#email-invitations$/);
    await page.getByRole('table', { name: 'E-mail sent for this wave' }).waitFor();
    await page.getByText(/Addresses you uploaded \(2\)/).click();
    for (const address of addresses) expect(await page.locator('details').textContent()).to.include(address);
    expect(await checkAccessibility(page)).to.deep.equal([]);

    await page.getByRole('button', { name: 'Add the reminder' }).click();
    await page.waitForURL(/#reminders$/);
    expect(await page.locator('main').textContent()).to.match(/to 2 addresses whose invitation had not been opened/);
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
