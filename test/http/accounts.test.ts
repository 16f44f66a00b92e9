import { expect } from 'chai';
import { createPlatformAdmin } from '../../server/accounts/service.js';
import { hashToken } from '../../server/http/tokens.js';
import { createAccount, createFormClient, openSession, staffFetch, uniqueEmail } from '../support/staff.js';
import { countRows, databaseKinds, requireDatabase, startTestServer, type TestServer, useTestServer } from '../support/server.js';

type ErrorBody = { error: { code: string; message: string } };

async function signIn(server: TestServer, email: string, password: string): Promise<{ response: Response; client: ReturnType<typeof createFormClient> }> {
  const client = createFormClient(server.url);
  const response = await client.submit('/login', '/login', { email, password });
  return { response, client };
}

for (const kind of databaseKinds) {
  describe(`staff accounts on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => {
      server = started;
    });

    describe('first run', () => {
      it('prints a one-time setup link that creates the first platform admin exactly once', async () => {
        const printed = server.printed.join('');
        const token = /\/setup\/([A-Za-z0-9_-]+)/.exec(printed)?.[1] ?? '';
        expect(token).to.have.length(22);
        const client = createFormClient(server.url);
        expect((await client.get(`/setup/${token}`)).response.status).to.equal(200);

        const email = 'First.Admin@Example.org';
        const mismatch = await client.submit(`/setup/${token}`, `/setup/${token}`, { email, password: 'a long passphrase', confirmPassword: 'another one' });
        expect(mismatch.status).to.equal(400);
        expect(await mismatch.text()).to.include('does not match the password');
        const short = await client.submit(`/setup/${token}`, `/setup/${token}`, { email, password: 'too short', confirmPassword: 'too short' });
        expect(short.status).to.equal(400);
        expect(await short.text()).to.include('password: must be at least 12 characters');
        expect(await countRows(server, 'accounts')).to.equal(0);

        const done = await client.submit(`/setup/${token}`, `/setup/${token}`, { email, password: 'a long passphrase', confirmPassword: 'a long passphrase' });
        expect(done.status).to.equal(303);
        expect(done.headers.get('location')).to.equal('/login?notice=setup_done');
        const [admin] = await server.db.query<{ email: string; isPlatformAdmin: boolean; passwordHash: string }>(
          'SELECT email, is_platform_admin AS "isPlatformAdmin", password_hash AS "passwordHash" FROM accounts',
        );
        expect(admin?.email).to.equal('first.admin@example.org');
        expect(admin?.isPlatformAdmin).to.equal(true);
        expect(admin?.passwordHash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

        const again = await client.get(`/setup/${token}`);
        expect(again.response.status).to.equal(404);
        expect(again.html).to.include('has expired or has already been used');
        expect(await countRows(server, "audit_events WHERE action = 'account.setup_completed'")).to.equal(1);
        expect(server.logs.join('\n')).not.to.include(token);
        expect(server.logs.join('\n')).not.to.include('a long passphrase');

        await server.restart();
        expect(server.printed.filter((text) => text.includes('/setup/'))).to.have.length(1);
      });
    });

    describe('POST /login', () => {
      it('when the email and password are right, sets an HttpOnly SameSite=Lax cookie and stores only its hash', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('login') });
        const { response, client } = await signIn(server, account.email.toUpperCase(), account.password);
        expect(response.status).to.equal(303);
        expect(response.headers.get('location')).to.equal('/');
        const cookie = response.headers.getSetCookie().find((header) => header.startsWith('pc_session=')) ?? '';
        expect(cookie).to.match(/HttpOnly/i);
        expect(cookie).to.match(/SameSite=Lax/i);
        expect(cookie).not.to.match(/Secure/i);
        const token = client.cookies.get('pc_session') ?? '';
        expect(token).to.have.length(43);
        const stored = await server.db.query<{ tokenHash: string }>('SELECT token_hash AS "tokenHash" FROM sessions WHERE account_id = $1', [account.accountId]);
        expect(stored.map((row) => row.tokenHash)).to.deep.equal([hashToken(token)]);
        const home = await client.get('/');
        expect(home.response.status).to.equal(200);
        expect(home.html).to.include(account.email);
        expect(server.logs.join('\n')).not.to.include(token);
        expect(server.logs.join('\n')).not.to.include(account.password);
        expect(server.logs.join('\n')).not.to.include(account.email);
      });

      it('when a session exists, it survives a server restart', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('restart') });
        const session = await openSession(server.db, account.accountId);
        await server.restart();
        const response = await staffFetch(server.url, session, '/');
        expect(response.status).to.equal(200);
      });

      it('when the password is wrong, answers 401, writes no session and records a failed attempt for the account', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('wrong') });
        const { response } = await signIn(server, account.email, 'not the password at all');
        expect(response.status).to.equal(401);
        expect(await response.text()).to.include('The email address or password is not correct');
        expect(await countRows(server, 'sessions WHERE account_id = $1', [account.accountId])).to.equal(0);
        expect(await countRows(server, "audit_events WHERE account_id = $1 AND action = 'account.sign_in_failed'", [account.accountId])).to.equal(1);
        expect(await countRows(server, 'sign_in_attempts WHERE email_hash = $1', [hashToken(`sign-in:${account.email}`)])).to.equal(1);
      });

      it('after 5 failed attempts, refuses even the right password with 429 for 15 minutes', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('limited') });
        for (let attempt = 0; attempt < 5; attempt += 1) expect((await signIn(server, account.email, 'wrong password here')).response.status).to.equal(401);
        const { response } = await signIn(server, account.email, account.password);
        expect(response.status).to.equal(429);
        expect(await response.text()).to.include('Too many sign-in attempts');
        expect(await countRows(server, 'sessions WHERE account_id = $1', [account.accountId])).to.equal(0);
      });

      it('when 12 wrong guesses arrive at once, checks at most 5 of them', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('burst') });
        const client = createFormClient(server.url);
        const { html } = await client.get('/login');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const statuses = await Promise.all(Array.from({ length: 12 }, () => fetch(`${server.url}/login`, {
          method: 'POST', redirect: 'manual',
          headers: { Accept: 'application/json', Cookie: `pc_presession=${client.cookies.get('pc_presession') ?? ''}` },
          body: new URLSearchParams({ email: account.email, password: 'a wrong guess', _csrf: csrf }),
        }).then((response) => response.status)));
        expect(statuses.filter((status) => status === 401).length).to.be.at.most(5);
        expect(statuses.filter((status) => status === 429).length).to.be.at.least(7);
      });

      it('when the form carries no CSRF token of this browser, answers 403 csrf_invalid and signs nobody in', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('csrf') });
        const response = await fetch(`${server.url}/login`, {
          method: 'POST', redirect: 'manual', headers: { Accept: 'application/json' },
          body: new URLSearchParams({ email: account.email, password: account.password, _csrf: 'forged' }),
        });
        expect(response.status).to.equal(403);
        expect(((await response.json()) as ErrorBody).error.code).to.equal('csrf_invalid');
        expect(await countRows(server, 'sessions WHERE account_id = $1', [account.accountId])).to.equal(0);
      });
    });

    describe('sessions and passwords', () => {
      it('POST /logout deletes the session, so the old cookie no longer signs in', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('logout') });
        const session = await openSession(server.db, account.accountId);
        const response = await staffFetch(server.url, session, '/logout', { method: 'POST' });
        expect(response.status).to.equal(303);
        expect(await countRows(server, 'sessions WHERE account_id = $1', [account.accountId])).to.equal(0);
        const after = await staffFetch(server.url, session, '/', { accept: 'html' });
        expect(after.status).to.equal(303);
        expect(after.headers.get('location')).to.equal('/login?next=%2F');
        expect((await staffFetch(server.url, session, '/')).status).to.equal(401);
      });

      it('when the current password is wrong, changes nothing', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('change') });
        const session = await openSession(server.db, account.accountId);
        const response = await staffFetch(server.url, session, '/account/password', {
          form: { currentPassword: 'not my password', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' },
        });
        expect(response.status).to.equal(400);
        expect(((await response.json()) as ErrorBody).error.message).to.equal('currentPassword: is not correct');
        expect((await signIn(server, account.email, account.password)).response.status).to.equal(303);
      });

      it('when the password changes, other sessions are revoked, this one is kept and only the new password works', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('change') });
        const [current, other] = [await openSession(server.db, account.accountId), await openSession(server.db, account.accountId)];
        const response = await staffFetch(server.url, current, '/account/password', {
          form: { currentPassword: account.password, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' },
        });
        expect(response.status).to.equal(303);
        expect((await staffFetch(server.url, current, '/')).status).to.equal(200);
        expect((await staffFetch(server.url, other, '/')).status).to.equal(401);
        expect((await signIn(server, account.email, account.password)).response.status).to.equal(401);
        expect((await signIn(server, account.email, 'a brand new passphrase')).response.status).to.equal(303);
      });

      it('when a state-changing request carries a wrong or another session\'s CSRF token, answers 403 csrf_invalid and changes nothing', async () => {
        const account = await createAccount(server.db, { email: uniqueEmail('csrf') });
        const session = await openSession(server.db, account.accountId);
        const otherSession = await openSession(server.db, account.accountId);
        for (const csrf of [null, 'wrong', otherSession.csrfToken]) {
          const response = await staffFetch(server.url, session, '/logout', { method: 'POST', csrf });
          expect(response.status).to.equal(403);
          expect(((await response.json()) as ErrorBody).error.code).to.equal('csrf_invalid');
        }
        expect(await countRows(server, 'sessions WHERE account_id = $1', [account.accountId])).to.equal(2);
      });
    });

    describe('platform admin', () => {
      it('when a role is granted to a new email, creates the account and shows a set-password link that works once', async () => {
        const admin = await createAccount(server.db, { email: uniqueEmail('admin'), isPlatformAdmin: true });
        const session = await openSession(server.db, admin.accountId);
        const [organization] = await server.db.query<{ id: string }>("INSERT INTO organizations (name) VALUES ('Grant Test Org ' || gen_random_uuid()) RETURNING id");
        const email = uniqueEmail('researcher');
        const response = await staffFetch(server.url, session, '/admin/memberships', { form: { email, organizationId: organization?.id ?? '', role: 'researcher' }, accept: 'html' });
        const html = await response.text();
        expect(response.status).to.equal(200);
        const token = /\/password\/([A-Za-z0-9_-]{22})/.exec(html)?.[1] ?? '';
        expect(token).to.have.length(22);
        const [stored] = await server.db.query<{ tokenHash: string }>('SELECT l.token_hash AS "tokenHash" FROM password_links l JOIN accounts a ON a.id = l.account_id WHERE a.email = $1', [email]);
        expect(stored?.tokenHash).to.equal(hashToken(token));
        expect(await countRows(server, "memberships m JOIN accounts a ON a.id = m.account_id WHERE a.email = $1 AND m.role = 'researcher'", [email])).to.equal(1);

        const again = await staffFetch(server.url, session, '/admin/memberships', { form: { email, organizationId: organization?.id ?? '', role: 'researcher' } });
        expect(again.status).to.equal(409);

        const client = createFormClient(server.url);
        const set = await client.submit(`/password/${token}`, `/password/${token}`, { password: 'researcher passphrase', confirmPassword: 'researcher passphrase' });
        expect(set.status).to.equal(303);
        expect((await client.get(`/password/${token}`)).response.status).to.equal(404);
        expect((await signIn(server, email, 'researcher passphrase')).response.status).to.equal(303);
        expect(await countRows(server, "audit_events WHERE account_id = $1 AND action = 'membership.granted' AND target = $2", [admin.accountId, email])).to.equal(1);
        expect(server.logs.join('\n')).not.to.include(token);
      });

      it('when an admin revokes an account\'s sessions, every one of them ends', async () => {
        const admin = await createAccount(server.db, { email: uniqueEmail('admin'), isPlatformAdmin: true });
        const target = await createAccount(server.db, { email: uniqueEmail('target') });
        const targetSession = await openSession(server.db, target.accountId);
        await openSession(server.db, target.accountId);
        const response = await staffFetch(server.url, await openSession(server.db, admin.accountId), `/admin/accounts/${target.accountId}/sessions/revoke`, { method: 'POST' });
        expect(response.status).to.equal(303);
        expect(await countRows(server, 'sessions WHERE account_id = $1', [target.accountId])).to.equal(0);
        expect((await staffFetch(server.url, targetSession, '/')).status).to.equal(401);
      });

      it('npm run create-admin\'s service makes a platform admin with a one-time set-password link', async () => {
        const email = uniqueEmail('cli');
        const token = await createPlatformAdmin(server.db, email);
        const client = createFormClient(server.url);
        const page = await client.get(`/password/${token}`);
        expect(page.html).to.include(email);
        expect((await client.submit(`/password/${token}`, `/password/${token}`, { password: 'cli admin passphrase', confirmPassword: 'cli admin passphrase' })).status).to.equal(303);
        const signedIn = await signIn(server, email, 'cli admin passphrase');
        expect((await signedIn.client.get('/admin')).response.status).to.equal(200);
      });
    });
  });

  describe(`session cookies behind TLS on ${kind}`, function () {
    before(async function () {
      await requireDatabase(this, kind);
    });

    const settings: Array<{ env: Record<string, string>; headers: Record<string, string>; name: string }> = [
      { env: { TRUST_PROXY: '1' }, headers: { 'X-Forwarded-Proto': 'https' }, name: 'TRUST_PROXY=1 and the proxy says https' },
      { env: { COOKIE_SECURE: 'always' }, headers: {}, name: 'COOKIE_SECURE=always' },
    ];
    for (const setting of settings) {
      it(`when ${setting.name}, marks the session cookie Secure`, async () => {
        const server = await startTestServer(kind, setting.env);
        try {
          const account = await createAccount(server.db, { email: uniqueEmail('tls') });
          const page = await fetch(`${server.url}/login`, { headers: setting.headers });
          const preSession = page.headers.getSetCookie()[0] ?? '';
          expect(preSession).to.match(/Secure/);
          const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
          const response = await fetch(`${server.url}/login`, {
            method: 'POST', redirect: 'manual',
            headers: { ...setting.headers, Cookie: preSession.split(';')[0] ?? '' },
            body: new URLSearchParams({ email: account.email, password: account.password, _csrf: csrf }),
          });
          expect(response.status).to.equal(303);
          expect(response.headers.getSetCookie().find((header) => header.startsWith('pc_session='))).to.match(/; Secure/);
        } finally {
          await server.stop();
        }
      });
    }
  });
}
