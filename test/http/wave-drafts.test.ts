import { expect } from 'chai';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

for (const kind of databaseKinds) {
  describe(`draft waves: units taking part, editing, deleting, closing on ${kind}`, function () {
    let server: TestServer;
    let orgId: string;
    let waveId: string;
    let manager: StaffSession;
    let unitIds: Record<string, string>;

    useTestServer(kind, (started) => {
      server = started;
    });
    beforeEach(async () => {
      const built = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft', unitNames: ['North Clinic', 'South Clinic', 'East Team'] });
      ({ organizationId: orgId, waveId } = built);
      const rows = await server.db.query<{ id: string; name: string }>('SELECT id, name FROM units WHERE organization_id = $1', [orgId]);
      unitIds = Object.fromEntries(rows.map((row) => [row.name, row.id]));
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: orgId, role: 'manager' }] });
      manager = await openSession(server.db, account.accountId);
    });

    const waveUnitNames = async (id: string): Promise<string[]> => (await server.db.query<{ name: string }>(
      'SELECT u.name FROM wave_units wu JOIN units u ON u.id = wu.unit_id WHERE wu.wave_id = $1 ORDER BY u.name', [id],
    )).map((row) => row.name);

    it('when a new wave names two units, only they take part and get open links; the page lists only them', async () => {
      const newest = await server.db.query<{ id: string }>("SELECT id FROM instrument_versions WHERE instrument_key = 'peer-staff-climate' ORDER BY version DESC LIMIT 1");
      const response = await staffFetch(server.url, manager, `/orgs/${orgId}/waves`, {
        form: {
          name: 'Two units', instrumentVersionId: newest[0]?.id ?? '', distribution: 'open_link', opensOn: dayOffset(0), closesOn: dayOffset(20),
        },
      });
      expect(response.status).to.equal(303);
      const created = /\/waves\/([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1] ?? '';
      expect(await waveUnitNames(created)).to.deep.equal(['East Team', 'North Clinic', 'South Clinic']);

      const body = new URLSearchParams({ name: 'Chosen units', instrumentVersionId: newest[0]?.id ?? '', distribution: 'open_link', opensOn: dayOffset(0), closesOn: dayOffset(20), _csrf: manager.csrfToken });
      for (const id of ['', unitIds['North Clinic'] ?? '', unitIds['East Team'] ?? '']) body.append('unitIds', id);
      const chosen = await fetch(`${server.url}/orgs/${orgId}/waves`, { method: 'POST', redirect: 'manual', headers: { Cookie: manager.cookie, Accept: 'application/json' }, body });
      expect(chosen.status).to.equal(303);
      const chosenId = /\/waves\/([0-9a-f-]{36})$/.exec(chosen.headers.get('location') ?? '')?.[1] ?? '';
      expect(await waveUnitNames(chosenId)).to.deep.equal(['East Team', 'North Clinic']);
      expect(await countRows(server, 'wave_links WHERE wave_id = $1', [chosenId])).to.equal(2);
      const page = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${chosenId}`, { accept: 'html' })).text();
      expect(page).not.to.include('South Clinic');
      expect(page.match(/No responses yet/g)?.length).to.equal(3);
      expect(page).not.to.include('Suppressed');
    });

    it('takes units created after the wave into it with their links on request, never a unit left out at creation', async () => {
      await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}/edit`, {
        form: { name: 'Without East', opensOn: dayOffset(0), closesOn: dayOffset(9), unitIds: unitIds['North Clinic'] ?? '' },
      });
      expect(await waveUnitNames(waveId)).to.deep.equal(['North Clinic']);
      const before = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}`, { accept: 'html' })).text();
      expect(before).not.to.include('Add the units created since this wave');
      await staffFetch(server.url, manager, `/orgs/${orgId}/units`, { form: { name: 'New Annex' } });
      const page = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}`, { accept: 'html' })).text();
      expect(page).to.include('Add the units created since this wave');
      expect((await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}/links`, { form: {} })).status).to.equal(303);
      expect(await waveUnitNames(waveId)).to.deep.equal(['New Annex', 'North Clinic']);
      expect(await countRows(server, 'wave_links l JOIN units u ON u.id = l.unit_id WHERE l.wave_id = $1 AND u.name = $2', [waveId, 'New Annex'])).to.equal(1);
    });

    it('when every unit box is unticked, refuses with 400 on unitIds and creates nothing', async () => {
      const body = new URLSearchParams({ name: 'No units', instrumentVersionId: '00000000-0000-4000-8000-000000000000', distribution: 'open_link', opensOn: dayOffset(0), closesOn: dayOffset(5), unitIds: '', _csrf: manager.csrfToken });
      const response = await fetch(`${server.url}/orgs/${orgId}/waves`, { method: 'POST', redirect: 'manual', headers: { Cookie: manager.cookie, Accept: 'text/html' }, body });
      const html = await response.text();
      expect(response.status).to.equal(400);
      expect(html).to.include('Error: choose at least one unit');
      expect(html).to.include('<h1>New survey wave</h1>');
      expect(html).to.include('value="No units"');
      expect(await countRows(server, 'waves WHERE organization_id = $1', [orgId])).to.equal(1);
    });

    it('offers only the newest version of each instrument on the new-wave form', async () => {
      const html = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/new`, { accept: 'html' })).text();
      const versions = await server.db.query<{ id: string; version: number; key: string }>(
        'SELECT id, version, instrument_key AS key FROM instrument_versions WHERE organization_id IS NULL',
      );
      for (const version of versions) {
        const newest = Math.max(...versions.filter((other) => other.key === version.key).map((other) => other.version));
        expect(html.includes(`value="${version.id}"`), `${version.key} v${version.version}`).to.equal(version.version === newest);
      }
    });

    it('edits a draft\'s name, dates and units, dropping the removed unit\'s link, and audits it', async () => {
      const body = new URLSearchParams({ name: 'Renamed draft', opensOn: dayOffset(2), closesOn: dayOffset(9), _csrf: manager.csrfToken });
      body.append('unitIds', unitIds['South Clinic'] ?? '');
      const response = await fetch(`${server.url}/orgs/${orgId}/waves/${waveId}/edit`, { method: 'POST', redirect: 'manual', headers: { Cookie: manager.cookie }, body });
      expect(response.status).to.equal(303);
      const [wave] = await server.db.query<{ name: string; opensOn: string; closesOn: string }>(
        'SELECT name, opens_on::text AS "opensOn", closes_on::text AS "closesOn" FROM waves WHERE id = $1', [waveId],
      );
      expect(wave).to.deep.equal({ name: 'Renamed draft', opensOn: dayOffset(2), closesOn: dayOffset(9) });
      expect(await waveUnitNames(waveId)).to.deep.equal(['South Clinic']);
      expect(await countRows(server, 'wave_links WHERE wave_id = $1', [waveId])).to.equal(1);
      expect(await countRows(server, "audit_events WHERE organization_id = $1 AND action = 'wave.draft_edited' AND target = 'Renamed draft'", [orgId])).to.equal(1);
    });

    it('when the close date is before the open date, shows the edit form again with the problem beside the close date', async () => {
      const response = await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}/edit`, { form: { name: 'Kept', opensOn: dayOffset(9), closesOn: dayOffset(2) }, accept: 'html' });
      const html = await response.text();
      expect(response.status).to.equal(400);
      expect(html).to.match(/id="closes-on-error" class="field-error">Error: must be on or after the open date/);
      expect(html).to.include('value="Kept"');
      expect(await countRows(server, "waves WHERE id = $1 AND name = 'Kept'", [waveId])).to.equal(0);
    });

    it('when the wave page\'s thresholds or dates are refused, shows the wave page again with the problem beside the field and the typed value', async () => {
      const settings = await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}/settings`, { form: { minGroupSize: '8', commentThreshold: '6' }, accept: 'html' });
      const html = await settings.text();
      expect(settings.status).to.equal(400);
      expect(html).to.match(/id="comment-threshold-error" class="field-error">Error: must be at least the minimum group size k/);
      expect(html).to.match(/id="k"[^>]*value="8"/s);
      expect(html.match(/must be at least the minimum group size k/g)).to.have.length(1);
      const schedule = await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}/schedule`, { form: { opensOn: dayOffset(5), closesOn: dayOffset(1) }, accept: 'html' });
      expect(schedule.status).to.equal(400);
      expect(await schedule.text()).to.match(/id="closes-on-error" class="field-error">Error: must be on or after the open date/);
      expect(await countRows(server, 'waves WHERE id = $1 AND min_group_size = 5 AND opens_on IS NULL', [waveId])).to.equal(1);
    });

    it('deletes a draft with its links after the confirmation page; an open wave can be neither edited nor deleted', async () => {
      const confirmation = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}/delete`, { accept: 'html' })).text();
      expect(confirmation).to.include('Delete the draft');
      expect((await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}/delete`, { form: {} })).status).to.equal(303);
      expect(await countRows(server, 'waves WHERE id = $1', [waveId])).to.equal(0);
      expect(await countRows(server, 'wave_links WHERE wave_id = $1', [waveId])).to.equal(0);
      expect(await countRows(server, "audit_events WHERE organization_id = $1 AND action = 'wave.deleted'", [orgId])).to.equal(1);

      const open = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open' });
      const otherManager = await openSession(server.db, (await createAccount(server.db, { email: uniqueEmail('m'), memberships: [{ organizationId: open.organizationId, role: 'manager' }] })).accountId);
      const refused = await staffFetch(server.url, otherManager, `/orgs/${open.organizationId}/waves/${open.waveId}/delete`, { form: {} });
      expect(refused.status).to.equal(409);
      expect((await staffFetch(server.url, otherManager, `/orgs/${open.organizationId}/waves/${open.waveId}/edit`)).status).to.equal(409);
      expect(await countRows(server, 'waves WHERE id = $1', [open.waveId])).to.equal(1);
      const closePage = await (await staffFetch(server.url, otherManager, `/orgs/${open.organizationId}/waves/${open.waveId}/close`, { accept: 'html' })).text();
      expect(closePage).to.include(`action="/orgs/${open.organizationId}/waves/${open.waveId}/close"`);
      expect(await countRows(server, "waves WHERE id = $1 AND status = 'open'", [open.waveId])).to.equal(1);
    });
  });
}
