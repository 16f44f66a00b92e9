import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { dashboards } from '../../server/i18n/es/dashboards.js';
import { exportsPage } from '../../server/i18n/es/exports.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import { englishTextsOf, expectSpanishPage as expectSpanish } from '../support/spanish.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { addWave, seedUnits } from '../support/dashboards.js';
import type { TestServer } from '../support/server.js';
import { createAccount, type TestAccount, uniqueEmail } from '../support/staff.js';

const englishTexts = englishTextsOf(dashboards, exportsPage);

/** The page's visible text, without comments (respondents' own words, in whatever language they wrote). */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const quoted = Array.from(document.querySelectorAll<HTMLElement>('#comments, .quoted-comment'));
    for (const element of quoted) element.style.display = 'none';
    const text = document.body.innerText;
    for (const element of quoted) element.style.display = '';
    return text;
  });
}

function expectSpanishPage(page: Page, heading: string, instrument: PublishedInstrument): Promise<string> {
  const englishNames = [instrument.instrument.title, ...instrument.instrument.subscales.map((subscale) => subscale.title)].map((title) => title.en ?? '').filter((name) => name !== '');
  return expectSpanish(page, { heading, isSectionHeading: true, english: englishTexts, alsoAbsent: englishNames, textOf: visibleText });
}

describe('journey: a Spanish-reading manager and researcher read a dashboard, hide a comment and open the exports', function () {
  let browser: Browser;
  let server: TestServer;
  let peer: PublishedInstrument;
  let account: TestAccount;
  let organizationId: string;
  let dashboardUrl: string;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  before(async () => {
    peer = instrumentByKey(server.published, 'peer-staff-climate');
    const wave = await buildWave(server.db, peer, { status: 'closed', unitNames: ['Clínica Norte', 'Centro Sur', 'Clínica Este', 'Pequeña'] });
    organizationId = wave.organizationId;
    const unitIds = new Map(wave.links.map((link) => [link.unitName, link.unitId]));
    const sizes = { 'Clínica Norte': 24, 'Centro Sur': 20, 'Clínica Este': 16, Pequeña: 2 };
    await seedUnits(server, wave.waveId, peer, unitIds, sizes, { peer_staff: 1 }, 21);
    const current = await addWave(server, organizationId, peer, 'Primavera 2027', 'closed');
    await seedUnits(server, current, peer, unitIds, sizes, { peer_staff: 1 }, 22);
    dashboardUrl = `${server.url}/orgs/${organizationId}/waves/${current}/dashboard`;
    account = await createAccount(server.db, {
      email: uniqueEmail('gerente'), memberships: [{ organizationId, role: 'manager' }, { organizationId, role: 'researcher' }],
    });
  });

  it('switches to Español in the header, and every page of the journey is Spanish, axe-clean and keeps its figures', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signInThroughLoginPage(page, server.url, account);
    await page.goto(dashboardUrl);
    const englishCounts = await page.locator('#participation-table tbody td').allTextContents();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.locator('html[lang="es"]').waitFor();
    await page.locator('body[data-charts-drawn="true"]').waitFor({ timeout: 15_000 });

    await expectSpanishPage(page, 'Qué hacer a continuación', peer);
    await page.getByRole('heading', { name: 'Cómo califica la ronda cada área' }).waitFor();
    const counts = await page.locator('#participation-table tbody td').allTextContents();
    expect(counts).to.deep.equal(englishCounts.map((text) => (text === 'Suppressed' ? 'Oculto (grupo pequeño)' : text)));
    const areaChart = await page.evaluate(() => {
      const chartJs = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): { data: { labels: string[] } } | undefined } }).Chart;
      const canvas = document.getElementById('chart-constructs') as HTMLCanvasElement;
      return chartJs.getChart(canvas)?.data.labels ?? [];
    });
    expect(areaChart).to.deep.equal(peer.instrument.subscales.map((subscale) => subscale.title.es));

    await page.getByLabel('Buscar en los comentarios').fill('workload');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.waitForURL(/q=workload/);
    await page.getByRole('navigation', { name: 'Temas de los comentarios' }).getByRole('link', { name: 'Salario, carga de trabajo y bienestar' }).click();
    await page.waitForURL(/theme=job_conditions_wellbeing/);
    expect(await page.locator('#comment-matches').textContent()).to.match(/(\d+ comentarios?|menos de 5 comentarios) coinciden con “workload” en el tema Salario, carga de trabajo y bienestar\./);
    await expectSpanishPage(page, 'Comentarios', peer);

    await page.goto(dashboardUrl);
    await page.locator('#comments > li').first().getByRole('button', { name: 'Ocultar este comentario…' }).click();
    await expectSpanishPage(page, '¿Ocultar este comentario?', peer);
    await page.getByRole('button', { name: 'Ocultar el comentario' }).click();
    await expectSpanishPage(page, 'Comentario oculto', peer);
    await page.getByRole('button', { name: 'Deshacer: volver a mostrarlo' }).click();
    await expectSpanishPage(page, 'Comentario visible', peer);

    await page.goto(`${server.url}/orgs/${organizationId}/exports`);
    await expectSpanishPage(page, 'Exportaciones para investigación', peer);
    await page.getByRole('heading', { name: 'Dos tipos de archivo CSV' }).waitFor();
    expect(await page.title()).to.match(/^Exportaciones: /);
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
