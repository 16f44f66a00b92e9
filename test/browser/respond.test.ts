import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { Instrument } from '../../server/instruments/definition.js';
import { checkAccessibility, useBrowserJourney } from '../support/browser.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import type { TestServer } from '../support/server.js';

type SurveyPage = { elements: Array<{ name: string; type: string }> };

/** Answers one question the way a person would: ratings and choices by mouse or keyboard, text by typing. */
async function answerQuestion(page: Page, question: { name: string; type: string }, index: number, expected: Record<string, unknown>): Promise<void> {
  const container = page.locator(`[data-name="${question.name}"]`);
  await container.waitFor();
  if (question.type === 'comment') {
    const text = `Typed answer for ${question.name} <b>not bold</b>`;
    await container.locator('textarea').click();
    await page.keyboard.type(text);
    expected[question.name] = text;
    return;
  }
  const radios = container.locator('input[type="radio"]');
  await radios.first().waitFor({ state: 'attached', timeout: 5000 }).catch(async () => {
    throw new Error(`no radio inputs in ${question.name}: ${await container.innerHTML()}`);
  });
  const count = await radios.count();
  const choice = index % count;
  if (index % 2 === 0) {
    await container.locator('label:has(input[type="radio"])').nth(choice).click();
  } else {
    // Keyboard: focus the group, Space selects the first option, arrows move the selection.
    await radios.first().focus();
    await page.keyboard.press('Space');
    for (let step = 0; step < choice; step += 1) await page.keyboard.press('ArrowRight');
  }
  const value = await radios.nth(choice).getAttribute('value');
  expected[question.name] = question.type === 'rating' ? Number(value) : value;
}

describe('journey: a peer staff member answers the survey in a browser', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('when they answer every question with mouse and keyboard on a phone, exactly that response is stored', async () => {
    const published = instrumentByKey(server.published, 'peer-staff-climate');
    const instrument: Instrument = published.instrument;
    const wave = await buildWave(server.db, published);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });

    await page.goto(`${server.url}/s/${wave.links[0]?.code ?? ''}`);
    await page.locator('.sd-root-modern').waitFor();
    expect(await page.locator('#promise-title').textContent()).to.equal('Your answers are anonymous');
    expect(await checkAccessibility(page)).to.deep.equal([]);

    const expected: Record<string, unknown> = {};
    const pages = (instrument.survey as { pages: SurveyPage[] }).pages;
    let index = 0;
    for (const [pageIndex, surveyPage] of pages.entries()) {
      expect(await page.locator('.crisis').textContent()).to.include('988');
      for (const question of surveyPage.elements) {
        await answerQuestion(page, question, index, expected);
        index += 1;
      }
      const isLast = pageIndex === pages.length - 1;
      if (isLast) {
        await page.getByRole('button', { name: 'Complete' }).focus();
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: 'Next' }).click();
      }
    }
    await page.waitForURL(/\/s\/thanks\?/);
    expect(await page.locator('h1').textContent()).to.include('Thank you');
    expect(problems).to.deep.equal([]);

    const rows = await server.db.query<{ answers: Record<string, unknown>; roleGroup: string; unitId: string }>(
      'SELECT answers, role_group AS "roleGroup", unit_id AS "unitId" FROM responses WHERE wave_id = $1', [wave.waveId],
    );
    expect(rows).to.have.length(1);
    expect(rows[0]?.answers).to.deep.equal(expected);
    expect(rows[0]?.roleGroup).to.equal(expected.role_group);
    expect(rows[0]?.unitId).to.equal(wave.links[0]?.unitId);
    await page.close();
  });

  it('when they switch to Spanish, the promise, crisis line and questions are in Spanish', async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
    const page = await browser.newPage();
    await page.goto(`${server.url}/s/${wave.links[0]?.code ?? ''}`);
    await page.locator('.sd-root-modern').waitFor();
    await page.selectOption('#language-select', 'es');
    expect(await page.locator('#promise-title').textContent()).to.equal('Sus respuestas son anónimas');
    expect(await page.locator('.crisis').textContent()).to.include('988');
    expect(await page.locator('[data-name="role_group"]').textContent()).not.to.include('Which best describes');
    expect(await page.getByRole('button', { name: 'Siguiente' }).count()).to.equal(1);
    await page.close();
  });
});
