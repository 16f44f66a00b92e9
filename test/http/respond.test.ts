import { expect } from 'chai';
import { buildCompleteAnswers, fetchFormToken, postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';

type StoredResponse = { id: string; waveId: string; unitId: string; roleGroup: string | null; language: string; submittedOn: string; isToday: boolean; answers: Record<string, unknown> };

async function readResponses(server: TestServer, waveId: string): Promise<StoredResponse[]> {
  return server.db.query<StoredResponse>(
    `SELECT id, wave_id AS "waveId", unit_id AS "unitId", role_group AS "roleGroup", language,
            submitted_on::text AS "submittedOn", submitted_on = current_date AS "isToday", answers
     FROM responses WHERE wave_id = $1`,
    [waveId],
  );
}


for (const kind of databaseKinds) {
  describe(`respondent flow on ${kind}`, function () {
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

    describe('GET /s/:code', () => {
      it('when the link is open, renders the survey with the anonymity promise, crisis line and a strict CSP', async () => {
        const response = await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'text/html' } });
        const html = await response.text();
        expect(response.status).to.equal(200);
        expect(html).to.include('Your answers are anonymous');
        expect(html).to.include('Results are shown only for groups of 5 or more people');
        expect(html).to.include('988');
        expect(html).to.include('data-config="');
        expect(html).to.include('North Clinic');
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).to.include("script-src 'self'");
        expect(csp).not.to.match(/script-src[^;]*unsafe-inline/);
        expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
        expect(response.headers.get('cache-control')).to.equal('no-store');
      });

      it('when the link is unknown, answers a 404 page without a stack trace', async () => {
        const response = await fetch(`${server.url}/s/not-a-real-link-code-at-all`, { headers: { Accept: 'text/html' } });
        const html = await response.text();
        expect(response.status).to.equal(404);
        expect(html).to.include('This survey link is not valid');
        expect(html).not.to.match(/at .*\.ts:\d+/);
      });

      it('when the wave is closed, answers 410 with a clear page', async () => {
        const instrument = instrumentByKey(server.published, 'peer-staff-climate');
        const closed = await buildWave(server.db, instrument, { status: 'closed' });
        const response = await fetch(`${server.url}/s/${closed.links[0]?.code ?? ''}`, { headers: { Accept: 'text/html' } });
        expect(response.status).to.equal(410);
        expect(await response.text()).to.include('This survey is not open right now');
      });
    });

    describe('POST /s/:code', () => {
      it('when every answer is valid, stores one anonymous row holding only wave, unit, role group, language, day and answers', async () => {
        const response = await postAnswers(server.url, code, { answers, language: 'es' }, {
          'User-Agent': 'UniqueAgent/9.9 (respondent-device)', 'X-Forwarded-For': '203.0.113.77',
        });
        expect(response.status).to.equal(201);
        expect(await response.json()).to.deep.equal({ next: '/s/thanks' });
        const [stored, ...others] = await readResponses(server, wave.waveId);
        expect(others).to.have.length(0);
        expect(stored?.unitId).to.equal(wave.links[0]?.unitId);
        expect(stored?.roleGroup).to.equal('peer_staff');
        expect(stored?.language).to.equal('es');
        expect(stored?.isToday).to.equal(true);
        expect(stored?.answers).to.deep.equal(answers);
        expect(stored?.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      });

      it('keeps no column that could identify a respondent or the moment of answering', async () => {
        const columns = await server.db.query<{ name: string; type: string }>(
          `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'responses' ORDER BY column_name`,
        );
        expect(columns.map((column) => column.name)).to.deep.equal(
          ['answers', 'id', 'instrument_version_id', 'language', 'role_group', 'scores', 'submitted_on', 'unit_id', 'wave_id'],
        );
        expect(columns.filter((column) => /time/.test(column.type))).to.deep.equal([]);
      });

      it('when a response is stored, no log line holds the IP, user agent, link code or any answer', async () => {
        server.logs.length = 0;
        const secret = 'my-supervisor-Jane-said-something';
        const response = await postAnswers(server.url, code, { answers: { ...answers, comment_change: secret } }, {
          'User-Agent': 'UniqueAgent/9.9', 'X-Forwarded-For': '203.0.113.77',
        });
        expect(response.status).to.equal(201);
        const log = server.logs.join('\n');
        expect(server.logs.length).to.be.greaterThan(0);
        for (const forbidden of ['127.0.0.1', '::1', '203.0.113.77', 'UniqueAgent', code, secret, 'peer_staff']) {
          expect(log, forbidden).not.to.include(forbidden);
        }
        expect(log).to.include('"route":"/s/:code"');
      });

      it('when a text answer holds HTML, stores it verbatim as text', async () => {
        const html = '<img src=x onerror="alert(1)">';
        expect((await postAnswers(server.url, code, { answers: { ...answers, comment_helpful: html } })).status).to.equal(201);
        const [stored] = await readResponses(server, wave.waveId);
        expect(stored?.answers.comment_helpful).to.equal(html);
      });

      const badBodies: Array<{ scenario: string; body: (valid: Record<string, unknown>) => unknown; status: number; code: string; mentions: string }> = [
        { scenario: 'the JSON is malformed', body: () => '{"answers": {', status: 400, code: 'malformed_json', mentions: 'not valid JSON' },
        { scenario: 'the body is over the size limit', body: (valid) => ({ answers: { ...valid, comment_helpful: 'x'.repeat(70_000) } }), status: 413, code: 'payload_too_large', mentions: 'too large' },
        { scenario: 'a question name is unknown', body: (valid) => ({ answers: { ...valid, email: 'a@b.org' } }), status: 400, code: 'invalid_input', mentions: 'email: is not a question in this survey' },
        { scenario: 'a choice was not offered', body: (valid) => ({ answers: { ...valid, role_group: 'ceo' } }), status: 400, code: 'invalid_input', mentions: 'role_group: must be one of the offered choices' },
        { scenario: 'a rating is out of range', body: (valid) => ({ answers: { ...valid, rc_know_duties: 7 } }), status: 400, code: 'invalid_input', mentions: 'rc_know_duties: must be 1 to 5' },
        { scenario: 'a rating has the wrong type', body: (valid) => ({ answers: { ...valid, rc_know_duties: '4' } }), status: 400, code: 'invalid_input', mentions: 'rc_know_duties: must be 1 to 5' },
        { scenario: 'a text answer is too long', body: (valid) => ({ answers: { ...valid, comment_helpful: 'y'.repeat(2001) } }), status: 400, code: 'invalid_input', mentions: 'comment_helpful: must be at most 2000 characters' },
        { scenario: 'a required question is missing', body: (valid) => ({ answers: { ...valid, role_group: undefined } }), status: 400, code: 'invalid_input', mentions: 'role_group: is required' },
        { scenario: 'the language does not exist', body: (valid) => ({ answers: valid, language: 'fr' }), status: 400, code: 'invalid_input', mentions: 'language: must be one of en, es' },
        { scenario: 'answers is not an object', body: () => ({ answers: [1, 2] }), status: 400, code: 'invalid_input', mentions: 'answers' },
        { scenario: 'the body has an unexpected field', body: (valid) => ({ answers: valid, respondentId: 'abc' }), status: 400, code: 'invalid_input', mentions: 'respondentId' },
      ];
      for (const bad of badBodies) {
        it(`when ${bad.scenario}, answers ${bad.status} naming the problem and stores nothing`, async () => {
          const response = await postAnswers(server.url, code, bad.body(answers));
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect(response.status).to.equal(bad.status);
          expect(body.error.code).to.equal(bad.code);
          expect(body.error.message).to.include(bad.mentions);
          expect(await readResponses(server, wave.waveId)).to.have.length(0);
        });
      }

      it('when the wave is closed, answers 410 and stores nothing', async () => {
        const instrument = instrumentByKey(server.published, 'peer-staff-climate');
        const closed = await buildWave(server.db, instrument, { status: 'closed' });
        const response = await postAnswers(server.url, closed.links[0]?.code ?? '', { answers });
        expect(response.status).to.equal(410);
        expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('wave_closed');
        expect(await readResponses(server, closed.waveId)).to.have.length(0);
      });

      it('when the wave is closed a moment after a submission read its link, the next answers 410 and stores nothing', async () => {
        const formToken = await fetchFormToken(server.url, code);
        expect((await postAnswers(server.url, code, { answers })).status).to.equal(201);
        await server.db.query(`UPDATE waves SET status = 'closed' WHERE id = $1`, [wave.waveId]);
        const response = await postAnswers(server.url, code, { answers, formToken });
        expect(response.status).to.equal(410);
        expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('wave_closed');
        expect(await readResponses(server, wave.waveId)).to.have.length(1);
      });

      it('when 20 respondents submit at once, stores all 20', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, () => postAnswers(server.url, code, { answers })));
        expect(results.map((result) => result.status)).to.deep.equal(Array.from({ length: 20 }, () => 201));
        expect(await readResponses(server, wave.waveId)).to.have.length(20);
      });
    });

    describe('other routes', () => {
      it('GET /healthz names the database kind and says migrations are current', async () => {
        const response = await fetch(`${server.url}/healthz`);
        const body = (await response.json()) as { database: string; migrations: { isCurrent: boolean; applied: number } };
        expect(response.status).to.equal(200);
        expect(body.database).to.equal(kind);
        expect(body.migrations.isCurrent).to.equal(true);
        expect(body.migrations.applied).to.be.greaterThan(0);
      });

      it('when a route is unknown, answers a 404 page', async () => {
        const response = await fetch(`${server.url}/admin/secret`, { headers: { Accept: 'text/html' } });
        expect(response.status).to.equal(404);
        expect(await response.text()).to.include('There is no page at this address');
      });
    });
  });
}
