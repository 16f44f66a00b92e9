import { expect } from 'chai';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { createAccount, createFormClient, uniqueEmail } from '../support/staff.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';

const pageLanguage = (html: string): string | undefined => /<html lang="([^"]+)"/.exec(html)?.[1];

async function accountLanguage(server: TestServer, accountId: string): Promise<string | null | undefined> {
  const [row] = await server.db.query<{ language: string | null }>('SELECT language FROM accounts WHERE id = $1', [accountId]);
  return row?.language;
}

for (const kind of databaseKinds) {
  describe(`POST /account/language on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => {
      server = started;
    });

    async function signedInClient(): Promise<{ client: ReturnType<typeof createFormClient>; accountId: string; email: string; password: string }> {
      const account = await createAccount(server.db, { email: uniqueEmail('language') });
      const client = createFormClient(server.url);
      const signedIn = await client.submit('/login', '/login', { email: account.email, password: account.password });
      expect(signedIn.status).to.equal(303);
      return { client, ...account };
    }

    it('when a signed-in staff member chooses Spanish, remembers it on the account for every browser', async () => {
      const { client, accountId, email, password } = await signedInClient();
      expect(pageLanguage((await client.get('/')).html)).to.equal('en');
      const chosen = await client.submit('/', '/account/language', { language: 'es', back: '/account/password' });
      expect(chosen.status).to.equal(303);
      expect(chosen.headers.get('location')).to.equal('/account/password');
      expect(await accountLanguage(server, accountId)).to.equal('es');
      const home = (await client.get('/')).html;
      expect(pageLanguage(home)).to.equal('es');
      expect(home).to.include('Cerrar sesión');

      const elsewhere = createFormClient(server.url);
      await elsewhere.submit('/login', '/login', { email, password });
      expect(pageLanguage((await elsewhere.get('/')).html)).to.equal('es');

      // Signed out, the sign-in page stays in the account's language.
      await client.submit('/', '/logout', {});
      expect(pageLanguage((await client.get('/login')).html)).to.equal('es');
    });

    it('when an account that never chose signs in where the switch was used, adopts that choice; one that chose keeps its own', async () => {
      const { accountId, email, password } = await createAccount(server.db, { email: uniqueEmail('guest-language') });
      const client = createFormClient(server.url);
      const chosen = await client.submit('/login', '/account/language', { language: 'es', back: '/login' });
      expect(chosen.status).to.equal(303);
      expect(pageLanguage((await client.get('/login')).html)).to.equal('es');
      expect(await accountLanguage(server, accountId)).to.equal(null);
      await client.submit('/login', '/login', { email, password });
      expect(pageLanguage((await client.get('/')).html)).to.equal('es');
      expect(await accountLanguage(server, accountId)).to.equal('es');

      // Someone else's choice on a shared computer changes no account that already chose.
      await client.submit('/', '/account/language', { language: 'en', back: '/' });
      await client.submit('/', '/logout', {});
      const shared = createFormClient(server.url);
      await shared.submit('/login', '/account/language', { language: 'es', back: '/login' });
      await shared.submit('/login', '/login', { email, password });
      expect(pageLanguage((await shared.get('/')).html)).to.equal('en');
      expect(await accountLanguage(server, accountId)).to.equal('en');
    });

    it('follows the browser preference when nothing was chosen', async () => {
      const response = await fetch(`${server.url}/login`, { headers: { Accept: 'text/html', 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' } });
      expect(pageLanguage(await response.text())).to.equal('es');
    });

    it('when the language is unknown or the way back leaves the site, refuses or stays on the site', async () => {
      const { client, accountId } = await signedInClient();
      const unknown = await client.submit('/', '/account/language', { language: 'fr', back: '/' });
      expect(unknown.status).to.equal(400);
      expect(await accountLanguage(server, accountId)).to.equal(null);
      const away = await client.submit('/', '/account/language', { language: 'es', back: '//evil.example/' });
      expect(away.headers.get('location')).to.equal('/');
    });

    it('leaves survey pages to their own language: a public page reads no staff cookie', async () => {
      const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
      const response = await fetch(`${server.url}/s/${wave.links[0]?.code ?? ''}`, { headers: { Accept: 'text/html', Cookie: 'pc_language=es', 'Accept-Language': 'en' } });
      expect(response.status).to.equal(200);
      expect(pageLanguage(await response.text())).to.equal('en');
    });
  });
}
