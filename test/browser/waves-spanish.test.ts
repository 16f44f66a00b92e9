import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { recordAuditEvent } from '../../server/audit/service.js';
import { invitations } from '../../server/i18n/es/invitations.js';
import { waves } from '../../server/i18n/es/waves.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { signInThroughLoginPage, useBrowserJourney } from '../support/browser.js';
import { englishTextsOf, expectSpanishPage as expectSpanish } from '../support/spanish.js';
import type { TestServer } from '../support/server.js';
import { createAccount, uniqueEmail } from '../support/staff.js';

const englishTexts = englishTextsOf(waves, invitations);

function expectSpanishPage(page: Page, heading: string | RegExp): Promise<string> {
  return expectSpanish(page, { heading, english: englishTexts });
}

describe('journey: a Spanish-speaking manager runs waves in Spanish', function () {
  let browser: Browser;
  let server: TestServer;
  useBrowserJourney((launched, started) => {
    browser = launched;
    server = started;
  });

  it('shows the new-wave form, a draft, an open-link wave, an invitation wave and the close confirmation in Spanish', async () => {
    const instrument = instrumentByKey(server.published, 'peer-staff-climate');
    const draft = await buildWave(server.db, instrument, { status: 'draft' });
    const open = await buildWave(server.db, instrument, { status: 'open' });
    const invited = await buildWave(server.db, instrument, { status: 'open', distribution: 'invitation' });
    await recordAuditEvent(server.db, {
      accountId: null, organizationId: open.organizationId, action: 'link.rate_ceiling_reached', target: 'wave',
      details: { waveId: open.waveId, unit: 'North Clinic', ceiling: 60, minutes: 10 },
    });
    const manager = await createAccount(server.db, {
      email: uniqueEmail('directora'),
      memberships: [draft, open, invited].map((built) => ({ organizationId: built.organizationId, role: 'manager' as const })),
    });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signInThroughLoginPage(page, server.url, manager);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.waitForURL(`${server.url}/`);
    const wavePage = (built: { organizationId: string; waveId: string }, tail = ''): string => `${server.url}/orgs/${built.organizationId}/waves/${built.waveId}${tail}`;

    // The new-wave form offers the instrument under its own Spanish title.
    await page.goto(`${server.url}/orgs/${draft.organizationId}/waves/new`);
    const form = await expectSpanishPage(page, 'Nueva ronda de encuesta');
    expect(form).to.include('Encuesta sobre el clima laboral para el personal de apoyo de pares').and.include('Personal de apoyo de pares');

    // A draft: its status, its thresholds form, and a refused threshold shown in Spanish beside the field.
    await page.goto(wavePage(draft));
    await expectSpanishPage(page, /^Wave \d+$/);
    expect(await page.locator('#wave-status').textContent()).to.equal('Borrador: todavía no está abierta');
    await page.getByLabel('Tamaño mínimo de grupo k (al menos 3)').fill('8');
    await page.getByLabel('Umbral de comentarios (al menos k)').fill('5');
    await page.getByRole('button', { name: 'Guardar umbrales' }).click();
    expect(await page.locator('#comment-threshold-error').textContent()).to.equal('Error: debe ser al menos el tamaño mínimo de grupo k');
    await expectSpanishPage(page, /^Wave \d+$/);
    await page.goto(wavePage(draft, '/edit'));
    await expectSpanishPage(page, 'Editar el borrador');
    await page.goto(wavePage(draft, '/delete'));
    await expectSpanishPage(page, /^¿Eliminar el borrador Wave \d+\?$/);

    // An open-link wave: its links, headcounts and kiosks, a rate alert, its QR sheets.
    await page.goto(wavePage(open));
    const openText = await expectSpanishPage(page, /^Wave \d+$/);
    expect(await page.locator('#wave-status').textContent()).to.equal('Abierta');
    expect(openText).to.include('Número de personas y quiosco por unidad').and.include('North Clinic: más de 60 páginas en diez minutos');
    expect(openText).to.include('Encuesta sobre el clima laboral para el personal de apoyo de pares (versión');
    await page.goto(wavePage(open, '/qr'));
    await expectSpanishPage(page, /^Enlaces de la encuesta: Wave \d+$/);
    await page.goto(wavePage(open, '/close'));
    await expectSpanishPage(page, /^¿Cerrar Wave \d+\?$/);
    await page.getByRole('button', { name: 'Cerrar la ronda' }).click();
    await page.waitForURL(wavePage(open));
    expect(await page.locator('#wave-status').textContent()).to.equal('Cerrada');
    await expectSpanishPage(page, /^Wave \d+$/);

    // An invitation wave: addresses sent (a bad line refused in Spanish first), a reminder, the mail table.
    await page.goto(wavePage(invited));
    await expectSpanishPage(page, /^Wave \d+$/);
    await page.getByLabel(/o pegue las direcciones/).fill('ana@example.org,North Clinic,es\nnot-an-address,North Clinic');
    await page.getByRole('button', { name: 'Enviar las invitaciones' }).click();
    expect(await page.locator('#addresses-error').textContent()).to.equal('Error: línea 2: "not-an-address" no es una dirección de correo electrónico');
    await expectSpanishPage(page, /^Wave \d+$/);
    await page.getByLabel(/o pegue las direcciones/).fill('ana@example.org,North Clinic,es\nben@example.org,South Clinic');
    await page.getByRole('button', { name: 'Enviar las invitaciones' }).click();
    await page.waitForURL(/#email-invitations$/);
    await page.getByRole('button', { name: 'Agregar el recordatorio' }).click();
    await page.waitForURL(/#reminders$/);
    const panel = await expectSpanishPage(page, /^Wave \d+$/);
    expect(panel).to.include('Correos electrónicos enviados para esta ronda').and.match(/Enviado el \d{4}-\d{2}-\d{2} a 2 direcciones cuya invitación no se había abierto/);
    expect(panel).to.include('Enviar un recordatorio (quedan 2)').and.include('Imprimir tarjetas de la encuesta');
    expect(problems).to.deep.equal([]);
    await page.close();
  });
});
