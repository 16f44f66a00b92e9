import fs from 'node:fs/promises';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { help } from '../../server/i18n/es/help.js';
import { instruments } from '../../server/i18n/es/instruments.js';
import { reliability } from '../../server/i18n/es/reliability.js';
import { signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import { englishTextsOf, expectSpanishPage as expectSpanish } from '../support/spanish.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail } from '../support/staff.js';

const englishTexts = englishTextsOf(help, instruments, reliability);

/** The page's text, hidden parts included (closed details, visually hidden labels), without the pasted file and code samples. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('textarea, pre, script, .codebook').forEach((element) => element.remove());
    return body.textContent.replace(/\s+/g, ' ');
  });
}

function expectSpanishPage(page: Page, heading: string | RegExp): Promise<string> {
  return expectSpanish(page, { heading, english: englishTexts, textOf: pageText });
}

describe('journey: a program director reads help, instruments and reliability in Spanish', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('switches to Español, then reads the help page, the catalogue and a codebook, checks an own instrument and reads a closed wave\'s reliability', async () => {
    const published = instrumentByKey(server.published, 'peer-staff-climate');
    const wave = await buildWave(server.db, published, { unitNames: ['North Clinic', 'South Clinic'] });
    await seedSyntheticResponses(server.db, {
      waveId: wave.waveId, instrumentVersionId: published.id, submittedOn: '2026-02-03', seed: 4,
      units: wave.links.map((link) => ({ unitId: link.unitId, responses: 30, climateShift: 0 })), roleWeights: { peer_staff: 1 },
    });
    await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);
    const orgId = wave.organizationId;
    const manager = await createAccount(server.db, { email: uniqueEmail('director'), memberships: [{ organizationId: orgId, role: 'manager' }] });
    const page = await (await browser.newContext()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signInThroughLoginPage(page, server.url, manager);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.waitForURL(`${server.url}/`);

    await page.getByRole('link', { name: 'Ayuda' }).click();
    await expectSpanishPage(page, 'Cómo funciona el anonimato y cómo realizar una ronda');
    expect(await page.locator('#stored + p strong').textContent()).to.equal('día');

    // An own instrument: a file with problems, each in Spanish beside its field, then a valid one.
    await page.goto(`${server.url}/orgs/${orgId}/instruments`);
    await expectSpanishPage(page, 'Los instrumentos de su organización');
    const file = JSON.parse(await fs.readFile('surveys/peer-staff-climate.v2.json', 'utf8')) as Record<string, unknown>;
    const check = async (json: Record<string, unknown>): Promise<string> => {
      await page.getByLabel('o pegue su JSON').fill(JSON.stringify({ ...file, key: 'riverside-climate', version: 1, ...json }));
      await page.getByRole('button', { name: 'Revisar el archivo' }).click();
      await expectSpanishPage(page, 'Los instrumentos de su organización');
      const cells = await page.locator('.report tbody td').allTextContents();
      return `${await page.locator('#report-title').textContent() ?? ''}: ${cells.map((cell) => cell.trim()).join(' | ')}`;
    };
    expect(await check({ audience: 'everyone' })).to.equal('El archivo tiene 1 problema que corregir: audience | debe ser uno de estos valores: peer_staff, supervisor_clinical');
    const report = await check({ subscales: [{ key: 'x', construct: 'x', title: { en: 'X' }, items: [{ question: 'no_such_question' }] }] });
    expect(report).to.match(/^El archivo tiene \d+ problemas que corregir: /);
    expect(report).to.include('nombra "no_such_question", que no es una pregunta de la encuesta');
    expect(report).to.include('no tiene texto en es');
    const valid = await check({});
    expect(valid).to.match(/^El archivo es válido: /);
    expect(valid).to.include(published.instrument.subscales[0]?.title.es ?? '?');
    await page.getByRole('button', { name: 'Publicar la versión 1' }).click();
    await page.waitForURL(/done=published$/);
    await expectSpanishPage(page, 'Los instrumentos de su organización');
    expect(await page.getByRole('status').textContent()).to.equal('El instrumento se publicó: las rondas nuevas pueden usarlo.');
    expect(await page.getByRole('table', { name: 'Publicados' }).textContent()).to.include(published.instrument.title.es ?? '?');

    // The catalogue and a codebook keep the language through their addresses.
    await page.getByRole('link', { name: 'instrumentos incluidos' }).click();
    await expectSpanishPage(page, 'Instrumentos');
    expect(await page.locator('tbody').textContent()).to.include(published.instrument.title.es ?? '?');
    await page.locator(`a[href="/instruments/${published.id}/codebook?lang=es"]`).click();
    await expectSpanishPage(page, `Libro de códigos: ${published.instrument.title.es ?? '?'}`);

    await page.goto(`${server.url}/orgs/${orgId}/waves/${wave.waveId}/reliability`);
    await expectSpanishPage(page, /^Fiabilidad: Wave \d+$/);
    expect(await page.locator('table.reliability').first().locator('caption').textContent()).to.equal('Toda la ronda: 60 personas que responden');
    expect(await page.locator('table.reliability').first().textContent()).to.include(published.instrument.subscales[0]?.title.es ?? '?');
    expect(problems).to.deep.equal([]);
  });
});
