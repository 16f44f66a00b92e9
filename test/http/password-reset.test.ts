import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { readMessage, type ReadMessage } from '../../server/mail/outbox/mime.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, createFormClient, uniqueEmail } from '../support/staff.js';

const publicUrl = 'https://survey.example.org';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

for (const kind of databaseKinds) {
  describe(`POST /login/forgot on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => {
      server = started;
    }, { PUBLIC_URL: publicUrl });

    async function requestReset(email: string): Promise<{ status: number; location: string | null; page: string; ms: number }> {
      const client = createFormClient(server.url);
      await client.get('/login/forgot');
      const started = performance.now();
      const response = await client.submit('/login/forgot', '/login/forgot', { email });
      const ms = performance.now() - started;
      const location = response.headers.get('location');
      return { status: response.status, location, page: location ? (await client.get(location)).html : await response.text(), ms };
    }

    /** The outbox message for an address, once the delivery loop has written it. */
    async function waitForMail(address: string): Promise<ReadMessage> {
      for (let tries = 0; tries < 100; tries += 1) {
        const names = await fs.readdir(server.config.outboxDir).catch(() => []);
        for (const name of names.filter((candidate) => candidate.endsWith('.eml'))) {
          const message = readMessage(await fs.readFile(path.join(server.config.outboxDir, name), 'latin1'));
          if (message.to === address) return message;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('no password reset mail reached the outbox');
    }

    it('when the address has an account, mails a one-time link that sets the password once, and keeps only counts of the mail', async () => {
      const account = await createAccount(server.db, { email: uniqueEmail('forgetful') });
      const answer = await requestReset(account.email.toUpperCase());
      expect([answer.status, answer.location]).to.deep.equal([303, '/login/forgot?sent=1']);
      expect(answer.page).to.include('If an account exists for that address, we have sent it an e-mail');

      const mail = await waitForMail(account.email);
      expect(mail.subject).to.equal('Reset your PeerClimate password');
      const token = new RegExp(`${publicUrl}/password/([A-Za-z0-9_-]+)\\n`).exec(mail.text)?.[1] ?? '';
      expect(token).to.have.length.greaterThan(10);
      expect(mail.html).to.include(`<a href="${publicUrl}/password/${token}">`);

      const client = createFormClient(server.url);
      const set = await client.submit(`/password/${token}`, `/password/${token}`, { password: 'a brand new password', confirmPassword: 'a brand new password' });
      expect([set.status, set.headers.get('location')]).to.deep.equal([303, '/login?notice=password_set']);
      const signIn = await client.submit('/login', '/login', { email: account.email, password: 'a brand new password' });
      expect(signIn.status).to.equal(303);
      expect((await client.get(`/password/${token}`)).response.status, 'the link works once').to.equal(404);

      const [batch] = await server.db.query<{ organizationId: string | null; total: number; sent: number }>(
        "SELECT organization_id AS \"organizationId\", total, sent FROM mail_batches WHERE kind = 'password_reset'",
      );
      expect(batch).to.deep.equal({ organizationId: null, total: 1, sent: 1 });
      expect(await countRows(server, 'mail_messages')).to.equal(0);
      expect(await countRows(server, "audit_events WHERE action = 'account.password_reset_mailed' AND account_id = $1", [account.accountId])).to.equal(1);
      expect(server.logs.filter((line) => line.includes(account.email) || line.includes(token))).to.deep.equal([]);
      await server.db.query('DELETE FROM mail_batches');
    });

    it('when the account reads PeerClimate in Spanish, mails it in Spanish from an English page', async () => {
      const account = await createAccount(server.db, { email: uniqueEmail('lectora') });
      await server.db.query("UPDATE accounts SET language = 'es' WHERE id = $1", [account.accountId]);
      expect((await requestReset(account.email)).page).to.include('If an account exists for that address');
      const mail = await waitForMail(account.email);
      expect(mail.subject).to.equal('Restablezca su contraseña de PeerClimate');
      expect(mail.text).to.include('Elija una contraseña nueva aquí (el enlace funciona una sola vez, dentro de').and.include(`${publicUrl}/password/`);
      expect(mail.html).to.include('Si usted no lo pidió, ignore este mensaje');
      await server.db.query('DELETE FROM mail_batches');
    });

    it('when the address has no account, gives exactly the same answer and stores no link and no mail', async () => {
      const links = await countRows(server, 'password_links');
      const absent = await requestReset(uniqueEmail('nobody'));
      const present = await requestReset((await createAccount(server.db, { email: uniqueEmail('somebody') })).email);
      expect([absent.status, absent.location, absent.page.replace(/value="[^"]+"/g, '')]).to.deep.equal([present.status, present.location, present.page.replace(/value="[^"]+"/g, '')]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await countRows(server, 'password_links')).to.equal(links + 1);
      expect(await countRows(server, 'mail_batches')).to.equal(1);
      await server.db.query('DELETE FROM mail_batches');
    });

    it('answers as fast for an unknown address as for an account (the work happens after the answer)', async function () {
      this.timeout(120_000);
      const known: number[] = [];
      const unknown: number[] = [];
      // Accounts made first, and the order alternated, so neither kind always follows a write.
      const accounts = await Promise.all(Array.from({ length: 8 }, () => createAccount(server.db, { email: uniqueEmail('timed') })));
      for (const [round, account] of accounts.entries()) {
        const timeKnown = async (): Promise<void> => { known.push((await requestReset(account.email)).ms); };
        const timeUnknown = async (): Promise<void> => { unknown.push((await requestReset(uniqueEmail('nobody'))).ms); };
        for (const time of round % 2 === 0 ? [timeKnown, timeUnknown] : [timeUnknown, timeKnown]) await time();
      }
      const ratio = median(unknown) / median(known);
      expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`).to.be.within(0.5, 2);
      await server.db.query('DELETE FROM mail_batches');
    });

    it('limits requests to 3 per address per 15 minutes, for an address without an account too', async () => {
      for (const email of [(await createAccount(server.db, { email: uniqueEmail('limited') })).email, uniqueEmail('nobody')]) {
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await requestReset(email)).status);
        expect(statuses).to.deep.equal([303, 303, 303, 429]);
      }
    });

    it('when the address is malformed, shows the form again with the problem beside the field and counts nothing', async () => {
      const attempts = await countRows(server, 'sign_in_attempts');
      const answer = await requestReset('not an address');
      expect(answer.status).to.equal(400);
      expect(answer.page).to.include('must be an email address').and.include('aria-invalid="true"').and.include('value="not an address"');
      expect(await countRows(server, 'sign_in_attempts')).to.equal(attempts);
    });
  });
}
