import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { addWave, seedUnits } from '../support/dashboards.js';
import type { TestServer } from '../support/server.js';
import { createAccount, type TestAccount, uniqueEmail } from '../support/staff.js';

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

describe('journey: a manager reads, searches and tidies a dashboard on a 390 px phone', function () {
  let browser: Browser;
  let server: TestServer;
  let manager: TestAccount;
  let organizationId: string;
  let dashboardUrl: string;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  before(async () => {
    const peer = instrumentByKey(server.published, 'peer-staff-climate');
    const wave = await buildWave(server.db, peer, { status: 'closed', unitNames: ['North Community Mental Health Clinic', 'South Recovery and Peer Support Centre', 'East Clinic'] });
    organizationId = wave.organizationId;
    const unitIds = new Map(wave.links.map((link) => [link.unitName, link.unitId]));
    const sizes = { 'North Community Mental Health Clinic': 24, 'South Recovery and Peer Support Centre': 20, 'East Clinic': 16 };
    await seedUnits(server, wave.waveId, peer, unitIds, sizes, { peer_staff: 1 }, 7);
    const current = await addWave(server, organizationId, peer, 'Spring 2027 peer staff climate survey', 'closed');
    await seedUnits(server, current, peer, unitIds, sizes, { peer_staff: 1 }, 8);
    dashboardUrl = `${server.url}/orgs/${organizationId}/waves/${current}/dashboard`;
    manager = await createAccount(server.db, { email: uniqueEmail('phone-manager'), memberships: [{ organizationId, role: 'manager' }] });
  });

  async function openPhone(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    await signInThroughLoginPage(page, server.url, manager);
    return { context, page, problems };
  }

  it('fits the phone without sideways scrolling, draws the trend, leads back by breadcrumbs, and passes axe', async () => {
    const { context, page, problems } = await openPhone();
    await page.goto(dashboardUrl);
    await page.locator('body[data-charts-drawn="true"]').waitFor({ timeout: 15_000 });
    expect(await sidewaysOverflow(page)).to.be.at.most(0);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).to.be.at.most(390);
    expect(await page.locator('#chart-trend').count()).to.equal(1);
    expect(await page.locator('#trend-table thead th').allTextContents()).to.have.length(3);
    expect(await page.locator('#favorable-definition').textContent()).to.match(/share of answers/);
    expect(await page.locator('#ranked-actions > li').count()).to.be.within(1, 3);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Spring 2027 peer staff climate survey' }).click();
    await page.waitForURL(/\/waves\/[^/]+$/);
    await page.goBack();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/orgs/${organizationId}$`));
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('searches the comments and narrows them to a theme, on the server, still without sideways scrolling', async () => {
    const { context, page } = await openPhone();
    await page.goto(dashboardUrl);
    await page.getByLabel('Search the comments').fill('workload');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=workload/);
    const listed = await page.locator('#comments > li > p').allTextContents();
    expect(listed.length).to.be.greaterThan(0);
    expect(listed.every((text) => /workload/i.test(text))).to.equal(true);
    expect(await page.locator('#comment-matches').textContent()).to.match(/(\d+ comments?|fewer than 5 comments) match “workload”/);
    await page.getByRole('navigation', { name: 'Comment themes' }).getByRole('link', { name: 'Pay, workload and well-being' }).click();
    await page.waitForURL(/theme=job_conditions_wellbeing/);
    expect(page.url()).to.include('q=workload');
    expect(await sidewaysOverflow(page)).to.be.at.most(0);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await context.close();
  });

  it('hides a comment only after confirming, says it is done, and undoes it', async () => {
    const { context, page } = await openPhone();
    await page.goto(dashboardUrl);
    const first = page.locator('#comments > li').first();
    const text = ((await first.locator('p').textContent()) ?? '').trim();
    const countOnPage = async (): Promise<number> => (await page.locator('#comments > li > p').allTextContents()).filter((entry) => entry.trim() === text).length;
    const before = await countOnPage();
    await first.getByRole('button', { name: 'Hide this comment…' }).click();
    await page.getByRole('heading', { name: 'Hide this comment?' }).waitFor();
    expect(await page.locator('.quoted-comment').textContent()).to.include(text);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    expect(await sidewaysOverflow(page)).to.be.at.most(0);
    await page.getByRole('button', { name: 'Hide the comment' }).click();
    await page.getByRole('heading', { name: 'Comment hidden' }).waitFor();
    expect(await page.getByRole('status').textContent()).to.match(/Done: this comment no longer shows/);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.goto(dashboardUrl);
    expect(await countOnPage()).to.be.below(before === 0 ? 1 : before);
    await page.goBack();
    await page.getByRole('button', { name: 'Undo: show it again' }).click();
    await page.getByRole('heading', { name: 'Comment shown' }).waitFor();
    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    await page.waitForURL(/\/dashboard$/);
    expect(await countOnPage()).to.equal(before);
    await context.close();
  });
});
