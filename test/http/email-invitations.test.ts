import { expect } from 'chai';
import { sendDueReminders } from '../../server/waves/invitations/addresses/service.js';
import { buildCompleteAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { readMessage } from '../../server/mail/outbox/mime.js';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer, waitForMail } from '../support/smtp.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';
import { obtainToken, postWithToken } from '../support/tokens.js';

type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };

/** The personal link a received invitation or reminder carries, from its plain-text part. */
function linkIn(mail: ReceivedMail): { code: string; language: string } {
  const { text } = readMessage(mail.raw);
  const found = /\/s\/([A-Za-z0-9_-]{22})\?lang=(en|es)/.exec(text);
  if (!found) throw new Error(`no personal link in: ${text}`);
  return { code: found[1] ?? '', language: found[2] ?? '' };
}

for (const kind of databaseKinds) {
  describe(`e-mail invitations and anonymous reminders on ${kind}`, function () {
    let server: TestServer;
    let smtp: TestSmtpServer;
    let wave: BuiltWave;
    let manager: StaffSession;
    let otherManager: StaffSession;
    const env: Record<string, string> = {};

    before(async () => {
      smtp = await startSmtpServer();
      env.SMTP_URL = smtp.url;
    });
    after(async () => {
      await smtp.stop();
    });
    useTestServer(kind, (started) => {
      server = started;
    }, env);
    beforeEach(async () => {
      smtp.received.length = 0;
      wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open', minGroupSize: 3, distribution: 'invitation' });
      const [first, second] = await Promise.all([1, 2].map(async () => createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] })));
      manager = await openSession(server.db, first?.accountId ?? '');
      otherManager = await openSession(server.db, second?.accountId ?? '');
    });

    const wavePath = (): string => `/orgs/${wave.organizationId}/waves/${wave.waveId}`;
    const invite = (addresses: string, unitId = ''): Promise<Response> => staffFetch(server.url, manager, `${wavePath()}/addresses`, { form: { addresses, unitId } });
    const remind = (form: Record<string, string>): Promise<Response> => staffFetch(server.url, manager, `${wavePath()}/reminders`, { form });

    it('sends each address one e-mail with a personal link in its language; the link makes a token that answers, and no address reaches a log or the audit', async () => {
      const [north, south] = [wave.links[0]?.unitName ?? '', wave.links[1]?.unitName ?? ''];
      const alice = uniqueEmail('alice');
      const bruno = uniqueEmail('bruno');
      const response = await invite(`email,unit\n${alice},${north}\n${bruno.toUpperCase()},${south},es\n`);
      expect(response.status).to.equal(303);
      const mails = await waitForMail(smtp, 2, [alice, bruno]);
      const toAlice = mails.find((mail) => mail.envelopeTo.includes(alice));
      const toBruno = mails.find((mail) => mail.envelopeTo.includes(bruno));
      expect(linkIn(toAlice ?? mails[0] as ReceivedMail).language).to.equal('en');
      expect(linkIn(toBruno ?? mails[0] as ReceivedMail).language).to.equal('es');
      const spanish = readMessage(toBruno?.raw ?? '');
      expect(spanish.text).to.include('la organización puede saber que usted abrió su invitación');
      expect(spanish.html).to.include('la organización puede saber que usted abrió su invitación').and.not.match(/<img/i);
      expect(spanish.subject).to.match(/^Su invitación a la encuesta /);

      const { code } = linkIn(toAlice as ReceivedMail);
      const token = await obtainToken(server.url, code);
      const answers = buildCompleteAnswers(instrumentByKey(server.published, 'peer-staff-climate').instrument);
      expect((await postWithToken(server.url, token.setting.redeemPath, { answers, token: token.token, signature: token.signature })).status).to.equal(201);

      const logs = server.logs.join('\n');
      for (const secret of [alice, bruno, code]) expect(logs).not.to.include(secret);
      const audit = await server.db.query<{ details: string }>("SELECT details::text AS details FROM audit_events WHERE action = 'invitations.emailed' AND organization_id = $1", [wave.organizationId]);
      expect(audit).to.have.length(1);
      expect(audit[0]?.details).to.include('"total": 2').and.not.include('@');
      expect(await countRows(server, 'mail_messages m JOIN mail_batches b ON b.id = m.batch_id WHERE b.wave_id = $1', [wave.waveId]), 'sent messages are not kept').to.equal(0);
    });

    const badLists = [
      { scenario: 'a line is not an address', list: (): string => `${uniqueEmail('ok')},${wave.links[0]?.unitName ?? ''}\nnot-an-address,${wave.links[0]?.unitName ?? ''}`, detail: 'line 2', message: '"not-an-address" is not an e-mail address' },
      { scenario: 'an address appears twice', list: (): string => { const twice = uniqueEmail('twice'); return `${twice},${wave.links[0]?.unitName ?? ''}\n${twice.toUpperCase()},${wave.links[0]?.unitName ?? ''}`; }, detail: 'line 2', message: 'is already on line 1' },
      { scenario: 'a unit is not in the wave', list: (): string => `${uniqueEmail('lost')},Nowhere Clinic`, detail: 'line 1', message: '"Nowhere Clinic" is not a unit of this wave' },
      { scenario: 'a language is not offered', list: (): string => `${uniqueEmail('fr')},${wave.links[0]?.unitName ?? ''},fr`, detail: 'line 1', message: '"fr" is not a language of the invitation' },
      { scenario: 'the list is empty', list: (): string => '\n\n', detail: 'line 1', message: 'the list is empty' },
    ];
    for (const bad of badLists) {
      it(`when ${bad.scenario}, answers 400 naming the line, and stores and sends nothing`, async () => {
        const response = await invite(bad.list());
        expect(response.status).to.equal(400);
        const body = (await response.json()) as ErrorBody;
        expect(body.error.details.map((detail) => `${detail.path} ${detail.message}`).join('\n')).to.include(`addresses ${bad.detail}: `).and.include(bad.message);
        expect(body.error.message).to.include(bad.message).and.include('Nothing was sent');
        expect(await countRows(server, 'personal_invitations WHERE wave_id = $1', [wave.waveId])).to.equal(0);
        expect(await countRows(server, 'mail_batches WHERE wave_id = $1', [wave.waveId])).to.equal(0);
      });
    }

    it('when an address was already invited to the wave, refuses the new list by its line', async () => {
      const once = uniqueEmail('once');
      expect((await invite(once, wave.links[0]?.unitId ?? '')).status).to.equal(303);
      const again = await invite(`${uniqueEmail('new')}\n${once}`, wave.links[0]?.unitId ?? '');
      expect(again.status).to.equal(400);
      expect(((await again.json()) as ErrorBody).error.message).to.include('line 2: ').and.include('was already invited to this wave');
      expect(await countRows(server, 'personal_invitations WHERE wave_id = $1', [wave.waveId])).to.equal(1);
    });

    it('in the browser form, shows the problem once beside the list and keeps what was typed', async () => {
      const typed = `${uniqueEmail('kept')}\nbroken-line`;
      const response = await staffFetch(server.url, manager, `${wavePath()}/addresses`, { form: { addresses: typed, unitId: wave.links[0]?.unitId ?? '' }, accept: 'html' });
      expect(response.status).to.equal(400);
      const html = await response.text();
      expect(html.match(/(&#34;|")broken-line(&#34;|") is not an e-mail address/g)).to.have.length(1);
      expect(html).to.include(typed.split('\n')[0] ?? '');
    });

    it('reminds only the addresses whose invitation has made no token, shows managers counts only, and allows three reminders', async () => {
      const unitId = wave.links[0]?.unitId ?? '';
      const addresses = [uniqueEmail('r1'), uniqueEmail('r2'), uniqueEmail('r3')];
      expect((await invite(addresses.join('\n'), unitId)).status).to.equal(303);
      const invitations = await waitForMail(smtp, 3, addresses);
      const opener = invitations.find((mail) => mail.envelopeTo.includes(addresses[0] ?? '')) as ReceivedMail;
      await obtainToken(server.url, linkIn(opener).code);
      smtp.received.length = 0;

      expect((await remind({ when: 'now' })).status).to.equal(303);
      const reminders = await waitForMail(smtp, 2, addresses);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // SMTP delivery is at least once; what matters is who is reminded, and that the opener is not.
      const remindedOf = (mails: readonly ReceivedMail[]): string[] => [...new Set(mails.flatMap((mail) => mail.envelopeTo))].sort();
      expect(remindedOf(reminders)).to.deep.equal(addresses.slice(1).sort());
      expect(readMessage(reminders[0]?.raw ?? '').text).to.include('has not been opened yet');
      const sameLink = invitations.find((mail) => mail.envelopeTo.includes(addresses[1] ?? '')) as ReceivedMail;
      expect(linkIn(reminders.find((mail) => mail.envelopeTo.includes(addresses[1] ?? '')) as ReceivedMail).code).to.equal(linkIn(sameLink).code);

      const page = await (await staffFetch(server.url, manager, wavePath(), { accept: 'html' })).text();
      expect(page).to.include('to 2 addresses whose invitation had not been opened');
      const reminderSection = page.slice(page.indexOf('id="reminders"'));
      for (const address of addresses) expect(reminderSection).not.to.include(address);

      expect((await remind({ when: 'later', sendOn: '2000-01-01' })).status).to.equal(400);
      const tomorrow = await server.db.query<{ day: string }>("SELECT (current_date + 1)::text AS day");
      expect((await remind({ when: 'later', sendOn: tomorrow[0]?.day ?? '' })).status).to.equal(303);
      await server.db.query('UPDATE wave_reminders SET send_on = current_date WHERE wave_id = $1 AND sent_on IS NULL', [wave.waveId]);
      smtp.received.length = 0;
      expect(await sendDueReminders(server.db)).to.equal(1);
      expect(remindedOf(await waitForMail(smtp, 2, addresses))).to.deep.equal(addresses.slice(1).sort());
      expect((await remind({ when: 'now' })).status).to.equal(303);
      const fourth = await remind({ when: 'now' });
      expect(fourth.status).to.equal(409);
      expect(((await fourth.json()) as ErrorBody).error.message).to.include('at most 3 reminders');
    });

    it('shows the uploaded addresses to the manager who uploaded them only, and deletes them when the wave closes', async () => {
      const address = uniqueEmail('private');
      expect((await invite(address, wave.links[0]?.unitId ?? '')).status).to.equal(303);
      expect(await (await staffFetch(server.url, manager, wavePath(), { accept: 'html' })).text()).to.include(address);
      expect(await (await staffFetch(server.url, otherManager, wavePath(), { accept: 'html' })).text()).not.to.include(address);
      expect((await staffFetch(server.url, manager, `${wavePath()}/close`, { form: {} })).status).to.equal(303);
      expect(await countRows(server, 'personal_invitations WHERE wave_id = $1', [wave.waveId])).to.equal(0);
      expect(await countRows(server, "audit_events WHERE action = 'invitations.deleted_at_close' AND organization_id = $1 AND details->>'addresses' = '1'", [wave.organizationId])).to.equal(1);
      expect(await (await staffFetch(server.url, manager, wavePath(), { accept: 'html' })).text()).not.to.include(address);
      const late = await invite(uniqueEmail('late'), wave.links[0]?.unitId ?? '');
      expect(late.status).to.equal(409);
    });
  });
}
