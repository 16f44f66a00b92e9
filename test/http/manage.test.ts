import { expect } from 'chai';
import { closeExpiredWaves } from '../../server/waves/service.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

for (const kind of databaseKinds) {
  describe(`managing an organization on ${kind}`, function () {
    let server: TestServer;
    let orgId: string;
    let manager: StaffSession;
    let managerId: string;
    let instrumentVersionId: string;

    useTestServer(kind, (started) => {
      server = started;
      instrumentVersionId = instrumentByKey(server.published, 'peer-staff-climate').id;
    });
    beforeEach(async () => {
      const built = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'draft' });
      orgId = built.organizationId;
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: orgId, role: 'manager' }] });
      managerId = account.accountId;
      manager = await openSession(server.db, account.accountId);
    });

    describe('units', () => {
      it('when a manager adds a unit, stores it and audits who did it', async () => {
        const response = await staffFetch(server.url, manager, `/orgs/${orgId}/units`, { form: { name: '  East Team  ' } });
        expect(response.status).to.equal(303);
        expect(await countRows(server, "units WHERE organization_id = $1 AND name = 'East Team'", [orgId])).to.equal(1);
        expect(await countRows(server, "audit_events WHERE account_id = $1 AND organization_id = $2 AND action = 'unit.created' AND target = 'East Team'", [managerId, orgId])).to.equal(1);
      });

      const badUnits = [
        { scenario: 'the name is taken', name: 'North Clinic', status: 409, code: 'name_taken', message: 'name: there is already a unit called "North Clinic"' },
        { scenario: 'the name is over 200 characters', name: 'x'.repeat(201), status: 400, code: 'invalid_input', message: 'name: must be at most 200 characters' },
        { scenario: 'the name is blank', name: '   ', status: 400, code: 'invalid_input', message: 'name: is required' },
      ];
      for (const bad of badUnits) {
        it(`when ${bad.scenario}, answers ${bad.status} naming the problem and writes nothing`, async () => {
          const response = await staffFetch(server.url, manager, `/orgs/${orgId}/units`, { form: { name: bad.name } });
          const body = (await response.json()) as ErrorBody;
          expect(response.status).to.equal(bad.status);
          expect(body.error.code).to.equal(bad.code);
          expect(body.error.message).to.include(bad.message);
          expect(await countRows(server, 'units WHERE organization_id = $1', [orgId])).to.equal(2);
          expect(await countRows(server, 'audit_events WHERE organization_id = $1', [orgId])).to.equal(0);
        });
      }

      it('when a unit is renamed to a free name, renames it; to a taken one, answers 409 and keeps the old name', async () => {
        const [north] = await server.db.query<{ id: string }>("SELECT id FROM units WHERE organization_id = $1 AND name = 'North Clinic'", [orgId]);
        const path = `/orgs/${orgId}/units/${north?.id ?? ''}/rename`;
        expect((await staffFetch(server.url, manager, path, { form: { name: 'South Clinic' } })).status).to.equal(409);
        expect(await countRows(server, "units WHERE organization_id = $1 AND name = 'North Clinic'", [orgId])).to.equal(1);
        expect((await staffFetch(server.url, manager, path, { form: { name: 'North Site' } })).status).to.equal(303);
        expect(await countRows(server, "units WHERE organization_id = $1 AND name = 'North Site'", [orgId])).to.equal(1);
      });
    });

    describe('waves', () => {
      const validWave = (): Record<string, string> => ({
        name: 'Spring wave', instrumentVersionId, distribution: 'open_link', opensOn: dayOffset(0), closesOn: dayOffset(30), minGroupSize: '5',
      });

      it('when the form is valid, creates a draft wave with an open link per unit, k defaulting to 5', async () => {
        const { minGroupSize: _k, ...withoutK } = validWave();
        const response = await staffFetch(server.url, manager, `/orgs/${orgId}/waves`, { form: withoutK });
        expect(response.status).to.equal(303);
        const waveId = /\/waves\/([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1] ?? '';
        const [wave] = await server.db.query<{ status: string; minGroupSize: number; distribution: string }>(
          'SELECT status, min_group_size AS "minGroupSize", distribution FROM waves WHERE id = $1 AND organization_id = $2', [waveId, orgId],
        );
        expect(wave).to.deep.equal({ status: 'draft', minGroupSize: 5, distribution: 'open_link' });
        expect(await countRows(server, 'wave_links WHERE wave_id = $1', [waveId])).to.equal(2);
        expect(await countRows(server, "audit_events WHERE action = 'wave.created' AND account_id = $1", [managerId])).to.equal(1);
      });

      const badWaves: Array<{ scenario: string; change: Record<string, string>; status: number; message: string }> = [
        { scenario: 'the close date is before the open date', change: { opensOn: dayOffset(10), closesOn: dayOffset(9) }, status: 400, message: `closesOn: must be on or after the open date (${dayOffset(10)})` },
        { scenario: 'the close date has passed', change: { opensOn: dayOffset(-10), closesOn: dayOffset(-1) }, status: 400, message: 'closesOn: must be today' },
        { scenario: 'k is below 3', change: { minGroupSize: '2' }, status: 400, message: 'minGroupSize: must be at least 3' },
        { scenario: 'k is not a whole number', change: { minGroupSize: '4.5' }, status: 400, message: 'minGroupSize: must be a whole number' },
        { scenario: 'a date is malformed', change: { opensOn: '2030-02-30x' }, status: 400, message: 'opensOn: must be a date' },
        { scenario: 'the name is over 200 characters', change: { name: 'w'.repeat(201) }, status: 400, message: 'name: must be at most 200 characters' },
        { scenario: 'the name is taken in this organization', change: { name: 'Wave taken' }, status: 409, message: 'name: there is already a wave called "Wave taken"' },
        { scenario: 'the instrument is unknown', change: { instrumentVersionId: '00000000-0000-4000-8000-000000000000' }, status: 400, message: 'instrumentVersionId: choose one of the published instruments' },
        { scenario: 'the distribution is unknown', change: { distribution: 'email' }, status: 400, message: 'distribution: choose open links or single-use invitations' },
        { scenario: 'the comment-export choice is neither yes nor no', change: { allowCommentExport: 'maybe' }, status: 400, message: 'allowCommentExport: choose yes or no' },
      ];
      for (const bad of badWaves) {
        it(`when ${bad.scenario}, answers ${bad.status} naming the field and writes nothing`, async () => {
          await server.db.query("UPDATE waves SET name = 'Wave taken' WHERE organization_id = $1", [orgId]);
          const response = await staffFetch(server.url, manager, `/orgs/${orgId}/waves`, { form: { ...validWave(), ...bad.change } });
          const body = (await response.json()) as ErrorBody;
          expect(response.status).to.equal(bad.status);
          expect(body.error.message).to.include(bad.message);
          expect(await countRows(server, 'waves WHERE organization_id = $1', [orgId])).to.equal(1);
          expect(await countRows(server, 'audit_events WHERE organization_id = $1', [orgId])).to.equal(0);
        });
      }

      it('stores whether comments may be exported (no by default), and lets it change only while the wave is a draft', async () => {
        const created = await staffFetch(server.url, manager, `/orgs/${orgId}/waves`, { form: { ...validWave(), allowCommentExport: 'yes' } });
        const waveId = /\/waves\/([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')?.[1] ?? '';
        const isAllowed = async (): Promise<boolean | undefined> =>
          (await server.db.query<{ allowed: boolean }>('SELECT allow_comment_export AS allowed FROM waves WHERE id = $1', [waveId]))[0]?.allowed;
        expect(await isAllowed()).to.equal(true);
        const [other] = await server.db.query<{ allowed: boolean }>('SELECT allow_comment_export AS allowed FROM waves WHERE organization_id = $1 AND id <> $2', [orgId, waveId]);
        expect(other?.allowed).to.equal(false);
        const schedule = `/orgs/${orgId}/waves/${waveId}/schedule`;
        const dates = { opensOn: dayOffset(0), closesOn: dayOffset(30) };
        expect((await staffFetch(server.url, manager, schedule, { form: { ...dates, allowCommentExport: 'no' } })).status).to.equal(303);
        expect(await isAllowed()).to.equal(false);
        await server.db.query("UPDATE waves SET status = 'open' WHERE id = $1", [waveId]);
        const refused = await staffFetch(server.url, manager, schedule, { form: { ...dates, allowCommentExport: 'yes' } });
        expect(refused.status).to.equal(409);
        expect(((await refused.json()) as ErrorBody).error.message).to.include('allowCommentExport: can be changed only while the wave is a draft');
        expect(await isAllowed()).to.equal(false);
        // The dates form of an open wave has no such field, and still saves the dates.
        expect((await staffFetch(server.url, manager, schedule, { form: { ...dates, closesOn: dayOffset(20) } })).status).to.equal(303);
        const page = await (await staffFetch(server.url, manager, `/orgs/${orgId}/waves/${waveId}`, { accept: 'html' })).text();
        expect(page).to.include('Not allowed');
        expect(page).to.not.include('name="allowCommentExport"');
      });

      it('when a manager opens, closes and reopens a wave, the status follows and each step is audited', async () => {
        const [wave] = await server.db.query<{ id: string }>("UPDATE waves SET opens_on = current_date, closes_on = current_date + 7 WHERE organization_id = $1 RETURNING id", [orgId]);
        const base = `/orgs/${orgId}/waves/${wave?.id ?? ''}`;
        const statusOf = async (): Promise<string> => (await server.db.query<{ status: string }>('SELECT status FROM waves WHERE id = $1', [wave?.id ?? '']))[0]?.status ?? '';
        expect((await staffFetch(server.url, manager, `${base}/open`, { method: 'POST' })).status).to.equal(303);
        expect(await statusOf()).to.equal('open');
        expect((await staffFetch(server.url, manager, `${base}/open`, { method: 'POST' })).status).to.equal(409);
        expect((await staffFetch(server.url, manager, `${base}/close`, { method: 'POST' })).status).to.equal(303);
        expect(await statusOf()).to.equal('closed');
        expect((await staffFetch(server.url, manager, `${base}/open`, { method: 'POST' })).status).to.equal(303);
        expect(await statusOf()).to.equal('open');
        const actions = await server.db.query<{ action: string }>('SELECT action FROM audit_events WHERE organization_id = $1 AND account_id = $2 ORDER BY occurred_at', [orgId, managerId]);
        expect(actions.map((row) => row.action)).to.deep.equal(['wave.opened', 'wave.closed', 'wave.reopened']);
        const page = await (await staffFetch(server.url, manager, base, { accept: 'html' })).text();
        expect(page).to.include(`Open until ${dayOffset(7)}`);
      });

      it('when a wave passes its close date, refuses answers, the sweep stores it closed, and reopening needs a later date', async () => {
        const built = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open' });
        await server.db.query("UPDATE waves SET opens_on = current_date - 10, closes_on = current_date - 1 WHERE id = $1", [built.waveId]);
        const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: built.organizationId, role: 'manager' }] });
        const session = await openSession(server.db, account.accountId);
        const base = `/orgs/${built.organizationId}/waves/${built.waveId}`;
        expect((await fetch(`${server.url}/s/${built.links[0]?.code ?? ''}`)).status).to.equal(410);
        expect(await (await staffFetch(server.url, session, base, { accept: 'html' })).text()).to.include('<dd id="wave-status">Closed</dd>');

        expect(await closeExpiredWaves(server.db)).to.be.at.least(1);
        expect(await countRows(server, "waves WHERE id = $1 AND status = 'closed'", [built.waveId])).to.equal(1);
        expect(await countRows(server, "audit_events WHERE organization_id = $1 AND action = 'wave.closed_at_close_date' AND account_id IS NULL", [built.organizationId])).to.equal(1);

        const refused = await staffFetch(server.url, session, `${base}/open`, { method: 'POST' });
        expect(refused.status).to.equal(409);
        expect(((await refused.json()) as ErrorBody).error.message).to.include(`The close date (${dayOffset(-1)}) has passed`);
        expect((await staffFetch(server.url, session, `${base}/schedule`, { form: { opensOn: dayOffset(0), closesOn: dayOffset(5) } })).status).to.equal(303);
        expect((await staffFetch(server.url, session, `${base}/open`, { method: 'POST' })).status).to.equal(303);
        expect((await fetch(`${server.url}/s/${built.links[0]?.code ?? ''}`)).status).to.equal(200);
      });

      it('while open, shows per unit only whether k is reached and the total in steps of 5, and the printable QR page holds an SVG per unit', async () => {
        const built = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open', minGroupSize: 3 });
        const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: built.organizationId, role: 'manager' }] });
        const session = await openSession(server.db, account.accountId);
        const [north, south] = built.links;
        const insert = (unitId: string): Promise<unknown> => server.db.query(
          "INSERT INTO responses (wave_id, unit_id, instrument_version_id, language, answers) VALUES ($1, $2, $3, 'en', '{}')", [built.waveId, unitId, instrumentVersionId],
        );
        for (let index = 0; index < 3; index += 1) await insert(north?.unitId ?? '');
        await insert(south?.unitId ?? '');
        const page = await (await staffFetch(server.url, session, `/orgs/${built.organizationId}/waves/${built.waveId}`, { accept: 'html' })).text();
        expect(page).to.match(/North Clinic<\/td>\s*<td>3 or more<\/td>/);
        expect(page).to.match(/South Clinic<\/td>\s*<td>fewer than 3 so far<\/td>/);
        expect(page).to.include('fewer than 5 so far');
        expect(page).to.not.match(/\b[1-4] responses/);
        const home = await (await staffFetch(server.url, session, `/orgs/${built.organizationId}`, { accept: 'html' })).text();
        expect(home).to.include('fewer than 5 so far');

        const qr = await (await staffFetch(server.url, session, `/orgs/${built.organizationId}/waves/${built.waveId}/qr`, { accept: 'html' })).text();
        const images = [...qr.matchAll(/src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((match) => Buffer.from(match[1] ?? '', 'base64').toString());
        expect(images).to.have.length(2);
        expect(images[0]).to.match(/^<svg/);
        expect(qr).to.include(`/s/${north?.code ?? ''}`);
      });
    });

    describe('platform admin', () => {
      it('when an organization name is taken (in any letter case), answers 409 and creates nothing', async () => {
        const admin = await createAccount(server.db, { email: uniqueEmail('admin'), isPlatformAdmin: true });
        const session = await openSession(server.db, admin.accountId);
        const [existing] = await server.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [orgId]);
        const before = await countRows(server, 'organizations');
        const response = await staffFetch(server.url, session, '/admin/organizations', { form: { name: (existing?.name ?? '').toUpperCase() } });
        expect(response.status).to.equal(409);
        expect(((await response.json()) as ErrorBody).error.message).to.include('there is already an organization called');
        expect(await countRows(server, 'organizations')).to.equal(before);
      });
    });
  });
}
