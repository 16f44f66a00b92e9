import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { openDb, type Db } from '../../server/db/db.js';
import { submitResponse } from '../../server/respond/service.js';
import { buildCompleteAnswers, issueFormTokens } from '../support/answers.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { withPreparedDatabase } from '../support/child-server.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { requireDatabase } from '../support/server.js';
import { createAccount, openSession, uniqueEmail } from '../support/staff.js';
import { hasCommand, skipTier } from '../support/tiers.js';

const run = promisify(execFile);

async function readEveryTable(db: Db): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const contents: Record<string, string[]> = {};
  for (const { name } of tables) contents[name] = (await db.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`)).map((entry) => entry.row).sort();
  return contents;
}

describe('backups: pg_dump and pg_restore as README says', function () {
  this.timeout(120_000);
  let original: TestDatabase;
  let restored: TestDatabase;

  before(async function () {
    await requireDatabase(this, 'postgres');
    if (!(await hasCommand('pg_dump')) || !(await hasCommand('pg_restore'))) skipTier(this, 'pg_dump', 'pg_dump/pg_restore are not installed (apt-get install postgresql-client)');
    original = await createTestDatabase('postgres');
    restored = await createTestDatabase('postgres');
  });
  after(async () => {
    await original.drop();
    await restored.drop();
  });

  it('a custom-format dump restored into an empty database holds every row of every table', async () => {
    await withPreparedDatabase(original, async (db, published) => {
      const entry = instrumentByKey(published, 'peer-staff-climate');
      const wave = await buildWave(db, entry);
      const code = wave.links[0]?.code ?? '';
      const tokens = await issueFormTokens(db, code, 6);
      for (let seed = 0; seed < 6; seed += 1) await submitResponse(db, code, { answers: buildCompleteAnswers(entry.instrument, seed), language: 'en', formToken: tokens[seed] });
      const manager = await createAccount(db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      await openSession(db, manager.accountId);
    });
    const dump = path.join(os.tmpdir(), `peerclimate-backup-${process.pid}.dump`);
    await run('pg_dump', ['--format=custom', `--file=${dump}`, original.databaseUrl ?? '']);
    await run('pg_restore', ['--no-owner', `--dbname=${restored.databaseUrl ?? ''}`, dump]);
    const [before, after] = [await openDb({ databaseUrl: original.databaseUrl, dataDir: original.dataDir }), await openDb({ databaseUrl: restored.databaseUrl, dataDir: restored.dataDir })];
    try {
      const [was, is] = [await readEveryTable(before), await readEveryTable(after)];
      expect(was.responses).to.have.length(6);
      expect(Object.keys(is).sort()).to.deep.equal(Object.keys(was).sort());
      for (const table of Object.keys(was)) expect(is[table], table).to.deep.equal(was[table]);
    } finally {
      await before.close();
      await after.close();
      await fs.rm(dump, { force: true });
    }
  });
});
