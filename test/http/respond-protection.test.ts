import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { hashToken } from '../../server/http/tokens.js';
import { buildCompleteAnswers, fetchFormToken, postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, staffFetch, uniqueEmail } from '../support/staff.js';

type ErrorBody = { error: { code: string; message: string } };

async function readError(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

function countResponses(server: TestServer, waveId: string): Promise<number> {
  return countRows(server, 'responses WHERE wave_id = $1', [waveId]);
}

async function linkIdOf(server: TestServer, code: string): Promise<string> {
  const [row] = await server.db.query<{ id: string }>('SELECT id FROM wave_links WHERE code = $1', [code]);
  return row?.id ?? '';
}

/** Sets a unit's headcount and kiosk mark through the manager's form, as a manager would. */
async function saveLinkSettings(server: TestServer, wave: BuiltWave, unitId: string, fields: { headcount: string; kiosk?: boolean }): Promise<Response> {
  const manager = await createAccount(server.db, { email: uniqueEmail('links'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
  const session = await openSession(server.db, manager.accountId);
  const form: Record<string, string> = { [`headcount_${unitId}`]: fields.headcount };
  if (fields.kiosk) form[`kiosk_${unitId}`] = 'yes';
  return staffFetch(server.url, session, `/orgs/${wave.organizationId}/waves/${wave.waveId}/link-settings`, { form });
}

for (const kind of databaseKinds) {
  describe(`form tokens, headcount and kiosk links on ${kind}`, function () {
    let server: TestServer;
    let wave: BuiltWave;
    let code: string;
    let answers: Record<string, unknown>;

    useTestServer(kind, (started) => {
      server = started;
    });
    beforeEach(async () => {
      const instrument = instrumentByKey(server.published, 'peer-staff-climate');
      wave = await buildWave(server.db, instrument);
      code = wave.links[0]?.code ?? '';
      answers = buildCompleteAnswers(instrument.instrument);
    });

    it('when the survey page is opened, it carries a form token of which only the hash is stored, with the link and no time', async () => {
      const token = await fetchFormToken(server.url, code);
      expect(token).to.match(/^\d{10}\.[A-Za-z0-9_-]{43}$/);
      const rows = await server.db.query<{ tokenHash: string; waveLinkId: string; isToday: boolean }>(
        'SELECT token_hash AS "tokenHash", wave_link_id AS "waveLinkId", issued_on = current_date AS "isToday" FROM form_tokens WHERE wave_link_id = $1',
        [await linkIdOf(server, code)],
      );
      expect(rows).to.deep.equal([{ tokenHash: hashToken(token ?? ''), waveLinkId: await linkIdOf(server, code), isToday: true }]);
      const columns = await server.db.query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'form_tokens' ORDER BY column_name`,
      );
      expect(columns.map((column) => column.name)).to.deep.equal(['issued_on', 'token_hash', 'wave_link_id']);
    });

    it('when a submission through an open link has no form token, answers 400 naming it and stores nothing', async () => {
      const response = await fetch(`${server.url}/s/${code}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ answers }),
      });
      expect(response.status).to.equal(400);
      expect((await readError(response)).message).to.include('formToken: is required');
      expect(await countResponses(server, wave.waveId)).to.equal(0);
    });

    it('when a form token is sent twice, stores one response and tells the second "already received" in the respondent\'s language', async () => {
      const formToken = await fetchFormToken(server.url, code);
      expect((await postAnswers(server.url, code, { answers, formToken })).status).to.equal(201);
      const again = await postAnswers(server.url, code, { answers, language: 'es', formToken });
      expect(again.status).to.equal(409);
      const error = await readError(again);
      expect(error.code).to.equal('form_token_used');
      expect(error.message).to.equal('Estas respuestas ya se habían recibido. Gracias.');
      expect(await countResponses(server, wave.waveId)).to.equal(1);
      expect(await countRows(server, 'form_tokens WHERE token_hash = $1', [hashToken(formToken ?? '')])).to.equal(0);
    });

    it('when the same token is sent by two requests at once, exactly one is stored', async () => {
      const formToken = await fetchFormToken(server.url, code);
      const results = await Promise.all([1, 2, 3].map(() => postAnswers(server.url, code, { answers, formToken })));
      expect(results.map((result) => result.status).sort()).to.deep.equal([201, 409, 409]);
      expect(await countResponses(server, wave.waveId)).to.equal(1);
    });

    it('when a form token has expired, answers 410 asking for a reload, and stores nothing', async () => {
      const expired = `${String(Math.floor(Date.now() / 1000) - 60)}.${randomBytes(32).toString('base64url')}`;
      await server.db.query('INSERT INTO form_tokens (token_hash, wave_link_id) VALUES ($1, $2)', [hashToken(expired), await linkIdOf(server, code)]);
      const response = await postAnswers(server.url, code, { answers, formToken: expired });
      expect(response.status).to.equal(410);
      const error = await readError(response);
      expect(error.code).to.equal('form_token_expired');
      expect(error.message).to.include('Reload the page');
      expect(await countResponses(server, wave.waveId)).to.equal(0);
    });

    it('when an expired token was already used, tells the late retry "already received" rather than asking for a resend', async () => {
      const formToken = await fetchFormToken(server.url, code);
      expect((await postAnswers(server.url, code, { answers, formToken })).status).to.equal(201);
      // The server's clock cannot be moved: the same random part with a passed expiry stands for this token a day later.
      const expiredSinceUse = `${String(Math.floor(Date.now() / 1000) - 60)}.${(formToken ?? '').split('.')[1] ?? ''}`;
      const late = await postAnswers(server.url, code, { answers, formToken: expiredSinceUse });
      expect((await readError(late)).code).to.equal('form_token_used');
      expect(await countResponses(server, wave.waveId)).to.equal(1);
    });

    it('when a token of another unit\'s link is sent, refuses it and stores nothing', async () => {
      const otherToken = await fetchFormToken(server.url, wave.links[1]?.code ?? '');
      const response = await postAnswers(server.url, code, { answers, formToken: otherToken });
      expect(response.status).to.equal(409);
      expect(await countResponses(server, wave.waveId)).to.equal(0);
    });

    it('when the answers are refused, the token stays usable, so the corrected submission is stored', async () => {
      const formToken = await fetchFormToken(server.url, code);
      expect((await postAnswers(server.url, code, { answers: { ...answers, rc_know_duties: 9 }, formToken })).status).to.equal(400);
      expect((await postAnswers(server.url, code, { answers, formToken })).status).to.equal(201);
      expect(await countResponses(server, wave.waveId)).to.equal(1);
    });

    it('when a unit reaches its headcount, the link stops taking answers and says so, also to a page opened before', async () => {
      const unitId = wave.links[0]?.unitId ?? '';
      expect((await saveLinkSettings(server, wave, unitId, { headcount: '2' })).status).to.equal(303);
      const early = await fetchFormToken(server.url, code);
      for (let person = 0; person < 2; person += 1) expect((await postAnswers(server.url, code, { answers })).status).to.equal(201);
      const page = await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'text/html', 'Accept-Language': 'es' } });
      expect(page.status).to.equal(409);
      const html = await page.text();
      expect(html).to.include('recibió tantas respuestas como personas tiene el equipo');
      expect(html).to.include('988');
      const late = await postAnswers(server.url, code, { answers, formToken: early });
      expect(late.status).to.equal(409);
      expect((await readError(late)).code).to.equal('link_full');
      expect(await countResponses(server, wave.waveId)).to.equal(2);
    });

    it('when many submit at once to a link with a headcount, exactly the headcount is stored', async () => {
      const unitId = wave.links[0]?.unitId ?? '';
      expect((await saveLinkSettings(server, wave, unitId, { headcount: '3' })).status).to.equal(303);
      const tokens = await Promise.all(Array.from({ length: 8 }, () => fetchFormToken(server.url, code)));
      const results = await Promise.all(tokens.map((formToken) => postAnswers(server.url, code, { answers, formToken })));
      expect(results.filter((result) => result.status === 201)).to.have.length(3);
      expect(results.filter((result) => result.status === 409)).to.have.length(5);
      expect(await countResponses(server, wave.waveId)).to.equal(3);
    });

    it('when the headcount is not a positive whole number, answers 400 naming the field and changes nothing', async () => {
      const unitId = wave.links[0]?.unitId ?? '';
      const response = await saveLinkSettings(server, wave, unitId, { headcount: '0' });
      expect(response.status).to.equal(400);
      expect((await readError(response)).message).to.include(`headcount_${unitId}: must be at least 1`);
      expect(await countRows(server, 'wave_links WHERE headcount IS NOT NULL AND wave_id = $1', [wave.waveId])).to.equal(0);
    });

    it('when a manager marks a unit\'s link as a kiosk, its page says so to its script, and the thank-you page offers the next person a fresh start', async () => {
      const unitId = wave.links[0]?.unitId ?? '';
      expect((await saveLinkSettings(server, wave, unitId, { headcount: '', kiosk: true })).status).to.equal(303);
      const html = await (await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'text/html' } })).text();
      expect(html).to.include('&#34;isKiosk&#34;:true');
      const other = await (await fetch(`${server.url}/s/${wave.links[1]?.code ?? ''}`, { headers: { Accept: 'text/html' } })).text();
      expect(other).to.include('&#34;isKiosk&#34;:false');
      const thanks = await (await fetch(`${server.url}/s/thanks?lang=es&kiosk=1`)).text();
      expect(thanks).to.include('Empezar para la siguiente persona');
      const [event] = await server.db.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE organization_id = $1 AND action = 'wave.link_settings_changed'", [wave.organizationId],
      );
      expect(event?.action).to.equal('wave.link_settings_changed');
    });
  });

  describe(`the pages around the survey speak the respondent's language on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => {
      server = started;
    });

    const pages: Array<{ scenario: string; path: (server: TestServer) => Promise<string>; status: number; english: string; spanish: string }> = [
      { scenario: 'an unknown link', path: () => Promise.resolve('/s/not-a-real-link-code-at-all'), status: 404, english: 'This survey link is not valid', spanish: 'Este enlace de la encuesta no es válido' },
      {
        scenario: 'a closed wave', status: 410, english: 'This survey is not open right now', spanish: 'Esta encuesta no está abierta en este momento',
        path: async (started) => `/s/${(await buildWave(started.db, instrumentByKey(started.published, 'peer-staff-climate'), { status: 'closed' })).links[0]?.code ?? ''}`,
      },
      { scenario: 'the thank-you page', path: () => Promise.resolve('/s/thanks'), status: 200, english: 'Your answers were saved anonymously', spanish: 'Sus respuestas se guardaron de forma anónima' },
    ];
    for (const page of pages) {
      it(`${page.scenario}: follows the browser's language or ?lang=, carries the crisis line, and never says "you can stop"`, async () => {
        const path = await page.path(server);
        const spanish = await fetch(`${server.url}${path}`, { headers: { Accept: 'text/html', 'Accept-Language': 'es-MX,es;q=0.9' } });
        expect(spanish.status).to.equal(page.status);
        const spanishHtml = await spanish.text();
        expect(spanishHtml).to.include('<html lang="es">');
        expect(spanishHtml).to.include(page.spanish);
        expect(spanishHtml).to.include('llame o envíe un mensaje de texto al 988');
        const english = await (await fetch(`${server.url}${path}?lang=en`, { headers: { Accept: 'text/html', 'Accept-Language': 'es' } })).text();
        expect(english).to.include(page.english);
        expect(english).to.include('call or text 988');
        expect(english).not.to.include('You can stop this survey');
      });
    }
  });

  describe(`an open link under a flood on ${kind}`, function () {
    let server: TestServer;
    const ceiling = 5;
    useTestServer(kind, (started) => {
      server = started;
    }, { LINK_RATE_CEILING: String(ceiling) });

    it('when a script opens and submits 40 times at once, only the ceiling gets through, the managers are told once, and other links are untouched', async () => {
      const published = instrumentByKey(server.published, 'peer-staff-climate');
      const wave = await buildWave(server.db, published);
      const answers = buildCompleteAnswers(published.instrument);
      const code = wave.links[0]?.code ?? '';
      const results = await Promise.all(Array.from({ length: 40 }, () => postAnswers(server.url, code, { answers })));
      expect(results.filter((result) => result.status === 201)).to.have.length(ceiling);
      expect(await countResponses(server, wave.waveId)).to.equal(ceiling);
      const page = await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'text/html' } });
      expect(page.status).to.equal(429);
      expect(await page.text()).to.include('paused for a short time');
      const refused = await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'application/json' } });
      expect((await readError(refused)).code).to.equal('link_busy');

      const alerts = await server.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_events WHERE organization_id = $1 AND action = 'link.rate_ceiling_reached'", [wave.organizationId],
      );
      expect(alerts).to.have.length(1);
      expect(alerts[0]?.details).to.deep.equal({ waveId: wave.waveId, unit: 'North Clinic', ceiling, minutes: 10 });
      const manager = await createAccount(server.db, { email: uniqueEmail('flood'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      const wavePage = await (await staffFetch(server.url, await openSession(server.db, manager.accountId), `/orgs/${wave.organizationId}/waves/${wave.waveId}`, { accept: 'html' })).text();
      expect(wavePage).to.include('An open link was opened unusually often');
      expect(wavePage).to.include(`North Clinic: more than ${String(ceiling)} pages in ten minutes`);

      expect((await postAnswers(server.url, wave.links[1]?.code ?? '', { answers })).status).to.equal(201);
    });
  });
}
