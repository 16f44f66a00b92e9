import fs from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Model } from 'survey-core';
import { buildCodebook } from '../../server/instruments/codebook.js';
import type { Instrument } from '../../server/instruments/definition.js';
import { localizedText } from '../../server/instruments/translations.js';
import { checkAccessibility, useBrowserJourney } from '../support/browser.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { parseCsv } from '../support/csv.js';
import type { TestServer } from '../support/server.js';

/** The title SurveyJS should show for a question in a language, read from the instrument itself. */
function questionTitle(instrument: Instrument, name: string, language: string): string {
  return localizedText(new Model(instrument.survey).getQuestionByName(name), 'title', language);
}

function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  return problems;
}

describe('journey: every instrument in surveys/ renders in English and Spanish', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((startedBrowser, startedServer) => { browser = startedBrowser; server = startedServer; });

  for (const file of fs.readdirSync('surveys').filter((name) => name.endsWith('.json'))) {
    it(`${file}: titles, questions and buttons follow the language switch, with no page errors`, async () => {
      const [key = '', version = ''] = file.replace(/\.json$/, '').split('.v');
      const published = instrumentByKey(server.published, key, Number(version));
      const { instrument } = published;
      const wave = await buildWave(server.db, published);
      const page = await browser.newPage();
      const problems = watchForErrors(page);
      await page.goto(`${server.url}/s/${wave.links[0]?.code ?? ''}`);
      await page.locator('.sd-root-modern').waitFor();
      const roleGroup = page.locator(`[data-name="${instrument.demographics.roleGroup}"]`);
      expect(await page.locator('#survey-title').textContent()).to.equal(instrument.title.en);
      expect(await roleGroup.textContent()).to.include(questionTitle(instrument, instrument.demographics.roleGroup, 'en'));

      await page.selectOption('#language-select', 'es');
      expect(await page.locator('#survey-title').textContent()).to.equal(instrument.title.es);
      expect(await page.locator('html').getAttribute('lang')).to.equal('es');
      expect(await roleGroup.textContent()).to.include(questionTitle(instrument, instrument.demographics.roleGroup, 'es'));

      // The next page holds the first subscale's ratings, with their Spanish end labels.
      await roleGroup.locator('label:has(input[type="radio"])').first().click();
      await page.getByRole('button', { name: 'Siguiente' }).click();
      const firstItem = instrument.subscales[0]?.items[0]?.question ?? '';
      const rating = page.locator(`[data-name="${firstItem}"]`);
      await rating.waitFor();
      expect(await rating.textContent()).to.include(questionTitle(instrument, firstItem, 'es'));
      expect(await rating.textContent()).to.include('Totalmente en desacuerdo');

      await page.selectOption('#language-select', 'en');
      expect(await rating.textContent()).to.include(questionTitle(instrument, firstItem, 'en'));
      expect(await page.getByRole('button', { name: 'Next' }).count()).to.equal(1);
      expect(problems).to.deep.equal([]);
      await page.close();
    });
  }

  it('a researcher opens a codebook from the catalogue, reads both languages and downloads the CSV', async () => {
    const published = instrumentByKey(server.published, 'supervisor-clinical-climate');
    const page = await browser.newPage({ acceptDownloads: true });
    const problems = watchForErrors(page);
    await page.goto(`${server.url}/instruments`);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    await page.locator(`a[href="/instruments/${published.id}/codebook"]`).click();
    await page.waitForURL(/\/codebook$/);
    expect(await page.locator('h1').textContent()).to.include(published.instrument.title.en);
    const headers = await page.locator('thead th').allTextContents();
    expect(headers.slice(0, 4)).to.deep.equal(['variable', 'role', 'question_en', 'question_es']);
    const variables = await page.locator('tbody th').allTextContents();
    expect(variables).to.deep.equal(buildCodebook(published.instrument).map((row) => row.variable));
    expect(await checkAccessibility(page)).to.deep.equal([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#codebook-csv').click()]);
    expect(download.suggestedFilename()).to.equal(`supervisor-clinical-climate.v${published.instrument.version}.codebook.csv`);
    const [header, ...rows] = parseCsv(await fs.promises.readFile(await download.path(), 'utf8'));
    expect(header).to.deep.equal(headers);
    expect(rows.map((row) => row[0])).to.deep.equal(variables);
    expect(problems).to.deep.equal([]);
    await page.close();
  });
});
