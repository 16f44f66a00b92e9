import { expect } from 'chai';
import { createGroupCommitter } from '../../server/db/group-commit.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';

for (const kind of databaseKinds) {
  describe(`createGroupCommitter on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, async (started) => {
      server = started;
      await server.db.query('CREATE TABLE group_probe (label int NOT NULL, grp text NOT NULL)');
      await server.db.query('CREATE TABLE group_deferred (label int NOT NULL, CONSTRAINT one_label UNIQUE (label) DEFERRABLE INITIALLY DEFERRED)');
    });

    async function labels(group: string): Promise<number[]> {
      const rows = await server.db.query<{ label: number }>('SELECT label FROM group_probe WHERE grp = $1 ORDER BY ctid', [group]);
      return rows.map((row) => row.label);
    }

    it('commits concurrent units together, answering a failing unit with its own error while the others are stored', async () => {
      const committer = createGroupCommitter(server.db, { maxBatch: 64, maxConcurrentBatches: 1 });
      const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, label) => committer.run(async (tx) => {
        await tx.query('INSERT INTO group_probe (label, grp) VALUES ($1, $2)', [label, 'mixed']);
        if (label % 7 === 3) throw new Error(`unit ${label} refused`);
      })));
      const refused = outcomes.flatMap((outcome, label) => (outcome.status === 'rejected' ? [[label, (outcome.reason as Error).message]] : []));
      expect(refused).to.deep.equal([[3, 'unit 3 refused'], [10, 'unit 10 refused'], [17, 'unit 17 refused'], [24, 'unit 24 refused']]);
      expect((await labels('mixed')).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 30 }, (_, label) => label).filter((label) => label % 7 !== 3));
    });

    it('runs a batch in random order: the rows\' physical order does not follow arrival', async () => {
      const committer = createGroupCommitter(server.db, { maxBatch: 64, maxConcurrentBatches: 1 });
      const orders: string[] = [];
      for (let round = 0; round < 3; round += 1) {
        const group = `order-${round}`;
        // The first unit starts a batch on its own; the next 40 arrive while it runs and form the next batch.
        await Promise.all(Array.from({ length: 41 }, (_, label) => committer.run(async (tx) => {
          await tx.query('INSERT INTO group_probe (label, grp) VALUES ($1, $2)', [label, group]);
        })));
        const stored = (await labels(group)).slice(1);
        expect([...stored].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 40 }, (_, index) => index + 1));
        orders.push(stored.join(','));
      }
      const arrival = Array.from({ length: 40 }, (_, index) => index + 1).join(',');
      expect(orders.filter((order) => order === arrival)).to.deep.equal([]);
      expect(new Set(orders).size).to.equal(3);
    });

    it('when the shared commit fails, rejects every unit of the batch and stores none of them', async () => {
      const committer = createGroupCommitter(server.db, { maxBatch: 64, maxConcurrentBatches: 1 });
      await committer.run(async (tx) => { await tx.query('INSERT INTO group_deferred (label) VALUES (0)'); });
      const outcomes = await Promise.allSettled([1, 2, 0, 3].map((label) => committer.run(async (tx) => {
        await tx.query('INSERT INTO group_deferred (label) VALUES ($1)', [label]);
      })));
      const [first] = outcomes;
      // The first of the four starts its own batch (it commits); the other three share the next, whose commit breaks.
      expect(first?.status, first?.status === 'rejected' ? String(first.reason) : '').to.equal('fulfilled');
      expect(outcomes.slice(1).map((outcome) => outcome.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
      const rows = await server.db.query<{ label: number }>('SELECT label FROM group_deferred ORDER BY label');
      expect(rows.map((row) => row.label)).to.deep.equal([0, 1]);
    });
  });
}
