import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { checkAccessibility, signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail } from '../support/staff.js';

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether the page scrolls sideways: content wider than the window is cut off or needs scrolling. */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe('journey: a program director runs units, a draft wave, colleagues and their own instrument', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('archives a unit, corrects a headcount inline, edits and deletes drafts, confirms a close, invites a colleague and publishes an instrument', async () => {
    const built = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft', unitNames: ['North Clinic', 'South Clinic', 'West Team'] });
    const orgId = built.organizationId;
    const manager = await createAccount(server.db, { email: uniqueEmail('director'), memberships: [{ organizationId: orgId, role: 'manager' }] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signInThroughLoginPage(page, server.url, manager);
    await page.goto(`${server.url}/orgs/${orgId}`);

    // Units: a bad headcount is shown beside its field; a good one is kept; a unit is archived.
    await page.getByRole('link', { name: 'Units' }).click();
    await page.getByLabel('Headcount of North Clinic').fill('many');
    await page.getByRole('button', { name: 'Save headcount of North Clinic' }).click();
    expect(await page.locator('#headcount-0-error').textContent()).to.equal('Error: must be a whole number');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByLabel('Headcount of North Clinic').fill('12');
    await page.getByRole('button', { name: 'Save headcount of North Clinic' }).click();
    expect(await page.getByRole('status').textContent()).to.equal('The headcount was saved.');
    await page.getByRole('button', { name: 'Archive West Team' }).click();
    expect(await page.getByRole('button', { name: 'Restore West Team' }).count()).to.equal(1);
    expect(await checkAccessibility(page)).to.deep.equal([]);

    // A new wave at 1280 px: current instrument versions only, no sideways scrolling, the archived unit not offered.
    await page.goto(`${server.url}/orgs/${orgId}/waves/new`);
    expect(await overflowsSideways(page)).to.equal(false);
    expect(await page.getByText('version 1 ·').count()).to.equal(0);
    expect(await page.getByLabel('West Team').count()).to.equal(0);
    await page.getByLabel('Name', { exact: true }).fill('Autumn survey');
    await page.getByLabel('South Clinic').uncheck();
    await page.getByLabel('Close date').fill(dayOffset(10));
    await page.getByRole('button', { name: 'Create wave' }).click();
    await page.waitForURL(/\/waves\/[0-9a-f-]{36}$/);
    expect(await page.locator('#wave-total').textContent()).to.equal('No responses yet');
    expect(await page.locator('main').textContent()).not.to.include('South Clinic');
    expect(await checkAccessibility(page)).to.deep.equal([]);

    // Edit the draft, then open it and close it through the confirmation page.
    await page.getByRole('link', { name: 'Edit name, dates and units' }).click();
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByLabel('Name').fill('Autumn peer survey');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Autumn peer survey');
    await page.getByRole('button', { name: 'Open the wave' }).click();
    await page.getByRole('link', { name: 'Close the wave…' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Close Autumn peer survey?');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Close the wave' }).click();
    expect(await page.locator('#wave-status').textContent()).to.equal('Closed');
    expect(await page.locator('main').textContent()).not.to.include('results appear when the wave closes');

    // The first draft is deleted after its confirmation page.
    await page.goto(`${server.url}/orgs/${orgId}/waves/${built.waveId}`);
    await page.getByRole('link', { name: 'Delete this draft' }).click();
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Delete the draft' }).click();
    await page.waitForURL(`${server.url}/orgs/${orgId}`);
    expect(await page.locator('main').textContent()).to.include('Autumn peer survey');

    // A colleague is invited as researcher and gets a one-time link.
    await page.getByRole('link', { name: 'Colleagues' }).click();
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByLabel('E-mail address').fill('evaluator@example.org');
    await page.getByLabel('Researcher').check();
    await page.getByRole('button', { name: 'Invite' }).click();
    expect(await page.locator('#one-time-link').textContent()).to.match(/\/password\/[A-Za-z0-9_-]{22}$/);
    await page.getByRole('link', { name: 'Back to colleagues' }).click();
    expect(await page.locator('main').textContent()).to.include('evaluator@example.org');

    // Their own instrument: chosen as a file, checked, previewed as a respondent sees it, published.
    const json = JSON.parse(await fs.readFile('surveys/supervisor-clinical-climate.v2.json', 'utf8')) as Record<string, unknown>;
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'instrument-')), 'riverside.json');
    await fs.writeFile(file, JSON.stringify({ ...json, key: 'riverside-supervisors', version: 1 }));
    await page.goto(`${server.url}/orgs/${orgId}/instruments`);
    await page.getByLabel('Choose the JSON file').setInputFiles(file);
    await page.waitForFunction(() => (document.getElementById('instrument-definition') as HTMLTextAreaElement).value.length > 0);
    await page.getByRole('button', { name: 'Check the file' }).click();
    expect(await page.locator('#report-title').textContent()).to.equal('The file is valid');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    const [preview] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: /Preview as a respondent/ }).click()]);
    await preview.locator('.sd-root-modern').waitFor();
    expect(await preview.locator('#preview-notice').textContent()).to.include('not sent or stored');
    expect(await preview.locator('.promise').textContent()).to.include('5');
    await preview.close();
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    expect(await page.getByRole('status').textContent()).to.include('The instrument was published');
    expect(await page.locator('main table').first().textContent()).to.include('riverside-supervisors');

    // Help, linked from every staff page.
    await page.getByRole('link', { name: 'Help' }).click();
    expect(await page.locator('h1').textContent()).to.equal('How anonymity works and how to run a wave');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await context.close();

    // Signed out: the sign-in page leads to how to get a new password.
    const guest = await browser.newPage();
    await guest.goto(`${server.url}/login`);
    await guest.getByRole('link', { name: 'Forgot your password?' }).click();
    expect(await guest.locator('h1').textContent()).to.equal('Forgot your password?');
    expect(await checkAccessibility(guest)).to.deep.equal([]);
    await guest.close();
  });
});
