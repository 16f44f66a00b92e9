import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { checkAccessibility, signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail } from '../support/staff.js';

describe('journey: a forgotten password is reset by e-mail, and a platform admin reads the outbox', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('asks for the address, says a link was sent, and the admin sees the message with its HTML in a sandboxed frame', async () => {
    const person = await createAccount(server.db, { email: uniqueEmail('forgetful') });
    const admin = await createAccount(server.db, { email: uniqueEmail('admin'), isPlatformAdmin: true });
    const problems: string[] = [];

    const guest = await browser.newPage();
    guest.on('pageerror', (error) => problems.push(error.message));
    await guest.goto(`${server.url}/login`);
    await guest.getByRole('link', { name: 'Forgot your password?' }).click();
    expect(await checkAccessibility(guest)).to.deep.equal([]);
    await guest.getByLabel('Email address').fill(person.email);
    await guest.getByRole('button', { name: 'Send me a link' }).click();
    expect(await guest.getByRole('status').textContent()).to.include('If an account exists for that address');
    expect(await checkAccessibility(guest)).to.deep.equal([]);
    await guest.close();

    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused/i.test(message.text())) blocked.push(message.text());
    });
    await signInThroughLoginPage(page, server.url, admin);
    await page.getByRole('link', { name: 'Platform admin' }).click();
    await page.getByRole('link', { name: 'Outbox' }).click();
    const subject = page.getByRole('link', { name: 'Reset your PeerClimate password' });
    for (let tries = 0; tries < 50 && (await subject.count()) === 0; tries += 1) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    expect(await page.locator('main').textContent()).to.include('No SMTP server is configured').and.include(person.email);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await subject.click();
    expect(await page.locator('h1').textContent()).to.equal('Reset your PeerClimate password');
    expect(await page.locator('pre.mail-text').first().textContent()).to.include('/password/');
    const frame = page.frameLocator('iframe.mail-html');
    expect(await frame.getByRole('link').first().textContent()).to.match(/\/password\/[A-Za-z0-9_-]+$/);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    expect(blocked).to.deep.equal([]);
    await page.close();
  });
});
