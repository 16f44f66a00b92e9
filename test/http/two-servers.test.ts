import { expect } from 'chai';
import { buildCompleteAnswers, postAnswers } from '../support/answers.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { type ChildServer, databaseEnv, startChildServer, withPreparedDatabase } from '../support/child-server.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { type Bouncer, startPgBouncer } from '../support/pgbouncer.js';
import { requireDatabase } from '../support/server.js';
import { createAccount, createFormClient, uniqueEmail } from '../support/staff.js';
import { hasCommand, skipTier } from '../support/tiers.js';

for (const throughBouncer of [false, true]) {
  describe(`two server processes on one PostgreSQL${throughBouncer ? ', through PgBouncer in transaction pooling mode' : ''}`, function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let bouncer: Bouncer | undefined;
    let servers: ChildServer[] = [];

    before(async function () {
      await requireDatabase(this, 'postgres');
      if (throughBouncer && !(await hasCommand('pgbouncer'))) skipTier(this, 'PgBouncer', 'pgbouncer is not installed (apt-get install pgbouncer)');
      const direct = await createTestDatabase('postgres');
      bouncer = throughBouncer ? await startPgBouncer() : undefined;
      database = { ...direct, databaseUrl: bouncer && direct.databaseUrl ? bouncer.urlFor(direct.databaseUrl) : direct.databaseUrl, drop: () => direct.drop() };
    });
    after(async () => {
      for (const server of servers) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await bouncer?.stop();
      // A skipped tier never made its database.
      if (typeof database !== 'undefined') await database.drop();
    });

    it('signs in on one and continues on the other, takes answers through both, and the start-up sweep closes an expired wave once', async () => {
      const seeded = await withPreparedDatabase(database, async (db, published) => {
        const entry = instrumentByKey(published, 'peer-staff-climate');
        const open = await buildWave(db, entry);
        const expired = await buildWave(db, entry);
        await db.query("UPDATE waves SET opens_on = current_date - 10, closes_on = current_date - 2 WHERE id = $1", [expired.waveId]);
        const manager = await createAccount(db, { email: uniqueEmail('manager'), memberships: [{ organizationId: open.organizationId, role: 'manager' }] });
        return { open, expired, manager, instrument: entry.instrument };
      });
      servers = await Promise.all([startChildServer(databaseEnv(database)), startChildServer(databaseEnv(database))]);
      const [first, second] = servers.map((server) => server.url);

      const onFirst = createFormClient(first ?? '');
      expect((await onFirst.submit('/login', '/login', { email: seeded.manager.email, password: seeded.manager.password })).status).to.equal(303);
      const onSecond = createFormClient(second ?? '');
      for (const [name, value] of onFirst.cookies) onSecond.cookies.set(name, value);
      const page = await onSecond.get(`/orgs/${seeded.open.organizationId}/waves/${seeded.open.waveId}`);
      expect(page.response.status).to.equal(200);
      expect(page.html).to.include(seeded.manager.email);

      const code = seeded.open.links[0]?.code ?? '';
      const statuses = await Promise.all(Array.from({ length: 20 }, async (_, index) => {
        const response = await postAnswers(index % 2 === 0 ? (first ?? '') : (second ?? ''), code, { answers: buildCompleteAnswers(seeded.instrument, index) });
        return response.status;
      }));
      expect(statuses.every((status) => status === 201)).to.equal(true);

      const counts = await withPreparedDatabase(database, async (db) => {
        const [row] = await db.query<{ responses: number; closings: number; aggregates: number }>(
          `SELECT (SELECT count(*)::int FROM responses WHERE wave_id = $1) AS responses,
                  (SELECT count(*)::int FROM audit_events WHERE action = 'wave.closed_at_close_date' AND organization_id = $2) AS closings,
                  (SELECT count(*)::int FROM closed_wave_aggregates WHERE wave_id = $3) AS aggregates`,
          [seeded.open.waveId, seeded.expired.organizationId, seeded.expired.waveId],
        );
        return row;
      });
      expect(counts).to.deep.equal({ responses: 20, closings: 1, aggregates: 1 });
    });
  });
}
