import fs from 'node:fs/promises';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { checkAccessibility, signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { collapseSpace, readPdfText, requirePdfText } from '../support/pdf.js';
import type { TestServer } from '../support/server.js';
import { createAccount, type TestAccount, uniqueEmail } from '../support/staff.js';

const smallUnit = 'Tiny Clinic';

/** Texts of the data cells in the row headed by `label` of the table `tableId`. */
async function rowCells(page: Page, tableId: string, label: string): Promise<string[]> {
  const row = page.locator(`#${tableId} tbody tr`).filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  return (await row.locator('td').allTextContents()).map((text) => text.trim());
}

type ChartSummary = { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }>; isPainted: boolean };

/** What Chart.js drew on each canvas: its labels and data, and whether any pixel differs from a blank canvas. */
function readCharts(page: Page): Promise<Record<string, ChartSummary | null>> {
  return page.evaluate(() => {
    type DrawnChart = { data: { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> } };
    const chartJs = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): DrawnChart | undefined } }).Chart;
    const summaries: Record<string, ChartSummary | null> = {};
    for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
      const chart = chartJs.getChart(canvas);
      const blank = document.createElement('canvas');
      blank.width = canvas.width;
      blank.height = canvas.height;
      summaries[canvas.id] = chart
        ? { labels: chart.data.labels, datasets: chart.data.datasets.map((set) => ({ label: set.label, data: set.data })), isPainted: canvas.toDataURL() !== blank.toDataURL() }
        : null;
    }
    return summaries;
  });
}

describe('journey: a manager reads a closed wave\'s dashboard in a browser', function () {
  let browser: Browser;
  let server: TestServer;
  let dashboardUrl: string;
  let manager: TestAccount;
  let otherManager: TestAccount;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  before(async () => {
    const peer = instrumentByKey(server.published, 'peer-staff-climate');
    const wave = await buildWave(server.db, peer, { status: 'closed', unitNames: ['North Clinic', 'South Clinic', 'East Clinic', smallUnit] });
    const unitId = (name: string): string => wave.links.find((link) => link.unitName === name)?.unitId ?? '';
    // North is well above neutral so the heatmap uses its darkest shades; Tiny is below k = 5.
    await seedSyntheticResponses(server.db, {
      waveId: wave.waveId, instrumentVersionId: peer.id, roleWeights: { peer_staff: 1 }, submittedOn: '2026-04-15', seed: 11,
      units: [
        { unitId: unitId('North Clinic'), responses: 40, climateShift: 2.5 },
        { unitId: unitId('South Clinic'), responses: 30, climateShift: 0.5 },
        { unitId: unitId('East Clinic'), responses: 35, climateShift: -0.5 },
        { unitId: unitId(smallUnit), responses: 3, climateShift: 0 },
      ],
    });
    dashboardUrl = `${server.url}/orgs/${wave.organizationId}/waves/${wave.waveId}/dashboard`;
    manager = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
    const other = await buildWave(server.db, peer, { status: 'closed' });
    otherManager = await createAccount(server.db, { email: uniqueEmail('other'), memberships: [{ organizationId: other.organizationId, role: 'manager' }] });
  });

  it('draws every chart, hides the small unit in charts, tables and print, and passes axe', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    await signInThroughLoginPage(page, server.url, manager);
    await page.goto(dashboardUrl);
    await page.locator('body[data-charts-drawn="true"]').waitFor({ timeout: 15_000 });

    const charts = await readCharts(page);
    expect(Object.keys(charts)).to.have.members(['chart-constructs', 'chart-breakdown', 'chart-items']);
    for (const [id, chart] of Object.entries(charts)) {
      expect(chart?.isPainted, id).to.equal(true);
      expect(chart?.datasets.flatMap((set) => set.data).some((value) => typeof value === 'number'), id).to.equal(true);
    }
    const breakdown = charts['chart-breakdown'];
    const tinyIndex = breakdown?.labels.indexOf(`${smallUnit} (suppressed)`) ?? -1;
    expect(tinyIndex, JSON.stringify(breakdown?.labels)).to.be.at.least(0);
    expect(breakdown?.datasets).to.have.length(6);
    expect(breakdown?.datasets.map((set) => set.data[tinyIndex])).to.deep.equal(Array.from({ length: 6 }, () => null));
    const northIndex = breakdown?.labels.indexOf('North Clinic') ?? -1;
    expect(breakdown?.datasets.every((set) => typeof set.data[northIndex] === 'number')).to.equal(true);

    expect(await rowCells(page, 'participation-table', smallUnit)).to.deep.equal(['Suppressed', 'Suppressed']);
    expect(await rowCells(page, 'participation-table', 'North Clinic')).to.deep.equal(['40', 'open link']);
    expect(await rowCells(page, 'heatmap', smallUnit)).to.deep.equal(Array.from({ length: 6 }, () => 'Suppressed'));
    expect((await rowCells(page, 'heatmap', 'North Clinic')).every((text) => /^\d\.\d\d$/.test(text))).to.equal(true);
    expect(await checkAccessibility(page)).to.deep.equal([]);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.filters').isVisible()).to.equal(false);
    expect(await page.locator('#heatmap').isVisible()).to.equal(true);
    expect(await rowCells(page, 'heatmap', smallUnit)).to.deep.equal(Array.from({ length: 6 }, () => 'Suppressed'));
    expect(await rowCells(page, 'participation-table', smallUnit)).to.deep.equal(['Suppressed', 'Suppressed']);
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('when a filter is chosen, "Download PDF" downloads the PDF of that filtered view', async function () {
    await requirePdfText(this);
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInThroughLoginPage(page, server.url, manager);
    await page.goto(dashboardUrl);
    await page.getByRole('navigation', { name: 'Filter the dashboard' }).getByRole('link', { name: 'North Clinic', exact: true }).click();
    await page.waitForURL(/\?unit=/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).to.match(/^wave-\d+-dashboard\.pdf$/);
    const text = collapseSpace(await readPdfText(await fs.readFile(await download.path())));
    expect(text).to.include('Showing: North Clinic. Responses: 40.');
    expect(text).to.include('Mean score by role group and area');
    await context.close();
  });

  it('when a manager of another organization opens it, answers 404 and shows none of its units', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughLoginPage(page, server.url, otherManager);
    const response = await page.goto(dashboardUrl);
    expect(response?.status()).to.equal(404);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.to.include('North Clinic');
    expect(text).not.to.include(smallUnit);
    await context.close();
  });
});
