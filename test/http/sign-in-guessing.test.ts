import { expect } from 'chai';
import { createAccount, createFormClient, type FormClient, uniqueEmail } from '../support/staff.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timedSignIn(client: FormClient, email: string, password: string): Promise<{ status: number; ms: number }> {
  await client.get('/login');
  const started = performance.now();
  const response = await client.submit('/login', '/login', { email, password });
  return { status: response.status, ms: performance.now() - started };
}

for (const kind of databaseKinds) {
  describe(`POST /login against guessing on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => { server = started; });

    it('takes as long for an unknown address as for a wrong password on a real account (the decoy hash is verified)', async function () {
      this.timeout(120_000);
      const rounds = 9;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const account = await createAccount(server.db, { email: uniqueEmail('timed') });
        // Interleaved, so a busy moment of the machine falls on both kinds alike.
        const wrong = await timedSignIn(createFormClient(server.url), account.email, 'not the password at all');
        const absent = await timedSignIn(createFormClient(server.url), uniqueEmail('nobody'), 'not the password at all');
        expect([wrong.status, absent.status]).to.deep.equal([401, 401]);
        known.push(wrong.ms);
        unknown.push(absent.ms);
      }
      const ratio = median(unknown) / median(known);
      expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`).to.be.within(0.6, 1.6);
    });

    it('when someone who knows the address exhausts its attempts, its owner still signs in from a browser used before, and that browser is limited too', async () => {
      const owner = await createAccount(server.db, { email: uniqueEmail('owner') });
      const ownersBrowser = createFormClient(server.url);
      expect((await ownersBrowser.submit('/login', '/login', { email: owner.email, password: owner.password })).status).to.equal(303);
      expect(ownersBrowser.cookies.get('pc_device')).to.match(/^[A-Za-z0-9_-]{43}$/);
      ownersBrowser.cookies.delete('pc_session');

      const attacker = createFormClient(server.url);
      const attacks: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1) attacks.push((await attacker.submit('/login', '/login', { email: owner.email, password: `guess number ${attempt}` })).status);
      expect(attacks).to.deep.equal([401, 401, 401, 401, 401, 429, 429]);
      const newBrowser = createFormClient(server.url);
      expect((await newBrowser.submit('/login', '/login', { email: owner.email, password: owner.password })).status, 'a browser never used before shares the exhausted count').to.equal(429);

      expect((await ownersBrowser.submit('/login', '/login', { email: owner.email, password: owner.password })).status).to.equal(303);
      ownersBrowser.cookies.delete('pc_session');
      const guessesFromOwnersBrowser: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) guessesFromOwnersBrowser.push((await ownersBrowser.submit('/login', '/login', { email: owner.email, password: `wrong ${attempt} again` })).status);
      expect(guessesFromOwnersBrowser).to.deep.equal([401, 401, 401, 401, 401, 429]);
    });

    it('a device cookie of another account gives no count of its own', async () => {
      const mine = await createAccount(server.db, { email: uniqueEmail('mine') });
      const victim = await createAccount(server.db, { email: uniqueEmail('victim') });
      const browser = createFormClient(server.url);
      expect((await browser.submit('/login', '/login', { email: mine.email, password: mine.password })).status).to.equal(303);
      browser.cookies.delete('pc_session');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await browser.submit('/login', '/login', { email: victim.email, password: `guess ${attempt} here` })).status);
      expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 429]);
      const [row] = await server.db.query<{ count: number }>('SELECT count(*)::int AS count FROM trusted_devices WHERE account_id = $1', [victim.accountId]);
      expect(row?.count).to.equal(0);
    });
  });
}
