import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { checkAccessibility, useBrowserJourney } from '../support/browser.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail } from '../support/staff.js';

describe('journey: a researcher reads the reliability report of a closed wave', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('opens it from the exports page, reads alpha and omega per subscale, the item statistics, and the units left out', async () => {
    const instrument = instrumentByKey(server.published, 'peer-staff-climate');
    const wave = await buildWave(server.db, instrument, { unitNames: ['North Clinic', 'South Clinic', 'Small Team'] });
    const sizes = [40, 30, 2];
    await seedSyntheticResponses(server.db, {
      waveId: wave.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-02-03', seed: 9,
      units: wave.links.map((link, index) => ({ unitId: link.unitId, responses: sizes[index] ?? 0, climateShift: 0 })), roleWeights: { peer_staff: 1 },
    });
    await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);
    const email = uniqueEmail('researcher');
    const password = 'researcher passphrase';
    await createAccount(server.db, { email, password, memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] });

    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/orgs/${wave.organizationId}/exports`);
    await page.getByRole('link', { name: 'Reliability report' }).click();
    await page.waitForURL(/\/reliability$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.match(/^Reliability: Wave \d+$/);

    const whole = page.locator('table.reliability').first();
    expect(await whole.locator('caption').textContent()).to.equal('Whole wave: 72 respondents');
    const roleClarity = whole.getByRole('row', { name: /Clarity of your role/ });
    const cells = await roleClarity.locator('td').allTextContents();
    expect(Number(cells[0])).to.be.within(25, 72);
    expect(Number(cells[0]) + Number(cells[1])).to.equal(72);
    expect(Number(cells[2])).to.be.within(0, 1);
    await page.getByText('Items of Clarity of your role (Whole wave)').click();
    expect(await page.getByRole('table', { name: 'Item statistics: Clarity of your role, Whole wave' }).getByRole('row').count()).to.equal(7);
    // The unit of 2 and the unit hidden so that it cannot be subtracted out read the same.
    expect(await page.getByText('Not shown: too few respondents, or hidden so that another group cannot be worked out.').count()).to.be.at.least(2);
    expect(await checkAccessibility(page)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
