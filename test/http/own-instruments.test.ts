import fs from 'node:fs/promises';
import { expect } from 'chai';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

/** The built-in peer staff instrument under an organization's own key, as a licensed scale would arrive. */
async function ownInstrument(changes: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const json = JSON.parse(await fs.readFile('surveys/peer-staff-climate.v2.json', 'utf8')) as Record<string, unknown>;
  return { ...json, key: 'riverside-climate', version: 1, ...changes };
}

for (const kind of databaseKinds) {
  describe(`an organization's own instruments from the browser on ${kind}`, function () {
    let server: TestServer;
    let orgId: string;
    let manager: StaffSession;

    useTestServer(kind, (started) => {
      server = started;
    });
    beforeEach(async () => {
      orgId = (await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft' })).organizationId;
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: orgId, role: 'manager' }] });
      manager = await openSession(server.db, account.accountId);
    });

    const post = async (path: string, definition: string): Promise<{ status: number; html: string; location: string | null }> => {
      const response = await staffFetch(server.url, manager, `/orgs/${orgId}/instruments${path}`, { form: { definition }, accept: 'html' });
      return { status: response.status, html: await response.text(), location: response.headers.get('location') };
    };
    const ownVersions = (): Promise<number> => countRows(server, 'instrument_versions WHERE organization_id = $1', [orgId]);

    it('when a valid file is checked, reports its key, languages and subscales, offers preview and publish, and stores nothing', async () => {
      const { status, html } = await post('/check', JSON.stringify(await ownInstrument()));
      expect(status).to.equal(200);
      expect(html).to.include('The file is valid');
      expect(html).to.match(/<code>riverside-climate<\/code> version 1/);
      expect(html).to.include('English, Español');
      expect(html).to.include('microaggressions_stigma');
      expect(html).to.include('Publish version 1');
      expect(await ownVersions()).to.equal(0);
    });

    it('when a file has problems, lists each with its field, answers 400 and stores nothing', async () => {
      const broken = await ownInstrument({ audience: 'everyone', subscales: [{ key: 'x', construct: 'x', title: { en: 'X' }, items: [{ question: 'no_such_question' }] }] });
      const { status, html } = await post('/check', JSON.stringify(broken));
      expect(status).to.equal(400);
      expect(html).to.match(/problems? to correct/);
      expect(html).to.include('<code>audience</code>');
      expect((await post('/check', '{ not json')).html).to.include('is not valid JSON');
      const builtInKey = await post('/check', JSON.stringify(await ownInstrument({ key: 'peer-staff-climate' })));
      expect(builtInKey.html).to.include('is the key of a built-in instrument');
      expect(await ownVersions()).to.equal(0);
    });

    it('previews the instrument as the survey page a respondent sees, marked as a preview that sends nothing', async () => {
      const { status, html } = await post('/preview', JSON.stringify(await ownInstrument()));
      expect(status).to.equal(200);
      expect(html).to.include('id="preview-notice"');
      expect(html).to.include('988');
      expect(html).to.include('&#34;isPreview&#34;:true');
      expect(html).to.match(/\/assets\/respond\.[0-9a-f]+\.js/);
      expect(await ownVersions()).to.equal(0);
    });

    it('publishes a checked file for this organization only, audits it, and offers it to new waves; changed content under the same version is refused inline', async () => {
      const text = JSON.stringify(await ownInstrument());
      const published = await post('', text);
      expect(published.status).to.equal(303);
      expect(published.location).to.equal(`/orgs/${orgId}/instruments?done=published`);
      const [row] = await server.db.query<{ id: string }>("SELECT id FROM instrument_versions WHERE organization_id = $1 AND instrument_key = 'riverside-climate' AND version = 1", [orgId]);
      expect(row).to.not.equal(undefined);
      expect(await countRows(server, "audit_events WHERE organization_id = $1 AND action = 'instrument.published' AND target = 'riverside-climate'", [orgId])).to.equal(1);
      const form = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/new`, { accept: 'html' })).text();
      expect(form).to.include(`value="${row?.id ?? ''}"`);
      expect((await post('/check', text)).html).to.include('This exact version is already published');

      const changed = await post('', JSON.stringify(await ownInstrument({ title: { en: 'Another title', es: 'Otro título' } })));
      expect(changed.status).to.equal(400);
      expect(changed.html).to.include('<code>version</code>');
      expect(changed.html).to.include('save the change as version 2');
      expect(await ownVersions()).to.equal(1);
    });

    it('when nothing is pasted, shows the problem beside the text box', async () => {
      const { status, html } = await post('/check', '   ');
      expect(status).to.equal(400);
      expect(html).to.include('Error: paste the instrument JSON or choose its file');
      expect(html).to.match(/id="instrument-definition"[^>]*aria-invalid="true"/s);
    });
  });
}
