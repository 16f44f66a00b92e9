import { expect } from 'chai';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type UnitState = { name: string; isArchived: boolean; headcount: number | null };

for (const kind of databaseKinds) {
  describe(`units: archive, delete, headcount and inline form errors on ${kind}`, function () {
    let server: TestServer;
    let orgId: string;
    let manager: StaffSession;

    useTestServer(kind, (started) => {
      server = started;
    });
    beforeEach(async () => {
      const built = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft' });
      orgId = built.organizationId;
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: orgId, role: 'manager' }] });
      manager = await openSession(server.db, account.accountId);
    });

    async function unitIdOf(name: string): Promise<string> {
      const [row] = await server.db.query<{ id: string }>('SELECT id FROM units WHERE organization_id = $1 AND name = $2', [orgId, name]);
      if (!row) throw new Error(`no unit ${name}`);
      return row.id;
    }

    async function unitState(name: string): Promise<UnitState | undefined> {
      const [row] = await server.db.query<UnitState>(
        'SELECT name, archived_at IS NOT NULL AS "isArchived", headcount FROM units WHERE organization_id = $1 AND name = $2', [orgId, name],
      );
      return row;
    }

    it('when a unit used by a wave is archived, keeps it and its wave, audits it, and a new wave form no longer offers it until restored', async () => {
      const north = await unitIdOf('North Clinic');
      expect((await staffFetch(server.url, manager, `/orgs/${orgId}/units/${north}/archive`, { form: {} })).status).to.equal(303);
      expect(await unitState('North Clinic')).to.deep.include({ isArchived: true });
      expect(await countRows(server, 'wave_units WHERE unit_id = $1', [north])).to.equal(1);
      expect(await countRows(server, "audit_events WHERE organization_id = $1 AND action = 'unit.archived' AND target = 'North Clinic'", [orgId])).to.equal(1);
      const form = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/new`, { accept: 'html' })).text();
      expect(form).not.to.include(`value="${north}"`);
      expect(form).to.include(`value="${await unitIdOf('South Clinic')}"`);
      expect((await staffFetch(server.url, manager, `/orgs/${orgId}/units/${north}/restore`, { form: {} })).status).to.equal(303);
      expect(await unitState('North Clinic')).to.deep.include({ isArchived: false });
    });

    it('when a unit no wave has used is deleted, removes it; a unit in a wave is refused with 409 and stays', async () => {
      await staffFetch(server.url, manager, `/orgs/${orgId}/units`, { form: { name: 'East Team' } });
      const east = await unitIdOf('East Team');
      expect((await staffFetch(server.url, manager, `/orgs/${orgId}/units/${east}/delete`, { form: {} })).status).to.equal(303);
      expect(await unitState('East Team')).to.equal(undefined);
      const refused = await staffFetch(server.url, manager, `/orgs/${orgId}/units/${await unitIdOf('North Clinic')}/delete`, { form: {} });
      expect(refused.status).to.equal(409);
      expect(((await refused.json()) as { error: { message: string } }).error.message).to.include('archive it instead');
      expect(await unitState('North Clinic')).to.not.equal(undefined);
    });

    it('stores a headcount, clears it when blank, and refuses a non-number with 400 naming the field', async () => {
      const path = `/orgs/${orgId}/units/${await unitIdOf('South Clinic')}/headcount`;
      expect((await staffFetch(server.url, manager, path, { form: { headcount: '14' } })).status).to.equal(303);
      expect(await unitState('South Clinic')).to.deep.include({ headcount: 14 });
      const refused = await staffFetch(server.url, manager, path, { form: { headcount: 'twelve' } });
      expect(refused.status).to.equal(400);
      expect(((await refused.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]?.path).to.equal('body.headcount');
      expect(await unitState('South Clinic')).to.deep.include({ headcount: 14 });
      await staffFetch(server.url, manager, path, { form: { headcount: '' } });
      expect(await unitState('South Clinic')).to.deep.include({ headcount: null });
    });

    it('when a browser adds a duplicate unit, answers 409 with the units page showing the problem once beside the name field', async () => {
      const response = await staffFetch(server.url, manager, `/orgs/${orgId}/units`, { form: { name: 'North Clinic' }, accept: 'html' });
      const html = await response.text();
      expect(response.status).to.equal(409);
      expect(html).to.include('<h1>Units</h1>');
      expect(html.match(/there is already a unit called/g)).to.have.length(1);
      expect(html).to.match(/id="new-unit-name"[^>]*value="North Clinic"[^>]*aria-invalid="true"/s);
      expect(await countRows(server, 'units WHERE organization_id = $1', [orgId])).to.equal(2);
    });

    it('when a browser posts to a malformed unit address, answers 400 on the error page rather than a form it cannot build', async () => {
      const response = await staffFetch(server.url, manager, `/orgs/${orgId}/units/not-a-unit/rename`, { form: { name: 'X' }, accept: 'html' });
      expect(response.status).to.equal(400);
      expect(await response.text()).to.include('We could not accept that');
    });

    it('when a browser renames a unit to a blank name, shows the problem beside that unit\'s field only', async () => {
      const response = await staffFetch(server.url, manager, `/orgs/${orgId}/units/${await unitIdOf('South Clinic')}/rename`, { form: { name: ' ' }, accept: 'html' });
      const html = await response.text();
      expect(response.status).to.equal(400);
      expect(html.match(/Error: is required/g)).to.have.length(1);
      expect(html).to.match(/id="unit-1"[^>]*aria-invalid="true"/s);
      expect(html).not.to.match(/id="unit-0"[^>]*aria-invalid/s);
    });
  });
}
