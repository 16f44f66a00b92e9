import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';
import { openDb, type Db } from '../../server/db/db.js';
import { submitResponse } from '../../server/respond/service.js';
import { buildCompleteAnswers, issueFormTokens } from '../support/answers.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { withPreparedDatabase } from '../support/child-server.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { requireDatabase } from '../support/server.js';
import { createAccount, openSession, uniqueEmail } from '../support/staff.js';

const run = promisify(execFile);

/** Every row of every public table as sorted JSON text, read independently of the script. */
async function readEveryTable(db: Db): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const contents: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM "${name}" t`);
    contents[name] = rows.map((entry) => JSON.stringify(Object.entries(entry.row).sort(([a], [b]) => a.localeCompare(b)))).sort();
  }
  return contents;
}

function moveToPostgres(source: TestDatabase, targetUrl: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return run(process.execPath, ['--import', 'tsx', 'scripts/move-to-postgres.ts', targetUrl], { env: { ...process.env, DATA_DIR: source.dataDir, DATABASE_URL: '' } })
    .then(({ stdout, stderr }) => ({ stdout, stderr, code: 0 }), (error: unknown) => {
      const failed = error as { stdout: string; stderr: string; code: number };
      return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
    });
}

describe('npm run move-to-postgres', function () {
  this.timeout(120_000);
  let source: TestDatabase;
  let target: TestDatabase;

  before(async function () {
    await requireDatabase(this, 'postgres');
    source = await createTestDatabase('pglite');
    target = await createTestDatabase('postgres');
  });
  after(async () => {
    await source.drop();
    await target.drop();
  });

  it('copies an embedded PGlite database into an empty PostgreSQL with every table equal, and refuses a target that is not empty', async () => {
    await withPreparedDatabase(source, async (db, published) => {
      const entry = instrumentByKey(published, 'peer-staff-climate');
      const wave = await buildWave(db, entry);
      for (let seed = 0; seed < 7; seed += 1) {
        const code = wave.links[seed % 2]?.code ?? '';
        const [formToken] = await issueFormTokens(db, code, 1);
        await submitResponse(db, code, { answers: buildCompleteAnswers(entry.instrument, seed), language: 'en', formToken });
      }
      const manager = await createAccount(db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      await openSession(db, manager.accountId);
    });
    const moved = await moveToPostgres(source, target.databaseUrl ?? '');
    expect(moved.code, moved.stderr).to.equal(0);
    expect(moved.stdout).to.include('Every table matches');

    const config = loadConfig({ DATA_DIR: source.dataDir });
    const [pglite, postgres] = [await openDb({ dataDir: config.dataDir }), await openDb({ databaseUrl: target.databaseUrl, dataDir: config.dataDir })];
    try {
      const [before, after] = [await readEveryTable(pglite), await readEveryTable(postgres)];
      expect(Object.keys(after).sort()).to.deep.equal(Object.keys(before).sort());
      expect(before.responses).to.have.length(7);
      for (const table of Object.keys(before)) expect(after[table], table).to.deep.equal(before[table]);
    } finally {
      await pglite.close();
      await postgres.close();
    }

    const again = await moveToPostgres(source, target.databaseUrl ?? '');
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include('the target database is not empty');
  });
});

