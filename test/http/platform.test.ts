import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDb } from '../../server/db/db.js';
import { migrate, readMigrations } from '../../server/db/migrate.js';
import { loadConfig } from '../../server/config.js';
import { parseInstrument } from '../../server/instruments/definition.js';
import { scoreResponse, scoringRules } from '../../server/instruments/scoring.js';
import { publishInstrumentFiles } from '../../server/instruments/service.js';
import { createLogger } from '../../server/log.js';
import { prepareDatabase } from '../../server/main.js';
import { buildCompleteAnswers } from '../support/answers.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { databaseKinds, requireDatabase, startTestServer } from '../support/server.js';

for (const kind of databaseKinds) {
  describe(`database start-up on ${kind}`, function () {
    let database: TestDatabase;

    before(async function () {
      await requireDatabase(this, kind);
    });
    beforeEach(async () => {
      database = await createTestDatabase(kind);
    });
    afterEach(async () => database.drop());

    it('when two processes migrate at once, applies each migration exactly once', async () => {
      const first = await openDb(database);
      // PGlite holds its folder exclusively, so the second "process" is a second pool only on PostgreSQL.
      const second = kind === 'postgres' ? await openDb(database) : first;
      try {
        const [appliedByFirst, appliedBySecond] = await Promise.all([migrate(first), migrate(second)]);
        const expected = (await readMigrations()).map((migration) => migration.version);
        expect([...appliedByFirst, ...appliedBySecond].sort((a, b) => a - b)).to.deep.equal(expected);
        const recorded = await first.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(recorded.map((row) => row.version)).to.deep.equal(expected);
        expect(await migrate(first)).to.deep.equal([]);
      } finally {
        if (second !== first) await second.close();
        await first.close();
      }
    });

    // PGlite has no pool and no connection to lose.
    if (kind === 'postgres') {
      it('when PostgreSQL drops an idle pooled connection, reports it and the next query still runs', async () => {
        const lost: Error[] = [];
        const db = await openDb({ ...database, onConnectionLost: (error) => lost.push(error) });
        try {
          // Two queries at once leave two idle connections; one terminates the other.
          await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
          await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
          for (let waited = 0; lost.length === 0 && waited < 50; waited += 1) await new Promise((resolve) => setTimeout(resolve, 20));
          expect(lost).to.have.length(1);
          expect(await db.query<{ one: number }>('SELECT 1 AS one')).to.deep.equal([{ one: 1 }]);
        } finally {
          await db.close();
        }
      });
    }

    it('when a database holds responses from before scores were kept, the next start migrates and scores them', async () => {
      const file = 'peer-staff-climate.v1.json';
      const json = JSON.parse(await fs.readFile(path.resolve('surveys', file), 'utf8')) as unknown;
      const parsed = parseInstrument(json);
      if (!parsed.ok) throw new Error('surveys/ file does not parse');
      const answers = buildCompleteAnswers(parsed.instrument);
      const old = await openDb(database);
      try {
        // The schema as it stood at migration 0006, holding one response.
        await old.execScript('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
        for (const migration of (await readMigrations()).slice(0, 6)) {
          await old.execScript(migration.sql);
          await old.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        }
        await old.query(`WITH o AS (INSERT INTO organizations (name) VALUES ('Old') RETURNING id),
            u AS (INSERT INTO units (organization_id, name) SELECT id, 'Unit' FROM o RETURNING id, organization_id),
            i AS (INSERT INTO instrument_versions (instrument_key, version, audience, title, content_hash, definition)
                  VALUES ('old-copy', 1, 'peer_staff', 'Old', 'x', $1::jsonb) RETURNING id),
            w AS (INSERT INTO waves (organization_id, instrument_version_id, name) SELECT u.organization_id, i.id, 'W' FROM u, i RETURNING id, instrument_version_id)
          INSERT INTO responses (wave_id, unit_id, instrument_version_id, language, answers)
          SELECT w.id, u.id, w.instrument_version_id, 'en', $2::jsonb FROM w, u`, [JSON.stringify(json), JSON.stringify(answers)]);
      } finally {
        await old.close();
      }
      const config = loadConfig({ DATA_DIR: database.dataDir, SURVEYS_DIR: path.resolve('surveys'), ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) });
      const { db } = await prepareDatabase(config, createLogger('error'));
      try {
        const rows = await db.query<{ scores: Record<string, number> }>('SELECT scores FROM responses');
        expect(rows.map((row) => row.scores)).to.deep.equal([scoreResponse(scoringRules(parsed.instrument), answers)]);
        expect(Object.keys(rows[0]?.scores ?? {})).to.have.length(parsed.instrument.subscales.length);
      } finally {
        await db.close();
      }
    });

    it('when a published instrument file changes without a new version, refuses to start, naming the file', async () => {
      const db = await openDb(database);
      const surveysDir = await fs.mkdtemp(path.join(os.tmpdir(), 'surveys-'));
      try {
        await migrate(db);
        const file = 'peer-staff-climate.v1.json';
        const original = JSON.parse(await fs.readFile(path.resolve('surveys', file), 'utf8')) as { title: Record<string, string> };
        await fs.writeFile(path.join(surveysDir, file), JSON.stringify(original));
        await publishInstrumentFiles(db, surveysDir);
        await fs.writeFile(path.join(surveysDir, file), JSON.stringify({ ...original, title: { ...original.title, en: 'Changed' } }));
        let message = '';
        await publishInstrumentFiles(db, surveysDir).catch((error: unknown) => { message = (error as Error).message; });
        expect(message).to.include(file);
        expect(message).to.include('save the change as version 2');
      } finally {
        await db.close();
        await fs.rm(surveysDir, { recursive: true, force: true });
      }
    });
  });

  describe(`server errors on ${kind}`, function () {
    before(async function () {
      await requireDatabase(this, kind);
    });

    it('when the database fails mid-request, answers a 500 page without a stack and logs the stack without respondent data', async () => {
      const server = await startTestServer(kind);
      try {
        const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
        const code = wave.links[0]?.code ?? '';
        await server.db.close();
        const response = await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'text/html' } });
        const html = await response.text();
        expect(response.status).to.equal(500);
        expect(html).to.include('The server could not complete this request');
        expect(html).not.to.match(/\.ts:\d+|Error:/);
        const errorLines = server.logs.filter((line) => line.includes('"level":"error"'));
        expect(errorLines).to.have.length(1);
        expect(errorLines[0]).to.include('stack');
        expect(server.logs.join('\n')).not.to.include(code);
      } finally {
        await server.stop();
      }
    });
  });
}
