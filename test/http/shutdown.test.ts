import http from 'node:http';
import { expect } from 'chai';
import type { Instrument } from '../../server/instruments/definition.js';
import { buildCompleteAnswers, issueFormTokens } from '../support/answers.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { databaseEnv, startChildServer, withPreparedDatabase } from '../support/child-server.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { databaseKinds, requireDatabase } from '../support/server.js';

type Outcome = { acknowledged: number; failures: string[] };

function post(agent: http.Agent, url: string, path: string, body: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({
      agent, host: target.hostname, port: target.port, path, method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', (error: Error & { code?: string }) => {
      // A fresh connection reset before any answer was still in the kernel's accept queue when
      // the listener closed: the server never read it (the server's own count below shows it).
      reject(new Error(request.reusedSocket || error.code !== 'ECONNRESET' ? (error.code ?? error.message) : 'NEVER_ACCEPTED'));
    });
    request.end(body);
  });
}

/**
 * One client posting answers in a loop over one keep-alive connection (as a browser tab
 * would), until the server refuses to connect or something else goes wrong.
 */
async function submitUntilRefused(url: string, code: string, instrument: Instrument, seed: number, outcome: Outcome, formTokens: string[]): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let round = 0; ; round += 1) {
      const status = await post(agent, url, `/s/${code}`, JSON.stringify({ answers: buildCompleteAnswers(instrument, seed + round), formToken: formTokens.pop() })).catch((error: unknown) => (error as Error).message);
      if (status === 201) outcome.acknowledged += 1;
      // Refused, or never accepted: the server stopped listening before it took this request.
      else if (status === 'ECONNREFUSED' || status === 'NEVER_ACCEPTED') return;
      else {
        outcome.failures.push(String(status));
        return;
      }
    }
  } finally {
    agent.destroy();
  }
}

for (const kind of databaseKinds) {
  describe(`stopping on SIGTERM under load on ${kind}`, function () {
    this.timeout(120_000);
    let database: TestDatabase;

    before(async function () {
      await requireDatabase(this, kind);
      database = await createTestDatabase(kind);
    });
    after(async () => {
      await database.drop();
    });

    it('stops accepting, lets 50 keep-alive clients finish, resets none, exits 0 and keeps every acknowledged response; the setup link went to stderr', async () => {
      const { wave, instrument, formTokens } = await withPreparedDatabase(database, async (db, published) => {
        const entry = instrumentByKey(published, 'peer-staff-climate');
        const built = await buildWave(db, entry);
        // Each submission spends the form token of a survey page: issued up front, far more than the run takes.
        return { wave: built, instrument: entry.instrument, formTokens: await issueFormTokens(db, built.links[0]?.code ?? '', 2000) };
      });
      const code = wave.links[0]?.code ?? '';
      const server = await startChildServer({ ...databaseEnv(database), SHUTDOWN_TIMEOUT_S: '10' });
      const outcome: Outcome = { acknowledged: 0, failures: [] };
      const clients = Array.from({ length: 50 }, (_, index) => submitUntilRefused(server.url, code, instrument, index * 1000, outcome, formTokens));
      while (outcome.acknowledged < 200 && outcome.failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const atSignal = outcome.acknowledged;
      server.child.kill('SIGTERM');
      const exitCode = await server.exited;
      await Promise.all(clients);

      expect(outcome.failures).to.deep.equal([]);
      expect(exitCode).to.equal(0);
      expect(outcome.acknowledged).to.be.greaterThan(atSignal);
      const stored = await withPreparedDatabase(database, async (db) => {
        const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM responses WHERE wave_id = $1', [wave.waveId]);
        return row?.count ?? 0;
      });
      expect(stored).to.equal(outcome.acknowledged);
      expect(server.stderr()).to.match(/\/setup\/[A-Za-z0-9_-]{22}/);
      expect(server.stdout.join('\n')).not.to.include('/setup/');
      const logged = server.stdout.map((line) => JSON.parse(line) as { message: string; route?: string; status?: number });
      expect(logged.map((line) => line.message)).to.include.members(['stopping', 'stopped']);
      expect(logged.find((line) => line.message === 'stopped')).to.have.property('cutRequests', 0);
      expect(logged.filter((line) => line.route === '/s/:code').map((line) => line.status), 'every request the server took was answered 201').to.have.length(outcome.acknowledged).and.satisfy((statuses: number[]) => statuses.every((status) => status === 201));
    });
  });
}
