import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db/db.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { createLogger } from '../../server/log.js';
import { prepareDatabase } from '../../server/main.js';
import { readMessage } from '../../server/mail/outbox/mime.js';
import { maxAttempts } from '../../server/mail/retry.js';
import {
  createMailer, deliverDueMail, describeWaveMailBatches, forgetWaveMail, type Mailer, type OutgoingMail, pruneMail, queueMailBatch,
} from '../../server/mail/service.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { createTestDatabase } from '../support/databases.js';
import { databaseKinds, requireDatabase, type TestServer, useTestServer } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

const mailFrom = 'PeerClimate <no-reply@peerclimate.test>';

/** A message as an invitation would be: Spanish text, a personal link longer than a mail line. */
function invitationFor(to: string, token: string): OutgoingMail {
  const link = `https://survey.example.org/i/${token}${'x'.repeat(60)}`;
  return {
    to,
    subject: 'Encuesta de clima: ¿cómo está tu equipo?',
    text: `Hola,\n\ntu enlace personal: ${link}\n\nGracias — el equipo.`,
    html: `<p>Hola,</p><p><a href="${link}">Responder la encuesta</a> &amp; gracias — ñ</p>`,
  };
}

async function queue(db: Db, wave: BuiltWave, messages: OutgoingMail[], kind: 'invitation' | 'reminder' = 'invitation'): Promise<string> {
  return db.transaction((tx) => queueMailBatch(tx, { organizationId: wave.organizationId, waveId: wave.waveId, kind, messages }));
}

async function messageRows(db: Db, batchId: string): Promise<Array<{ to: string; status: string; attempts: number; dueInSeconds: number; lastError: string | null }>> {
  return db.query(
    `SELECT to_address AS "to", status, attempts, extract(epoch FROM next_attempt_at - now())::float AS "dueInSeconds", last_error AS "lastError"
     FROM mail_messages WHERE batch_id = $1 ORDER BY to_address`,
    [batchId],
  );
}

for (const kind of databaseKinds) {
  describe(`mail delivery through a real SMTP server on ${kind}`, function () {
    let db: Db;
    let published: PublishedInstrument[];
    let drop: () => Promise<void> = () => Promise.resolve();
    let smtp: TestSmtpServer;
    let mailer: Mailer;

    before(async function () {
      await requireDatabase(this, kind);
      const database = await createTestDatabase(kind);
      const config = loadConfig({ DATA_DIR: database.dataDir, SURVEYS_DIR: path.resolve('surveys'), ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) });
      ({ db, published } = await prepareDatabase(config, createLogger('error', () => undefined)));
      drop = async () => {
        await db.close();
        await database.drop();
      };
      smtp = await startSmtpServer();
      mailer = createMailer({ smtpUrl: smtp.url, mailFrom, outboxDir: path.join(database.dataDir, 'unused-outbox') });
    });
    after(async () => {
      mailer.close();
      await smtp.stop();
      await drop();
    });

    const newWave = (): Promise<BuiltWave> => buildWave(db, instrumentByKey(published, 'peer-staff-climate'));
    const arrivedFor = (address: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(address));

    it('sends nothing from a rolled-back transaction, then delivers a committed batch with From, To, Subject, plain text and HTML intact, keeping only counts', async () => {
      const wave = await newWave();
      const [ana, ben] = [uniqueEmail('ana'), uniqueEmail('ben')];
      await db.transaction(async (tx) => {
        await queueMailBatch(tx, { organizationId: wave.organizationId, waveId: wave.waveId, kind: 'invitation', messages: [invitationFor(ana, 'rolled-back')] });
        throw new Error('the caller changed its mind');
      }).catch(() => undefined);
      expect(await deliverDueMail(db, mailer)).to.deep.equal({ sent: 0, retried: 0, failed: 0 });

      const sent = [invitationFor(ana, 'token-ana'), invitationFor(ben, 'token-ben')];
      const batchId = await queue(db, wave, sent);
      expect(await deliverDueMail(db, mailer)).to.deep.equal({ sent: 2, retried: 0, failed: 0 });
      for (const message of sent) {
        const [arrived] = arrivedFor(message.to);
        expect(arrivedFor(message.to)).to.have.length(1);
        const read = readMessage(arrived?.raw ?? '');
        expect(read).to.include({ from: mailFrom, to: message.to, subject: message.subject, html: message.html });
        expect(read.text.replace(/\r\n/g, '\n').trimEnd(), 'SMTP carries CRLF line ends').to.equal(message.text);
        expect(arrived?.raw).to.match(/Content-Type: multipart\/alternative/);
        expect(arrived?.envelopeFrom).to.equal('no-reply@peerclimate.test');
      }
      expect(await messageRows(db, batchId)).to.deep.equal([]);
      const [status] = await describeWaveMailBatches(db, wave.organizationId, wave.waveId);
      expect(status).to.include({ id: batchId, kind: 'invitation', total: 2, sent: 2, waiting: 0, failed: 0, cancelled: 0, nextAttemptAt: null, lastError: null });
      expect(status?.createdOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('retries a temporary refusal (451) after a minute of back-off and then delivers it once, never twice, with two deliveries running at once', async () => {
      const wave = await newWave();
      const address = uniqueEmail('greylisted');
      smtp.refuse(address, 451, `451 4.7.1 <${address}>: greylisted, try again later`);
      const batchId = await queue(db, wave, [invitationFor(address, 'token-retry')]);

      expect(await deliverDueMail(db, mailer)).to.deep.equal({ sent: 0, retried: 1, failed: 0 });
      const [row] = await messageRows(db, batchId);
      expect(row).to.include({ status: 'queued', attempts: 1 });
      expect(row?.dueInSeconds).to.be.within(50, 61);
      expect(row?.lastError).to.include('451').and.not.include(address);
      expect(await deliverDueMail(db, mailer), 'not due before its back-off ends').to.deep.equal({ sent: 0, retried: 0, failed: 0 });
      const [waiting] = await describeWaveMailBatches(db, wave.organizationId, wave.waveId);
      expect(waiting).to.include({ waiting: 1, sent: 0, failed: 0 });
      expect(waiting?.nextAttemptAt).to.be.instanceOf(Date);
      expect(waiting?.lastError).to.include('451').and.not.include(address);

      await db.query("UPDATE mail_messages SET next_attempt_at = now() - interval '1 second' WHERE batch_id = $1", [batchId]);
      const results = await Promise.all([deliverDueMail(db, mailer), deliverDueMail(db, mailer)]);
      expect(results.map((result) => result.sent).reduce((a, b) => a + b)).to.equal(1);
      expect(arrivedFor(address)).to.have.length(1);
      expect(await messageRows(db, batchId)).to.deep.equal([]);
    });

    it('sends each of many messages exactly once when three deliveries run at once', async () => {
      const wave = await newWave();
      const addresses = Array.from({ length: 30 }, (_, index) => uniqueEmail(`crowd${index}`));
      await queue(db, wave, addresses.map((address, index) => invitationFor(address, `token-crowd-${index}`)));
      const results = await Promise.all([1, 2, 3].map(() => deliverDueMail(db, mailer, { limit: 100 })));
      expect(results.map((result) => result.sent).reduce((a, b) => a + b)).to.equal(30);
      expect(addresses.map((address) => arrivedFor(address).length)).to.deep.equal(addresses.map(() => 1));
      const [status] = await describeWaveMailBatches(db, wave.organizationId, wave.waveId);
      expect(status).to.include({ total: 30, sent: 30, waiting: 0 });
    });

    it('marks a permanently refused message (550) failed at once, and the batch shows it with the error but without the address', async () => {
      const wave = await newWave();
      const [refused, fine] = [uniqueEmail('nobody'), uniqueEmail('somebody')];
      smtp.refuse(refused, 550, `550 5.1.1 <${refused}>: Recipient address rejected: User unknown`);
      const batchId = await queue(db, wave, [invitationFor(refused, 'token-refused'), invitationFor(fine, 'token-fine')]);

      const counts = await deliverDueMail(db, mailer);
      expect(counts).to.deep.equal({ sent: 1, retried: 0, failed: 1 });
      expect(await messageRows(db, batchId)).to.have.length(1).and.to.have.nested.property('[0].status', 'failed');
      const [status] = await describeWaveMailBatches(db, wave.organizationId, wave.waveId);
      expect(status).to.include({ total: 2, sent: 1, failed: 1, waiting: 0 });
      expect(status?.lastError).to.include('550').and.include('[address]');
      expect(JSON.stringify(status)).not.to.include(refused.split('@')[0]);
    });

    it(`marks a message failed after ${maxAttempts} temporary refusals, never dropping it silently`, async () => {
      const wave = await newWave();
      const address = uniqueEmail('always-busy');
      smtp.refuse(address, 452, '452 4.2.2 mailbox full', maxAttempts);
      const batchId = await queue(db, wave, [invitationFor(address, 'token-busy')]);
      const outcomes: string[] = [];
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        await db.query("UPDATE mail_messages SET next_attempt_at = now() - interval '1 second' WHERE batch_id = $1", [batchId]);
        const counts = await deliverDueMail(db, mailer);
        outcomes.push(counts.failed === 1 ? 'failed' : counts.retried === 1 ? 'retried' : 'other');
      }
      expect(outcomes).to.deep.equal([...Array<string>(maxAttempts - 1).fill('retried'), 'failed']);
      expect(await messageRows(db, batchId)).to.have.nested.property('[0].attempts', maxAttempts);
      expect(await describeWaveMailBatches(db, wave.organizationId, wave.waveId)).to.have.nested.property('[0].failed', 1);
      expect(arrivedFor(address)).to.have.length(0);
    });

    it('forgets the queued and failed messages of a closing wave only, counting the unsent ones, while the batch counts stay', async () => {
      const [closing, other] = [await newWave(), await newWave()];
      const refused = uniqueEmail('refused');
      smtp.refuse(refused, 550, '550 no such user');
      const first = await queue(db, closing, [invitationFor(refused, 'a'), invitationFor(uniqueEmail('sent'), 'b')]);
      await deliverDueMail(db, mailer);
      const reminder = await queue(db, closing, [invitationFor(uniqueEmail('late1'), 'c'), invitationFor(uniqueEmail('late2'), 'd')], 'reminder');
      const kept = await queue(db, other, [invitationFor(uniqueEmail('other'), 'e')]);

      expect(await db.transaction((tx) => forgetWaveMail(tx, closing.waveId))).to.equal(3);
      expect([...(await messageRows(db, first)), ...(await messageRows(db, reminder))]).to.deep.equal([]);
      expect(await messageRows(db, kept)).to.have.length(1);
      const statuses = await describeWaveMailBatches(db, closing.organizationId, closing.waveId);
      expect(statuses.map(({ kind, total, sent, failed, waiting, cancelled }) => ({ kind, total, sent, failed, waiting, cancelled }))).to.deep.equal([
        { kind: 'invitation', total: 2, sent: 1, failed: 1, waiting: 0, cancelled: 0 },
        { kind: 'reminder', total: 2, sent: 0, failed: 0, waiting: 0, cancelled: 2 },
      ]);
      expect(await describeWaveMailBatches(db, other.organizationId, closing.waveId), 'another organization').to.deep.equal([]);
      await db.query('DELETE FROM mail_messages WHERE batch_id = $1', [kept]);
    });

    it('the sweep forgets the mail of a wave closed without its hook, and failed password-reset mail after a week', async () => {
      const wave = await newWave();
      const waiting = await queue(db, wave, [invitationFor(uniqueEmail('closed-wave'), 'f')]);
      const refused = uniqueEmail('reset-refused');
      smtp.refuse(refused, 550, '550 no such user');
      const reset = await db.transaction((tx) => queueMailBatch(tx, { organizationId: null, waveId: null, kind: 'password_reset', messages: [invitationFor(refused, 'g')] }));
      await db.query("UPDATE mail_messages SET next_attempt_at = now() + interval '1 hour' WHERE batch_id = $1", [waiting]);
      expect(await deliverDueMail(db, mailer)).to.include({ failed: 1 });
      await db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);

      expect(await pruneMail(db), 'the closed wave only: the failure is recent').to.equal(1);
      expect(await describeWaveMailBatches(db, wave.organizationId, wave.waveId)).to.have.nested.property('[0].cancelled', 1);
      await db.query("UPDATE mail_messages SET next_attempt_at = now() - interval '8 days' WHERE batch_id = $1", [reset]);
      expect(await pruneMail(db)).to.equal(1);
      expect([...(await messageRows(db, waiting)), ...(await messageRows(db, reset))]).to.deep.equal([]);
    });
  });

  describe(`the outbox without SMTP_URL, GET /admin/outbox on ${kind}`, function () {
    let server: TestServer;
    let wave: BuiltWave;
    let admin: StaffSession;
    const others = new Map<string, StaffSession>();

    useTestServer(kind, async (started) => {
      server = started;
      wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
      admin = await openSession(server.db, (await createAccount(server.db, { email: uniqueEmail('admin'), isPlatformAdmin: true })).accountId);
      for (const role of ['manager', 'researcher'] as const) {
        const account = await createAccount(server.db, { email: uniqueEmail(role), memberships: [{ organizationId: wave.organizationId, role }] });
        others.set(role, await openSession(server.db, account.accountId));
      }
    });

    async function waitForOutbox(subject: string): Promise<string> {
      for (let tries = 0; tries < 100; tries += 1) {
        const html = await (await staffFetch(server.url, admin, '/admin/outbox', { accept: 'html' })).text();
        if (html.includes(subject)) return html;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no message "${subject}" reached the outbox page: ${server.logs.filter((line) => line.includes('mail')).join('\n')}`);
    }

    it('writes each message the delivery loop sends as an .eml file that the page lists and shows, text and sandboxed HTML', async () => {
      const address = uniqueEmail('outboxed');
      const message = { ...invitationFor(address, 'token-outbox'), subject: `Invitación ${Date.now()}`, html: '<p>Hola <script>alert(1)</script><a href="https://survey.example.org/i/x">enlace</a></p>' };
      await queue(server.db, wave, [message]);
      const list = await waitForOutbox(message.subject);
      expect(list).to.include("No SMTP server is configured").and.include(address);
      const files = (await fs.readdir(server.config.outboxDir)).filter((name) => name.endsWith('.eml'));
      expect(files).to.have.length(1);
      expect(list).to.include(`/admin/outbox/${files[0] ?? ''}`);

      const page = await staffFetch(server.url, admin, `/admin/outbox/${files[0] ?? ''}`, { accept: 'html' });
      const html = await page.text();
      expect(page.status).to.equal(200);
      expect(page.headers.get('cache-control')).to.equal('no-store');
      expect(html).to.include('tu enlace personal: https://survey.example.org/i/token-outbox').and.include(address);
      expect(html).to.match(/<iframe class="mail-html" sandbox="" srcdoc="&lt;p&gt;Hola &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      expect(html).not.to.include('<script>alert(1)');
      expect(server.logs.filter((line) => line.includes(address) || line.includes('token-outbox'))).to.deep.equal([]);
      expect(server.logs.some((line) => line.includes('"mail delivered"'))).to.equal(true);
    });

    it('refuses the outbox to managers and researchers (403) and to visitors, and answers 4xx to names that are not outbox files', async () => {
      const file = (await fs.readdir(server.config.outboxDir)).find((name) => name.endsWith('.eml')) ?? '';
      for (const session of others.values()) {
        for (const target of ['/admin/outbox', `/admin/outbox/${file}`]) expect((await staffFetch(server.url, session, target)).status).to.equal(403);
      }
      expect((await staffFetch(server.url, undefined, '/admin/outbox')).status).to.equal(401);
      const hostile = ['..%2F..%2Fetc%2Fpasswd', '..%2Fpglite', `.${file}.tmp`, file.replace('.eml', '.txt'), '20260101T000000000Z-0000000000000000.eml', '%00', 'a'.repeat(300)];
      const statuses = await Promise.all(hostile.map(async (name) => (await staffFetch(server.url, admin, `/admin/outbox/${name}`)).status));
      expect(statuses).to.deep.equal([400, 400, 400, 400, 404, 400, 400]);
    });
  });
}
