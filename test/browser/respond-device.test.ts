import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, useBrowserJourney } from '../support/browser.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import type { TestServer } from '../support/server.js';

type SurveyPage = { elements: Array<{ name: string; type: string }> };

/** Picks the first choice of every question on the shown page (a rating's first point, a choice's first option). */
async function answerShownPage(page: Page, questions: SurveyPage['elements']): Promise<void> {
  for (const question of questions) {
    const container = page.locator(`[data-name="${question.name}"]`);
    if (question.type === 'comment') await container.locator('textarea').fill(`Kept text for ${question.name}`);
    else await container.locator('label:has(input[type="radio"])').first().click();
  }
}

/** WCAG 2 relative luminance of an sRGB colour given as 0-255 channels. */
function relativeLuminance(rgb: number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function storedAnswers(page: Page): Promise<string[]> {
  return page.evaluate(() => [window.localStorage, window.sessionStorage].flatMap((storage) =>
    Object.keys(storage).filter((key) => key.startsWith('peerclimate:answers:')).map((key) => storage.getItem(key) ?? '')));
}

describe('journey: answering on a phone that reloads, drops its connection or is shared', function () {
  let browser: Browser;
  let server: TestServer;
  let pages: SurveyPage[];
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
    pages = (instrumentByKey(started.published, 'peer-staff-climate').instrument.survey as { pages: SurveyPage[] }).pages;
  });

  async function openSurvey(options: { isKiosk?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; waveId: string; posts: string[] }> {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
    if (options.isKiosk) await server.db.query('UPDATE wave_links SET is_kiosk = true WHERE wave_id = $1', [wave.waveId]);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (request) => { if (request.method() === 'POST') posts.push(request.url()); });
    await page.goto(`${server.url}/s/${wave.links[0]?.code ?? ''}`);
    await page.locator('.sd-root-modern').waitFor();
    return { context, page, waveId: wave.waveId, posts };
  }

  async function answerAllButComplete(page: Page): Promise<void> {
    for (const [index, surveyPage] of pages.entries()) {
      await answerShownPage(page, surveyPage.elements);
      if (index < pages.length - 1) await page.getByRole('button', { name: 'Next' }).click();
    }
  }

  const countStored = async (waveId: string): Promise<number> =>
    (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM responses WHERE wave_id = $1', [waveId]))[0]?.n ?? 0;

  it('when the page is reloaded halfway, the answers and the page come back from the device, and nothing was sent before completing', async () => {
    const { context, page, posts } = await openSurvey();
    await answerShownPage(page, pages[0]?.elements ?? []);
    await page.getByRole('button', { name: 'Next' }).click();
    await answerShownPage(page, (pages[1]?.elements ?? []).slice(0, 2));
    expect(await storedAnswers(page)).to.have.length(1);
    await page.reload();
    await page.locator('.sd-root-modern').waitFor();
    expect(await page.locator('#restored-note').isVisible()).to.equal(true);
    const second = pages[1]?.elements[1]?.name ?? '';
    expect(await page.locator(`[data-name="${second}"] input[type="radio"]`).first().isChecked()).to.equal(true);
    expect(posts).to.deep.equal([]);
    await context.close();
  });

  it('when the connection drops before sending, says so, sends once when it returns, and clears the device copy', async () => {
    const { context, page, waveId, posts } = await openSurvey();
    await answerAllButComplete(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.locator('#submit-status', { hasText: 'No connection right now' }).waitFor();
    expect(await countStored(waveId)).to.equal(0);
    await context.setOffline(false);
    await page.waitForURL(/\/s\/thanks\?lang=en$/);
    expect(await countStored(waveId)).to.equal(1);
    expect(await storedAnswers(page)).to.deep.equal([]);
    expect(posts.length).to.be.greaterThan(0);
    await context.close();
  });

  it('when the answer to a stored submission is lost on the way back, the retry is told it arrived and nothing is stored twice', async () => {
    const { context, page, waveId } = await openSurvey();
    await answerAllButComplete(page);
    let isFirst = true;
    await page.route('**/s/*', async (route) => {
      if (route.request().method() !== 'POST' || !isFirst) return route.continue();
      isFirst = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.locator('#submit-status', { hasText: 'No connection right now' }).waitFor();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForURL(/received=1$/);
    expect(await page.locator('#already-received').textContent()).to.equal('Your answers had already been received.');
    expect(await countStored(waveId)).to.equal(1);
    await context.close();
  });

  it('on a kiosk, the thank-you page starts again for the next person, and neither Back nor storage gives the last answers', async () => {
    const { context, page, waveId } = await openSurvey({ isKiosk: true });
    await answerAllButComplete(page);
    expect(await page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith('peerclimate:answers:')))).to.deep.equal([]);
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.waitForURL(/\/s\/thanks\?lang=en&kiosk=1$/);
    await page.getByRole('button', { name: 'Start for the next person' }).click();
    await page.locator('.sd-root-modern').waitFor();
    expect(await page.locator('#restored-note').isVisible()).to.equal(false);
    expect(await page.locator(`[data-name="${pages[0]?.elements[0]?.name ?? ''}"] input:checked`).count()).to.equal(0);
    expect((await storedAnswers(page)).join('')).not.to.include('peer_staff');
    await page.goBack().catch(() => undefined);
    expect(await page.content()).not.to.include('peer_staff');
    expect(await page.locator('input:checked').count()).to.equal(0);
    expect(await countStored(waveId)).to.equal(1);
    await context.close();
  });

  it('on a kiosk reset (reloaded) in the middle of a submission, the send is finished first: stored once, never lost, then the fresh start', async () => {
    const { context, page, waveId } = await openSurvey({ isKiosk: true });
    await answerAllButComplete(page);
    let isFirst = true;
    let arrived: () => void = () => undefined;
    const hasArrived = new Promise<void>((resolve) => { arrived = resolve; });
    await page.route('**/s/*', async (route) => {
      if (route.request().method() !== 'POST' || !isFirst) return route.continue();
      isFirst = false;
      await route.fetch();
      arrived();
      await route.abort('connectionreset').catch(() => undefined);
    });
    await page.getByRole('button', { name: 'Complete' }).click();
    await hasArrived;
    await page.reload();
    await page.waitForURL(/\/s\/thanks\?lang=en&kiosk=1&received=1$/);
    expect(await countStored(waveId)).to.equal(1);
    expect((await storedAnswers(page)).join('')).not.to.include('peer_staff');
    await context.close();
  });

  it('on a kiosk left halfway, the survey starts again after five minutes without a touch, keeping nothing', async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
    await server.db.query('UPDATE wave_links SET is_kiosk = true WHERE wave_id = $1', [wave.waveId]);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/s/${wave.links[0]?.code ?? ''}`);
    await page.locator('.sd-root-modern').waitFor();
    await answerShownPage(page, pages[0]?.elements ?? []);
    expect((await storedAnswers(page)).join('')).to.include('peer_staff');
    await page.clock.fastForward('04:59');
    expect(await page.locator('[data-name="role_group"] input:checked').count()).to.equal(1);
    await page.clock.fastForward('00:02');
    await page.waitForFunction(() => document.querySelector('[data-name="role_group"] input:checked') === null);
    await page.locator('.sd-root-modern').waitFor();
    expect((await storedAnswers(page)).join('')).not.to.include('peer_staff');
    await context.close();
  });

  it('the first question can be answered before SurveyJS has loaded, and SurveyJS keeps that answer', async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
    const context = await browser.newContext();
    const page = await context.newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/assets/survey-core.*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/s/${wave.links[0]?.code ?? ''}`, { waitUntil: 'commit' });
    await page.locator('#first-page').getByLabel('Supervisor or manager of peer staff').check();
    release();
    await page.locator('.sd-root-modern').waitFor();
    expect(await page.locator('[data-name="role_group"] input[value="supervisor"]').isChecked()).to.equal(true);
    await context.close();
  });

  it('shows progress, keeps the crisis line on screen after Next, reads out a missing answer, and passes axe with the error shown', async () => {
    const { context, page } = await openSurvey();
    expect(await page.locator('.sd-progress-buttons, .sd-progress').first().isVisible()).to.equal(true);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction(() => (document.getElementById('error-status')?.textContent ?? '') !== '');
    expect(await page.locator('#error-status').textContent()).to.include('Response required');
    expect(await page.locator('#error-status').getAttribute('role')).to.equal('alert');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await answerShownPage(page, pages[0]?.elements ?? []);
    await page.getByRole('button', { name: 'Next' }).click();
    const bar = await page.locator('.crisis-bar').boundingBox();
    expect(bar && bar.y + bar.height).to.be.at.most(844);
    expect(bar?.y).to.be.at.least(0);
    expect(await page.locator('.crisis-bar').textContent()).to.include('988');
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await context.close();
  });

  it('outlines every unselected rating point with at least 3:1 contrast against the page', async () => {
    const { context, page } = await openSurvey();
    await answerShownPage(page, pages[0]?.elements ?? []);
    await page.getByRole('button', { name: 'Next' }).click();
    const shadows = await page.locator('.sd-rating__item').evaluateAll((items) => items.map((item) => getComputedStyle(item).boxShadow));
    const ratios = shadows.map((shadow) => {
      const outline = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\) 0px 0px 0px 1px/.exec(shadow);
      if (!outline || Number(outline[4] ?? 1) < 1) return 0;
      return (1 + 0.05) / (relativeLuminance([Number(outline[1]), Number(outline[2]), Number(outline[3])]) + 0.05);
    });
    expect(ratios.length).to.be.greaterThan(0);
    for (const ratio of ratios) expect(ratio).to.be.at.least(3);
    await context.close();
  });
});
