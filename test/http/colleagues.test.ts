import { expect } from 'chai';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

for (const kind of databaseKinds) {
  describe(`colleagues: a manager invites and removes managers and researchers on ${kind}`, function () {
    let server: TestServer;
    let orgId: string;
    let manager: StaffSession;
    let managerId: string;

    useTestServer(kind, (started) => {
      server = started;
    });
    beforeEach(async () => {
      orgId = (await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft' })).organizationId;
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: orgId, role: 'manager' }] });
      managerId = account.accountId;
      manager = await openSession(server.db, account.accountId);
    });

    const roleCount = (email: string, role: string): Promise<number> =>
      countRows(server, 'memberships m JOIN accounts a ON a.id = m.account_id WHERE a.email = $1 AND m.organization_id = $2 AND m.role = $3', [email, orgId, role]);

    it('when the e-mail has no account, creates it with the role, shows a one-time set-password link once and audits it', async () => {
      const email = uniqueEmail('new-researcher');
      const response = await staffFetch(server.url, manager, `/orgs/${orgId}/colleagues`, { form: { email, role: 'researcher' }, accept: 'html' });
      const html = await response.text();
      expect(response.status).to.equal(200);
      const link = /id="one-time-link">([^<]+)</.exec(html)?.[1] ?? '';
      expect(link).to.match(/\/password\/[A-Za-z0-9_-]{22}$/);
      expect(html).to.include(`href="/orgs/${orgId}/colleagues"`);
      expect(await roleCount(email, 'researcher')).to.equal(1);
      expect(await countRows(server, "password_links l JOIN accounts a ON a.id = l.account_id WHERE a.email = $1 AND l.purpose = 'set_password'", [email])).to.equal(1);
      expect(await countRows(server, "audit_events WHERE account_id = $1 AND organization_id = $2 AND action = 'membership.granted' AND target = $3", [managerId, orgId, email])).to.equal(1);
      expect((await fetch(link, { headers: { Accept: 'text/html' } })).status).to.equal(200);
    });

    it('when the e-mail already has an account, grants the role without a link; the same role again is refused inline on the form', async () => {
      const existing = await createAccount(server.db, { email: uniqueEmail('colleague') });
      const granted = await staffFetch(server.url, manager, `/orgs/${orgId}/colleagues`, { form: { email: existing.email, role: 'manager' } });
      expect(granted.status).to.equal(303);
      expect(await roleCount(existing.email, 'manager')).to.equal(1);
      const again = await staffFetch(server.url, manager, `/orgs/${orgId}/colleagues`, { form: { email: existing.email, role: 'manager' }, accept: 'html' });
      const html = await again.text();
      expect(again.status).to.equal(409);
      expect(html).to.include('<h1>Colleagues</h1>');
      expect(html.match(/already holds the manager role here/g)).to.have.length(1);
      expect(html).to.match(/id="colleague-email"[^>]*aria-invalid="true"/s);
    });

    it('removes a colleague\'s role in this organization only, and refuses to remove the manager\'s own manager role', async () => {
      const other = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft' });
      const colleague = await createAccount(server.db, {
        email: uniqueEmail('leaving'), memberships: [{ organizationId: orgId, role: 'researcher' }, { organizationId: other.organizationId, role: 'researcher' }],
      });
      const removed = await staffFetch(server.url, manager, `/orgs/${orgId}/colleagues/remove`, { form: { accountId: colleague.accountId, role: 'researcher' } });
      expect(removed.status).to.equal(303);
      expect(await countRows(server, 'memberships WHERE account_id = $1', [colleague.accountId])).to.equal(1);
      expect(await countRows(server, 'memberships WHERE account_id = $1 AND organization_id = $2', [colleague.accountId, other.organizationId])).to.equal(1);
      const notHere = await staffFetch(server.url, manager, `/orgs/${orgId}/colleagues/remove`, { form: { accountId: colleague.accountId, role: 'researcher' } });
      expect(notHere.status).to.equal(404);
      const self = await staffFetch(server.url, manager, `/orgs/${orgId}/colleagues/remove`, { form: { accountId: managerId, role: 'manager' } });
      expect(self.status).to.equal(409);
      expect(await countRows(server, "memberships WHERE account_id = $1 AND role = 'manager'", [managerId])).to.equal(1);
    });

    it('lists the organization\'s colleagues and no one from another organization', async () => {
      const other = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft' });
      const outsider = await createAccount(server.db, { email: uniqueEmail('outsider'), memberships: [{ organizationId: other.organizationId, role: 'manager' }] });
      const insider = await createAccount(server.db, { email: uniqueEmail('insider'), memberships: [{ organizationId: orgId, role: 'researcher' }] });
      const html = await (await staffFetch(server.url, manager, `/orgs/${orgId}/colleagues`, { accept: 'html' })).text();
      expect(html).to.include(insider.email);
      expect(html).not.to.include(outsider.email);
    });
  });
}

describe('GET /login/forgot', function () {
  let server: TestServer;
  useTestServer('pglite', (started) => {
    server = started;
  });

  it('is linked from the sign-in page and tells a person how to get a new set-password link from a platform admin', async () => {
    const login = await (await fetch(`${server.url}/login`, { headers: { Accept: 'text/html' } })).text();
    expect(login).to.include('href="/login/forgot"');
    const response = await fetch(`${server.url}/login/forgot`, { headers: { Accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).to.equal(200);
    expect(html).to.include('New set-password link');
    expect(html).to.include('platform admin');
  });
});
