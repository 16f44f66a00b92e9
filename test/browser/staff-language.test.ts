import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { accounts } from '../../server/i18n/es/accounts.js';
import { admin } from '../../server/i18n/es/admin.js';
import { errors } from '../../server/i18n/es/errors.js';
import { organizations } from '../../server/i18n/es/organizations.js';
import { useBrowserJourney } from '../support/browser.js';
import { englishTextsOf, expectSpanishPage as expectSpanish } from '../support/spanish.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail, type TestAccount } from '../support/staff.js';

const englishTexts = englishTextsOf(accounts, admin, errors, organizations);

async function signInInSpanish(page: Page, url: string, account: TestAccount): Promise<void> {
  await page.getByLabel('Correo electrónico').fill(account.email);
  await page.getByLabel('Contraseña').fill(account.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.waitForURL(`${url}/`);
}

async function languageOf(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

function expectSpanishPage(page: Page, heading: string): Promise<string> {
  return expectSpanish(page, { heading, english: englishTexts });
}

describe('journey: a staff member reads PeerClimate in Spanish', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('chosen on the sign-in page, the language follows the account to a new browser until switched back', async () => {
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(`${server.url}/login`);
    expect(await languageOf(page)).to.equal('en');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.waitForURL(`${server.url}/login`);
    await expectSpanishPage(page, 'Iniciar sesión');
    // First-run setup is offered only while no account exists: before this suite makes one.
    const setupUrl = /(http:\/\/\S+\/setup\/\S+)/.exec(server.printed.join(''))?.[1] ?? '';
    await page.goto(setupUrl);
    await expectSpanishPage(page, 'Configurar PeerClimate');
    await page.goto(`${server.url}/login`);
    const person = await createAccount(server.db, { email: uniqueEmail('lector') });
    await signInInSpanish(page, server.url, person);
    await expectSpanishPage(page, 'Su acceso');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/login\?notice=signed_out$/);
    expect(await page.getByRole('status').textContent()).to.equal('Cerró la sesión.');
    await first.close();

    // A new browser (no cookies) signs in on the English page; the account remembers Spanish.
    const second = await browser.newContext();
    const again = await second.newPage();
    await again.goto(`${server.url}/login`);
    expect(await languageOf(again)).to.equal('en');
    await again.getByLabel('Email address').fill(person.email);
    await again.getByLabel('Password').fill(person.password);
    await again.getByRole('button', { name: 'Sign in' }).click();
    await again.waitForURL(`${server.url}/`);
    await expectSpanishPage(again, 'Su acceso');
    await again.goto(`${server.url}/no-such-page`);
    await expectSpanishPage(again, 'Página no encontrada');
    await again.goto(`${server.url}/admin`);
    await expectSpanishPage(again, 'No permitido');
    expect(await again.locator('main').innerText()).to.include('Solo la administración de la plataforma puede hacer esto.');

    await again.goto(`${server.url}/`);
    await again.getByRole('button', { name: 'English' }).click();
    await again.waitForURL(`${server.url}/`);
    expect(await languageOf(again)).to.equal('en');
    expect(await again.locator('h1').textContent()).to.equal('Your access');
    const [stored] = await server.db.query<{ language: string }>('SELECT language FROM accounts WHERE id = $1', [person.accountId]);
    expect(stored?.language).to.equal('en');
    await second.close();
  });

  it("shows the account, organization, audit and outbox pages, their forms' problems and the reset e-mail in Spanish", async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
    const director = await createAccount(server.db, { email: uniqueEmail('directora'), isPlatformAdmin: true, memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.waitForURL(`${server.url}/login`);
    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await expectSpanishPage(page, '¿Olvidó su contraseña?');
    await page.goto(`${server.url}/login`);
    await signInInSpanish(page, server.url, director);
    await expectSpanishPage(page, 'Su acceso');

    // The reset e-mail speaks the account's language (Spanish since this sign-in).
    await page.goto(`${server.url}/login/forgot`);
    await page.getByLabel('Correo electrónico').fill(director.email);
    await page.getByRole('button', { name: 'Enviarme un enlace' }).click();
    expect(await page.getByRole('status').textContent()).to.include('Si existe una cuenta con esa dirección');
    await expectSpanishPage(page, '¿Olvidó su contraseña?');

    const org = `${server.url}/orgs/${wave.organizationId}`;
    await page.goto(org);
    expect(await page.locator('h2').first().textContent()).to.equal('Unidades');
    await expectSpanishPage(page, (await page.locator('h1').textContent()) ?? '');
    await page.goto(`${org}/units`);
    await expectSpanishPage(page, 'Unidades');
    await page.getByLabel('Nombre de la unidad', { exact: true }).fill('North Clinic');
    await page.getByRole('button', { name: 'Agregar unidad' }).click();
    expect(await page.locator('#new-unit-name-error').textContent()).to.equal('Error: ya existe una unidad llamada "North Clinic"');
    await expectSpanishPage(page, 'Unidades');

    await page.goto(`${org}/colleagues`);
    await expectSpanishPage(page, 'Colegas');
    await page.getByLabel('Correo electrónico').fill(uniqueEmail('colega'));
    await page.getByRole('radio', { name: 'Investigador(a)' }).check();
    await page.getByRole('button', { name: 'Invitar' }).click();
    await expectSpanishPage(page, 'Colega invitado(a)');
    const setPasswordLink = (await page.locator('#one-time-link').textContent()) ?? '';

    await page.goto(`${org}/audit`);
    expect(await page.locator('main').innerText()).to.include('Asignó un rol');
    await expectSpanishPage(page, (await page.locator('h1').textContent()) ?? '');
    await page.goto(`${server.url}/admin`);
    await expectSpanishPage(page, 'Administración de la plataforma');
    await page.goto(`${server.url}/admin/accounts`);
    await expectSpanishPage(page, 'Cuentas del personal');
    await page.goto(`${server.url}/admin/audit`);
    await expectSpanishPage(page, 'Registro de auditoría: todas las organizaciones');
    await page.goto(`${server.url}/account/password`);
    await expectSpanishPage(page, 'Cambiar su contraseña');

    await page.goto(`${server.url}/admin/outbox`);
    const subject = page.getByRole('link', { name: 'Restablezca su contraseña de PeerClimate' });
    for (let tries = 0; tries < 50 && (await subject.count()) === 0; tries += 1) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await expectSpanishPage(page, 'Bandeja de salida');
    await subject.click();
    await expectSpanishPage(page, 'Restablezca su contraseña de PeerClimate');
    expect(await page.locator('pre.mail-text').first().textContent()).to.include('Elija una contraseña nueva aquí');

    await page.goto(setPasswordLink);
    await expectSpanishPage(page, 'Elija su contraseña');
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
