import fs from 'node:fs/promises';
import { expect } from 'chai';
import { AppError } from '../../server/http/errors.js';
import { buildCodebook } from '../../server/instruments/codebook.js';
import { scoreResponse, scoringRules } from '../../server/instruments/scoring.js';
import { importInstrument, type PublishedInstrument, retireInstrumentVersion } from '../../server/instruments/service.js';
import { scoreStoredResponses } from '../../server/respond/service.js';
import { buildCompleteAnswers, postAnswers as postAnswersAt } from '../support/answers.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { parseCsv } from '../support/csv.js';
import { databaseKinds, useTestServer, type TestServer } from '../support/server.js';

const instrumentKeys = ['peer-staff-climate', 'supervisor-clinical-climate'];

function postAnswers(server: TestServer, code: string, body: unknown): Promise<Response> {
  return postAnswersAt(server.url, code, body);
}

async function readStored(server: TestServer, waveId: string): Promise<Array<{ answers: Record<string, unknown>; scores: Record<string, number> }>> {
  return server.db.query('SELECT answers, scores FROM responses WHERE wave_id = $1', [waveId]);
}

/** Complete answers with some subscales thinned out: one keeps half its items, one keeps a single item. */
function answersWithSkips(published: PublishedInstrument): { answers: Record<string, unknown>; halfKept: string; mostlySkipped: string } {
  const { instrument } = published;
  const answers = buildCompleteAnswers(instrument, 2);
  const [half, mostly] = instrument.subscales;
  if (!half || !mostly) throw new Error('instrument needs two subscales');
  for (const item of half.items.slice(Math.ceil(half.items.length / 2))) answers[item.question] = undefined;
  for (const item of mostly.items.slice(1)) answers[item.question] = undefined;
  return { answers, halfKept: half.key, mostlySkipped: mostly.key };
}

async function countInstrumentVersions(server: TestServer): Promise<number> {
  const [row] = await server.db.query<{ count: number }>('SELECT count(*)::int AS count FROM instrument_versions');
  return row?.count ?? 0;
}

async function importRejection(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the import was accepted');
}

for (const kind of databaseKinds) {
  describe(`instruments on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => { server = started; });

    describe('POST /s/:code scoring', () => {
      for (const key of instrumentKeys) {
        it(`when a ${key} response skips items, stores the scoring engine's scores, leaving the thin subscale unscored`, async () => {
          const published = instrumentByKey(server.published, key);
          const wave = await buildWave(server.db, published);
          const { answers, halfKept, mostlySkipped } = answersWithSkips(published);
          expect((await postAnswers(server, wave.links[0]?.code ?? '', { answers, language: 'es' })).status).to.equal(201);
          const [stored] = await readStored(server, wave.waveId);
          expect(stored?.scores).to.deep.equal(scoreResponse(scoringRules(published.instrument), stored?.answers ?? {}));
          expect(Object.keys(stored?.scores ?? {})).to.include(halfKept);
          expect(Object.keys(stored?.scores ?? {})).not.to.include(mostlySkipped);
          expect(Object.keys(stored?.scores ?? {})).to.have.length(published.instrument.subscales.length - 1);
        });

        it(`when a ${key} response names a language the instrument does not have, answers 400 and stores nothing`, async () => {
          const published = instrumentByKey(server.published, key);
          const wave = await buildWave(server.db, published);
          const response = await postAnswers(server, wave.links[0]?.code ?? '', { answers: buildCompleteAnswers(published.instrument), language: 'fr' });
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect(response.status).to.equal(400);
          expect(body.error).to.deep.include({ code: 'invalid_input', message: 'language: must be one of en, es' });
          expect(await readStored(server, wave.waveId)).to.have.length(0);
        });
      }

      it('when responses were stored before scores existed, the start-up step scores them once', async () => {
        const published = instrumentByKey(server.published, 'peer-staff-climate');
        const wave = await buildWave(server.db, published);
        const answers = buildCompleteAnswers(published.instrument, 3);
        // What migration 0007 leaves on an older row: a JSON null in place of scores.
        await server.db.query(
          `INSERT INTO responses (wave_id, unit_id, instrument_version_id, role_group, language, answers, scores)
           VALUES ($1, $2, $3, 'peer_staff', 'en', $4::jsonb, 'null'::jsonb)`,
          [wave.waveId, wave.links[0]?.unitId ?? '', published.id, JSON.stringify(answers)],
        );
        expect(await scoreStoredResponses(server.db)).to.equal(1);
        const [stored] = await readStored(server, wave.waveId);
        expect(stored?.scores).to.deep.equal(scoreResponse(scoringRules(published.instrument), answers));
        expect(Object.keys(stored?.scores ?? {})).to.have.length(published.instrument.subscales.length);
        expect(await scoreStoredResponses(server.db)).to.equal(0);
      });
    });

    describe('retired versions', () => {
      it('when the wave\'s instrument version is retired, POST answers 410 instrument_retired, the page says closed, and nothing is stored', async () => {
        const older = instrumentByKey(server.published, 'supervisor-clinical-climate', 1);
        const wave = await buildWave(server.db, older);
        const code = wave.links[0]?.code ?? '';
        expect(await retireInstrumentVersion(server.db, null, older.instrument.key, 1)).to.equal(older.id);
        const response = await postAnswers(server, code, { answers: buildCompleteAnswers(older.instrument) });
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(response.status).to.equal(410);
        expect(body.error.code).to.equal('instrument_retired');
        expect(body.error.message).to.include('no longer takes answers');
        expect(await readStored(server, wave.waveId)).to.have.length(0);
        const page = await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'text/html' } });
        expect(page.status).to.equal(410);
        expect(await page.text()).to.include('This survey is closed');
        const [row] = await server.db.query<{ isRetired: boolean }>('SELECT retired_at IS NOT NULL AS "isRetired" FROM instrument_versions WHERE id = $1', [older.id]);
        expect(row?.isRetired).to.equal(true);
      });

      it('when the version named does not exist, refuses with not_found', async () => {
        const error = await importRejection(() => retireInstrumentVersion(server.db, null, 'peer-staff-climate', 99));
        expect(error.code).to.equal('not_found');
      });
    });

    describe('codebooks', () => {
      it('GET /instruments lists every built-in version with links to its codebook page and CSV', async () => {
        const response = await fetch(`${server.url}/instruments`, { headers: { Accept: 'text/html' } });
        const html = await response.text();
        expect(response.status).to.equal(200);
        for (const published of server.published) {
          expect(html).to.include(`href="/instruments/${published.id}/codebook"`);
          expect(html).to.include(`href="/instruments/${published.id}/codebook.csv"`);
          expect(html).to.include(published.instrument.title.es ?? 'no Spanish title');
        }
      });

      for (const key of instrumentKeys) {
        it(`GET /instruments/:id/codebook.csv for ${key} downloads UTF-8 CSV with a row for every question and score`, async () => {
          const published = instrumentByKey(server.published, key);
          const response = await fetch(`${server.url}/instruments/${published.id}/codebook.csv`);
          expect(response.status).to.equal(200);
          expect(response.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
          expect(response.headers.get('content-disposition')).to.equal(`attachment; filename=${key}.v${published.instrument.version}.codebook.csv`);
          const [header, ...rows] = parseCsv(await response.text());
          expect(header?.slice(0, 4)).to.deep.equal(['variable', 'role', 'question_en', 'question_es']);
          expect(rows.map((row) => row[0])).to.deep.equal(buildCodebook(published.instrument).map((row) => row.variable));
          for (const question of published.instrument.questions) expect(rows.map((row) => row[0])).to.include(question.name);
          expect(rows.find((row) => row[0] === 'role_group')?.[3]).to.equal('¿Qué opción describe mejor su puesto?');
        });

        it(`GET /instruments/:id/codebook for ${key} shows the table in both languages`, async () => {
          const published = instrumentByKey(server.published, key);
          const response = await fetch(`${server.url}/instruments/${published.id}/codebook`, { headers: { Accept: 'text/html' } });
          const html = await response.text();
          expect(response.status).to.equal(200);
          expect(html).to.include('question_es');
          for (const question of published.instrument.questions) expect(html).to.include(`<code>${question.name}</code>`);
          expect(html).to.include('¿Qué opción describe mejor su puesto?');
        });
      }

      it('when the version is unknown, answers 404; when the id is malformed, 400 naming it', async () => {
        const unknown = await fetch(`${server.url}/instruments/00000000-0000-4000-8000-000000000000/codebook.csv`, { headers: { Accept: 'application/json' } });
        expect(unknown.status).to.equal(404);
        const malformed = await fetch(`${server.url}/instruments/not-an-id/codebook`, { headers: { Accept: 'application/json' } });
        const body = (await malformed.json()) as { error: { code: string; details: Array<{ path: string }> } };
        expect(malformed.status).to.equal(400);
        expect(body.error.details.map((detail) => detail.path)).to.deep.equal(['params.versionId']);
      });
    });

    describe('importInstrument', () => {
      let organizationId: string;
      let validText: string;

      before(async () => {
        organizationId = (await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'))).organizationId;
        const json = JSON.parse(await fs.readFile('surveys/peer-staff-climate.v2.json', 'utf8')) as Record<string, unknown>;
        validText = JSON.stringify({ ...json, key: 'our-licensed-scale', version: 1 });
      });

      const badFiles: Array<{ scenario: string; text: (valid: string) => string; mentions: string[] }> = [
        { scenario: 'the file is not valid JSON', text: (valid) => valid.slice(0, 40), mentions: ['bad.json: (file): is not valid JSON'] },
        { scenario: 'a question type is unknown', text: (valid) => valid.replace('"type":"rating","name":"rc_know_duties"', '"type":"magic-widget","name":"rc_know_duties"'), mentions: ['bad.json:', 'survey.rc_know_duties: question type "magic-widget" is not known to SurveyJS'] },
        { scenario: 'the metadata names a missing question', text: (valid) => valid.replace('"question":"rc_job_description"', '"question":"rc_job_descr"'), mentions: ['bad.json:', 'subscales[2].items[4].question: names "rc_job_descr", which is not a question in the survey'] },
        { scenario: 'the key is a built-in instrument\'s', text: (valid) => valid.replace('"key":"our-licensed-scale"', '"key":"peer-staff-climate"'), mentions: ['bad.json: key: "peer-staff-climate" is the key of a built-in instrument'] },
      ];
      for (const bad of badFiles) {
        it(`when ${bad.scenario}, refuses with invalid_input naming the file and field, and stores nothing`, async () => {
          const before = await countInstrumentVersions(server);
          const text = bad.text(validText);
          expect(text).not.to.equal(validText);
          const error = await importRejection(() => importInstrument(server.db, organizationId, 'bad.json', text));
          expect(error.code).to.equal('invalid_input');
          for (const mention of bad.mentions) expect(error.message).to.include(mention);
          expect(error.details.length).to.be.greaterThan(0);
          expect(await countInstrumentVersions(server)).to.equal(before);
        });
      }

      it('when the file is valid, stores it for that organization only, once, and keeps its codebook private', async () => {
        const imported = await importInstrument(server.db, organizationId, 'ours.json', validText);
        expect(imported).to.deep.include({ isNew: true });
        const again = await importInstrument(server.db, organizationId, 'ours.json', validText);
        expect(again).to.deep.include({ id: imported.id, isNew: false });
        const [row] = await server.db.query<{ organizationId: string }>('SELECT organization_id AS "organizationId" FROM instrument_versions WHERE id = $1', [imported.id]);
        expect(row?.organizationId).to.equal(organizationId);
        expect((await fetch(`${server.url}/instruments/${imported.id}/codebook`)).status).to.equal(404);
        expect(await (await fetch(`${server.url}/instruments`)).text()).not.to.include(imported.id);
      });

      it('when another organization imports the same key and version, keeps both', async () => {
        const other = (await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'))).organizationId;
        const mine = await importInstrument(server.db, organizationId, 'ours.json', validText);
        const theirs = await importInstrument(server.db, other, 'theirs.json', validText);
        expect(theirs.id).not.to.equal(mine.id);
      });

      it('when a published version is imported again with other content, refuses naming the version', async () => {
        await importInstrument(server.db, organizationId, 'ours.json', validText);
        const before = await countInstrumentVersions(server);
        const changed = validText.replace('"favorableAtLeast":4', '"favorableAtLeast":5');
        const error = await importRejection(() => importInstrument(server.db, organizationId, 'ours-edited.json', changed));
        expect(error.message).to.include('ours-edited.json: version: version 1 of our-licensed-scale is already published with other content; save the change as version 2');
        expect(await countInstrumentVersions(server)).to.equal(before);
      });

      it('when the organization does not exist, refuses with not_found', async () => {
        const error = await importRejection(() => importInstrument(server.db, '00000000-0000-4000-8000-000000000000', 'ours.json', validText));
        expect(error.code).to.equal('not_found');
      });
    });
  });
}
