import fs from 'node:fs/promises';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility, signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import { readPdfText } from '../support/pdf.js';
import type { TestServer } from '../support/server.js';

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Answers the one required question, then pages through to the end as a respondent would. */
async function answerSurvey(page: Page): Promise<void> {
  await page.locator('[data-name="role_group"] label:has(input[type="radio"])').first().click();
  for (;;) {
    const complete = page.getByRole('button', { name: 'Complete' });
    if (await complete.isVisible()) {
      await complete.click();
      return;
    }
    await page.getByRole('button', { name: 'Next' }).click();
  }
}

describe('journey: a platform admin sets up PeerClimate and a manager runs an invitation wave', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('from first-run setup to a printed card whose browser-made token answers once, sent where the card code never goes', async () => {
    const staff = await browser.newContext({ acceptDownloads: true });
    const page = await staff.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // First run: the printed one-time link creates the platform admin.
    const setupUrl = /(http:\/\/\S+\/setup\/\S+)/.exec(server.printed.join(''))?.[1] ?? '';
    await page.goto(setupUrl);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByLabel('Your email address').fill('admin@example.org');
    await page.getByLabel('Choose a password').fill('admin passphrase 1');
    await page.getByLabel('Type the password again').fill('admin passphrase 1');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.waitForURL(/\/login\?notice=setup_done$/);
    expect(await page.locator('.notice').textContent()).to.include('Setup is complete');
    expect(await checkAccessibility(page)).to.deep.equal([]);

    // The admin signs in, creates an organization and makes a manager, who gets a one-time link.
    await signInThroughLoginPage(page, server.url, { email: 'admin@example.org', password: 'admin passphrase 1' });
    await page.getByRole('link', { name: 'Platform admin' }).click();
    await page.getByLabel('Name').fill('Riverside Peer Services');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Email address').fill('manager@example.org');
    await page.getByLabel('Role', { exact: true }).selectOption('manager');
    await page.getByRole('button', { name: 'Grant role' }).click();
    const setPasswordLink = (await page.locator('#one-time-link').textContent()) ?? '';
    expect(setPasswordLink).to.match(/\/password\/[A-Za-z0-9_-]{22}$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\?notice=signed_out$/);

    await page.goto(setPasswordLink);
    await page.getByLabel('Password (at least 12 characters)').fill('manager passphrase');
    await page.getByLabel('Type the password again').fill('manager passphrase');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(/notice=password_set$/);

    // The manager signs in, adds units (a duplicate is refused with a clear message) and creates a wave.
    await signInThroughLoginPage(page, server.url, { email: 'manager@example.org', password: 'manager passphrase' });
    await page.getByRole('link', { name: 'Riverside Peer Services' }).click();
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByRole('link', { name: 'Units' }).click();
    for (const name of ['North Clinic', 'South Clinic', 'North Clinic']) {
      await page.getByLabel('Unit name').fill(name);
      await page.getByRole('button', { name: 'Add unit' }).click();
    }
    // The refusal is shown once, beside the field of the form that was sent, with what was typed kept.
    expect(await page.locator('#new-unit-name-error').textContent()).to.equal('Error: there is already a unit called "North Clinic"');
    expect(await page.getByText('there is already a unit called').count()).to.equal(1);
    expect(await page.getByLabel('Unit name').inputValue()).to.equal('North Clinic');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByRole('link', { name: 'Riverside Peer Services' }).click();
    await page.getByRole('link', { name: 'New survey wave' }).click();
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByLabel('Name', { exact: true }).fill('Spring peer staff survey');
    await page.getByLabel(/Personal invitations/).check();
    await page.getByLabel('Close date').fill(dayOffset(14));
    await page.getByRole('button', { name: 'Create wave' }).click();
    await page.waitForURL(/\/waves\/[0-9a-f-]{36}$/);
    expect(await page.locator('#wave-status').textContent()).to.equal('Draft: not open yet');
    await page.getByRole('button', { name: 'Open the wave' }).click();
    expect(await page.locator('#wave-status').textContent()).to.equal(`Open until ${dayOffset(14)}`);
    expect(await checkAccessibility(page)).to.deep.equal([]);

    // Two printed cards for North Clinic, downloaded as a PDF.
    await page.getByLabel('Cards for North Clinic').fill('2');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Make the PDF of cards' }).click()]);
    expect(download.suggestedFilename()).to.equal('cards-spring-peer-staff-survey.pdf');
    const cardText = await readPdfText(await fs.readFile(await download.path()));
    const codes = [...cardText.matchAll(/\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/g)].map((match) => match[1] ?? '');
    expect(codes).to.have.length(2);

    // A respondent (no staff cookies) types a card's code; the browser makes its blind-signed token and answers.
    const respondent = await browser.newContext();
    const survey = await respondent.newPage();
    survey.on('pageerror', (error) => problems.push(error.message));
    const sentTo: string[] = [];
    survey.on('request', (request) => {
      if (request.method() === 'POST') sentTo.push(`${request.url()} referer=${request.headers().referer ?? ''}`);
    });
    await survey.goto(`${server.url}/c`);
    expect(await checkAccessibility(survey)).to.deep.equal([]);
    await survey.getByLabel('Card code').fill((codes[0] ?? '').toLowerCase());
    await survey.getByRole('button', { name: 'Open the survey' }).click();
    await survey.locator('.sd-root-modern').waitFor();
    await survey.locator('#token-status', { hasText: 'answer token is ready' }).waitFor();
    expect(await survey.locator('#key-fingerprint').textContent()).to.match(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    expect(await checkAccessibility(survey)).to.deep.equal([]);
    await answerSurvey(survey);
    await survey.waitForURL(/\/s\/thanks\?/);
    const cardCode = (codes[0] ?? '').replace('-', '');
    expect(sentTo).to.have.length(2);
    expect(sentTo[0]).to.include(`/s/${cardCode}/token`);
    expect(sentTo[1]).to.match(/\/s\/token\/[0-9a-f-]{36}\/[0-9a-f-]{36} referer=$/);
    expect(sentTo[1]).not.to.include(cardCode);

    // The same card again: it has made its one token, so the page says so and offers no survey.
    await survey.goto(`${server.url}/s/${cardCode}`);
    await survey.locator('#token-status', { hasText: 'already opened in another browser' }).waitFor();
    expect(await survey.locator('#survey').isHidden()).to.equal(true);
    await respondent.close();

    const [counts] = await server.db.query<{ responses: number; spent: number; cards: number; opened: number }>(
      `SELECT (SELECT count(*)::int FROM responses) AS responses, (SELECT count(*)::int FROM spent_tokens) AS spent,
              (SELECT count(*)::int FROM personal_invitations) AS cards, (SELECT count(blinded_hash)::int FROM personal_invitations) AS opened`,
    );
    expect(counts).to.deep.equal({ responses: 1, spent: 1, cards: 2, opened: 1 });
    await page.reload();
    expect(await page.locator('main').textContent()).to.match(/North Clinic\s*fewer than \d so far\s*2\s*fewer than \d/);
    expect(problems).to.deep.equal([]);

    const log = server.logs.join('\n');
    for (const secret of ['admin passphrase 1', 'manager passphrase', 'manager@example.org', setupUrl.split('/').pop() ?? '', ...codes, ...codes.map((code) => code.replace('-', ''))]) {
      expect(log, secret).not.to.include(secret);
    }
    await staff.close();
  });
});
