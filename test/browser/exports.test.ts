import fs from 'node:fs/promises';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { checkAccessibility, useBrowserJourney } from '../support/browser.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail } from '../support/staff.js';

describe('journey: a researcher downloads research exports of a closed wave', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('signs in, opens the exports page from the organization, downloads the respondent-level CSV and the aggregated CSV, and both parse', async () => {
    const instrument = instrumentByKey(server.published, 'peer-staff-climate');
    const wave = await buildWave(server.db, instrument, { unitNames: ['North Clinic', 'South Clinic'] });
    await seedSyntheticResponses(server.db, {
      waveId: wave.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-02-03', seed: 4,
      units: wave.links.map((link) => ({ unitId: link.unitId, responses: 25, climateShift: 0 })), roleWeights: { peer_staff: 1 },
    });
    await server.db.query("UPDATE waves SET status = 'closed', allow_comment_export = true WHERE id = $1", [wave.waveId]);
    const email = uniqueEmail('researcher');
    const password = 'researcher passphrase';
    await createAccount(server.db, { email, password, memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] });

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/orgs/${wave.organizationId}`);
    await page.getByRole('link', { name: 'Research exports' }).click();
    await page.waitForURL(/\/exports$/);
    expect(await checkAccessibility(page)).to.deep.equal([]);

    const form = page.getByRole('form', { name: /Respondent-level CSV/ });
    await form.getByLabel('Include free-text comments').check();
    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Respondent-level CSV for spreadsheets' }).click()]);
    expect(download.suggestedFilename()).to.match(/^wave-\d+-responses\.csv$/);
    const bytes = await fs.readFile(await download.path());
    expect(bytes.subarray(0, 3).toString('hex')).to.equal('efbbbf');
    const records: string[][] = parse(bytes.toString('utf8'), { bom: true });
    const [header = [], ...rows] = records;
    expect(header.slice(0, 3)).to.deep.equal(['wave', 'instrument_version', 'unit']);
    expect(header).to.include('comment_helpful');
    expect(rows).to.have.length(50);

    const [statistics] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Respondent-level CSV for statistics software' }).click()]);
    const plain = await fs.readFile(await statistics.path());
    expect(plain.subarray(0, 4).toString('utf8')).to.equal('wave');
    expect(parse(plain.toString('utf8'))).to.have.length(51);

    const aggregatedLinks = page.locator('li', { hasText: 'Aggregated:' });
    const [aggregated] = await Promise.all([page.waitForEvent('download'), aggregatedLinks.getByRole('link', { name: 'CSV for statistics software' }).click()]);
    const table: string[][] = parse(await fs.readFile(await aggregated.path(), 'utf8'));
    expect(table[0]).to.include.members(['group', 'suppressed', 'n', 'mean', 'sd', 'percent_favorable']);
    expect(table.length).to.be.greaterThan(1);

    await page.getByText('R: read the respondent-level file with its codebook').click();
    expect(await page.locator('pre code').first().textContent()).to.include('read_export("wave-');
    expect(await page.getByRole('heading', { name: 'Two kinds of CSV file' }).isVisible()).to.equal(true);
    expect(await page.getByText('Unicode (UTF-8)').isVisible()).to.equal(true);
    const [doFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Stata do-file', exact: true }).click()]);
    expect(doFile.suggestedFilename()).to.match(/^wave-\d+-responses\.do$/);
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
