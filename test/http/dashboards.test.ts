import { expect } from 'chai';
import type { Dashboard } from '../../server/dashboards/model.js';
import { summarizeClosedWaves } from '../../server/dashboards/service.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { addWave, seedUnits } from '../support/dashboards.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

function roundFigures(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, entry: unknown) => (typeof entry === 'number' ? Number(entry.toPrecision(10)) : entry)));
}

for (const kind of databaseKinds) {
  describe(`GET /orgs/:orgId/waves/:waveId/dashboard on ${kind}`, function () {
    let server: TestServer;
    let peer: PublishedInstrument;
    let wave: BuiltWave;
    let unitIds: Map<string, string>;
    let manager: StaffSession;
    let researcher: StaffSession;
    let otherManager: StaffSession;
    let otherWave: BuiltWave;
    let path: string;

    useTestServer(kind, async (started) => {
      server = started;
      peer = instrumentByKey(server.published, 'peer-staff-climate');
      const staffInstrument = instrumentByKey(server.published, 'supervisor-clinical-climate');
      wave = await buildWave(server.db, peer, { status: 'closed', unitNames: ['North', 'South', 'Tiny'] });
      unitIds = new Map(wave.links.map((link) => [link.unitName, link.unitId]));
      const previousWaveId = wave.waveId;
      await seedUnits(server, previousWaveId, peer, unitIds, { North: 14, South: 12, Tiny: 6 }, { peer_staff: 1 }, 1);
      const currentWaveId = await addWave(server, wave.organizationId, peer, 'Current wave', 'closed');
      await seedUnits(server, currentWaveId, peer, unitIds, { North: 16, South: 12, Tiny: 2 }, { peer_staff: 1 }, 2);
      const companionId = await addWave(server, wave.organizationId, staffInstrument, 'Supervisors wave', 'closed');
      await seedUnits(server, companionId, staffInstrument, unitIds, { North: 8, South: 7, Tiny: 1 }, { supervisor: 1, clinical_other: 1 }, 3);
      wave = { ...wave, waveId: currentWaveId };
      path = `/orgs/${wave.organizationId}/waves/${wave.waveId}/dashboard`;
      const managerAccount = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      const researcherAccount = await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] });
      otherWave = await buildWave(server.db, peer, { status: 'closed' });
      const otherAccount = await createAccount(server.db, { email: uniqueEmail('other'), memberships: [{ organizationId: otherWave.organizationId, role: 'manager' }] });
      manager = await openSession(server.db, managerAccount.accountId);
      researcher = await openSession(server.db, researcherAccount.accountId);
      otherManager = await openSession(server.db, otherAccount.accountId);
    });

    async function readDashboard(session: StaffSession, query = ''): Promise<Dashboard> {
      const response = await staffFetch(server.url, session, `${path}.json${query}`);
      expect(response.status).to.equal(200);
      return (await response.json()) as Dashboard;
    }

    it('when the wave has closed, shows every area for the whole wave and hides the small unit everywhere, n included', async () => {
      const dashboard = await readDashboard(manager);
      const results = dashboard.results;
      if (!results) throw new Error(`no results: ${String(dashboard.resultsMessage)}`);
      expect(dashboard.headline.count).to.deep.equal({ isShown: true, n: 30 });
      const tiny = dashboard.participation.find((unit) => unit.label === 'Tiny');
      expect(tiny?.count).to.deep.equal({ isShown: false });
      const tinyIndex = results.groups.findIndex((group) => group.label === 'Tiny');
      for (const row of results.constructs) {
        expect(row.headline.isShown, row.key).to.equal(true);
        expect(row.breakdown[tinyIndex]).to.deep.equal({ isShown: false });
      }
      // Total minus the visible units must not give Tiny: another unit is hidden with it.
      const shownUnits = dashboard.participation.filter((unit) => unit.count.isShown);
      expect(shownUnits.length).to.be.at.most(1);
      expect(JSON.stringify(dashboard.participation.filter((unit) => !unit.count.isShown))).not.to.match(/"n"/);
    });

    it('shows the change since the previous wave, the perception gap, drivers and actions', async () => {
      const results = (await readDashboard(researcher)).results;
      if (!results) throw new Error('no results');
      expect(results.change.previousWave).to.match(/^Wave /);
      expect(results.change.rows.every((row) => row.change.isShown)).to.equal(true);
      expect(results.gap.companionWave).to.equal('Supervisors wave');
      expect(results.gap.rows.map((row) => row.key)).to.have.members(['microaggressions', 'perceived_value', 'role_clarity', 'recovery_culture']);
      expect(results.gap.rows.every((row) => row.gap.isShown)).to.equal(true);
      expect(results.drivers.ranking).to.have.length(6);
      expect(results.actions.length).to.be.greaterThan(0);
      expect(results.items.map((item) => (item.stat.isShown ? item.stat.percentFavorable : 999))).to.deep.equal(
        [...results.items.map((item) => (item.stat.isShown ? item.stat.percentFavorable : 999))].sort((a, b) => a - b),
      );
    });

    it('when filtered to the small unit, says plainly that its results are hidden and shows no count', async () => {
      const dashboard = await readDashboard(manager, `?unit=${unitIds.get('Tiny') ?? ''}`);
      expect(dashboard.results).to.equal(null);
      expect(dashboard.headline.count).to.deep.equal({ isShown: false });
      expect(dashboard.resultsMessage).to.match(/not shown/);
    });

    it('when the filter names an unknown role, another organization\'s unit or both a unit and a role, answers 400 naming nothing else', async () => {
      for (const query of ['?role=director', `?unit=${otherWave.links[0]?.unitId ?? ''}`, `?unit=${unitIds.get('North') ?? ''}&role=peer_staff`]) {
        const response = await staffFetch(server.url, manager, `${path}.json${query}`);
        const body = await response.text();
        expect(response.status, query).to.equal(400);
        expect(body).not.to.include('North Clinic');
        expect(body).not.to.match(/"n":/);
      }
    });

    it('when a manager of another organization asks, answers 404 for the wave, and 404 for an unknown wave', async () => {
      expect((await staffFetch(server.url, otherManager, `/orgs/${otherWave.organizationId}/waves/${wave.waveId}/dashboard.json`)).status).to.equal(404);
      expect((await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/00000000-0000-4000-8000-000000000000/dashboard.json`)).status).to.equal(404);
      expect((await staffFetch(server.url, otherManager, `${path}.json`)).status).to.equal(404);
    });

    it('when the wave is still open, shows no results, so two views cannot be compared response by response', async () => {
      const openWaveId = await addWave(server, wave.organizationId, peer, 'Open wave', 'open');
      await seedUnits(server, openWaveId, peer, unitIds, { North: 12, South: 12, Tiny: 0 }, { peer_staff: 1 }, 4);
      const openPath = `/orgs/${wave.organizationId}/waves/${openWaveId}/dashboard.json`;
      const first = (await (await staffFetch(server.url, manager, openPath)).json()) as Dashboard;
      await seedUnits(server, openWaveId, peer, unitIds, { North: 1 }, { peer_staff: 1 }, 5);
      const second = (await (await staffFetch(server.url, manager, openPath)).json()) as Dashboard;
      expect(first.results).to.equal(null);
      expect(second.results).to.equal(null);
      expect(first.resultsMessage).to.match(/when the wave closes/);
    });

    it('when the wave is closed, its page shows no count of its own and points every unit to the dashboard', async () => {
      const page = await (await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${wave.waveId}`, { accept: 'html' })).text();
      for (const label of ['North', 'South', 'Tiny']) expect(new RegExp(`${label}</td>\\s*<td>([^<]*)</td>`).exec(page)?.[1], label).to.equal('see the dashboard');
    });

    it('when a closed wave\'s results were shown, it cannot be reopened; one reopened before anything was shown counts its new responses', async () => {
      const shownId = await addWave(server, wave.organizationId, peer, 'Shown wave', 'closed');
      await seedUnits(server, shownId, peer, unitIds, { North: 10, South: 10 }, { peer_staff: 1 }, 6);
      const view = async (waveId: string) => (await (await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${waveId}/dashboard.json`)).json()) as Dashboard;
      expect((await view(shownId)).headline.count).to.deep.equal({ isShown: true, n: 20 });
      const refused = await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${shownId}/open`, { method: 'POST' });
      expect(refused.status).to.equal(409);
      const unshownId = await addWave(server, wave.organizationId, peer, 'Unshown wave', 'closed');
      await seedUnits(server, unshownId, peer, unitIds, { North: 10, South: 10 }, { peer_staff: 1 }, 7);
      expect((await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${unshownId}/open`, { method: 'POST' })).status).to.equal(303);
      await seedUnits(server, unshownId, peer, unitIds, { North: 5, South: 5 }, { peer_staff: 1 }, 8);
      expect((await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${unshownId}/close`, { method: 'POST' })).status).to.equal(303);
      expect((await view(unshownId)).headline.count).to.deep.equal({ isShown: true, n: 30 });
    });

    it('when a manager closes a wave, stores its aggregates once, and views read them with the same figures as the responses give', async () => {
      const waveId = await addWave(server, wave.organizationId, peer, 'Closed by the manager', 'open');
      await seedUnits(server, waveId, peer, unitIds, { North: 14, South: 11, Tiny: 3 }, { peer_staff: 3, supervisor: 1 }, 8);
      expect((await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${waveId}/close`, { method: 'POST' })).status).to.equal(303);
      const stored = await server.db.query<{ responses: number }>('SELECT responses FROM closed_wave_aggregates WHERE wave_id = $1', [waveId]);
      expect(stored).to.deep.equal([{ responses: 28 }]);
      const view = async () => {
        const dashboard = (await (await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${waveId}/dashboard.json`)).json()) as Dashboard;
        if (!dashboard.results) throw new Error(`no results: ${String(dashboard.resultsMessage)}`);
        return { ...dashboard, results: { ...dashboard.results, comments: null } };
      };
      const fromStored = await view();
      await server.db.query('DELETE FROM closed_wave_aggregates WHERE wave_id = $1', [waveId]);
      // Sums added in another order may differ in the last bits: figures are compared to 10 significant digits.
      expect(roundFigures(await view())).to.deep.equal(roundFigures(fromStored));
      // Drivers come from each cell's sums; they must equal the database's own corr() over the responses.
      const outcome = peer.instrument.outcomeQuestion ?? '';
      const expected = await server.db.query<{ subscale: string; r: number }>(
        `SELECT s.key AS subscale, corr(s.value::float8, (r.answers ->> $2)::float8) AS r
         FROM responses r CROSS JOIN LATERAL jsonb_each_text(r.scores) AS s(key, value) WHERE r.wave_id = $1 AND r.answers ? $2 GROUP BY s.key`,
        [waveId, outcome],
      );
      expect(fromStored.results.drivers.ranking).to.have.length(expected.length);
      for (const row of fromStored.results.drivers.ranking) expect(row.r, row.key).to.be.closeTo(expected.find((entry) => entry.subscale === row.key)?.r ?? Number.NaN, 1e-9);
      // While they cover the wave's responses, stored aggregates are what a view shows.
      await server.db.query("UPDATE closed_wave_aggregates SET cells = '[]'::jsonb WHERE wave_id = $1", [waveId]);
      const tampered = (await (await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${waveId}/dashboard.json`)).json()) as Dashboard;
      expect(tampered.results).to.equal(null);
      expect(tampered.headline.count).to.deep.equal({ isShown: false });
    });

    it('when a wave closed without its aggregates (by its close date), the sweep stores them', async () => {
      const waveId = await addWave(server, wave.organizationId, peer, 'Closed by date', 'closed');
      await seedUnits(server, waveId, peer, unitIds, { North: 6, South: 5 }, { peer_staff: 1 }, 9);
      expect(await summarizeClosedWaves(server.db)).to.be.at.least(1);
      const stored = await server.db.query<{ responses: number }>('SELECT responses FROM closed_wave_aggregates WHERE wave_id = $1', [waveId]);
      expect(stored).to.deep.equal([{ responses: 11 }]);
      expect(await summarizeClosedWaves(server.db)).to.equal(0);
    });

    it('when the page is opened, renders the heatmap with the small unit marked Suppressed, never blank or zero', async () => {
      const response = await staffFetch(server.url, manager, path, { accept: 'html' });
      const html = await response.text();
      expect(response.status).to.equal(200);
      const tinyRow = /<tr><th scope="row">Tiny<\/th>([\s\S]*?)<\/tr>/.exec(html.slice(html.indexOf('id="heatmap"')))?.[1] ?? '';
      const cells = [...tinyRow.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]?.trim());
      expect(cells).to.deep.equal(Array.from({ length: 6 }, () => 'Suppressed'));
    });

    it('when comments qualify, shows them under handles sealed afresh per view, and a manager can hide one, which is audited', async () => {
      const results = (await readDashboard(manager)).results;
      if (!results) throw new Error('no results');
      expect(results.comments.isShown).to.equal(true);
      const comment = results.comments.items[0];
      if (!comment) throw new Error('the synthetic wave has no comments');
      const countSame = (items: ReadonlyArray<{ question: string; text: string }>): number => items.filter((item) => item.question === comment.question && item.text === comment.text).length;
      const again = (await readDashboard(manager)).results?.comments.items ?? [];
      expect(again.map((item) => item.handle)).to.not.include(comment.handle);
      const forged = await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${wave.waveId}/comments/hide`, { form: { comment: `${comment.handle.slice(0, -2)}AA` } });
      expect(forged.status).to.equal(400);
      const comments = `/orgs/${wave.organizationId}/waves/${wave.waveId}/comments`;
      const hiddenRows = async (): Promise<number> => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hidden_comments'))[0]?.n ?? -1;
      const before = await hiddenRows();
      // The confirm step quotes the comment and hides nothing yet.
      const confirm = await staffFetch(server.url, manager, `${comments}/hide/confirm`, { form: { comment: comment.handle }, accept: 'html' });
      expect(confirm.status).to.equal(200);
      const confirmPage = await confirm.text();
      expect(confirmPage).to.include('Hide this comment?').and.to.include('Hide the comment').and.to.include('Cancel, keep it');
      expect(await hiddenRows()).to.equal(before);
      const hide = await staffFetch(server.url, manager, `${comments}/hide`, { form: { comment: comment.handle } });
      expect(hide.status).to.equal(303);
      const done = hide.headers.get('location') ?? '';
      expect(done).to.match(/\/comments\/hidden\?comment=/);
      const donePage = await (await staffFetch(server.url, manager, done, { accept: 'html' })).text();
      expect(donePage).to.include('Done: this comment no longer shows').and.to.include('Undo: show it again');
      const after = (await readDashboard(manager)).results?.comments.items ?? [];
      expect(countSame(after)).to.equal(countSame(results.comments.items) - 1);
      expect((await staffFetch(server.url, manager, `${comments}/hide`, { form: { comment: comment.handle } })).status).to.equal(400);
      const audit = await server.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action = 'comment.hidden' AND organization_id = $1", [wave.organizationId]);
      expect(audit).to.have.length(1);
      for (const path of ['hide', 'hide/confirm', 'unhide']) {
        const refused = await staffFetch(server.url, researcher, `${comments}/${path}`, { form: { comment: comment.handle } });
        expect(refused.status, path).to.equal(403);
      }
      // The undo shows it again, is audited, and cannot be repeated.
      const undo = await staffFetch(server.url, manager, `${comments}/unhide`, { form: { comment: comment.handle } });
      expect(undo.status).to.equal(303);
      expect(await (await staffFetch(server.url, manager, undo.headers.get('location') ?? '', { accept: 'html' })).text()).to.include('Done: this comment shows on the dashboard again');
      expect(await hiddenRows()).to.equal(before);
      expect(countSame((await readDashboard(manager)).results?.comments.items ?? [])).to.equal(countSame(results.comments.items));
      const shown = await server.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action = 'comment.shown_again' AND organization_id = $1", [wave.organizationId]);
      expect(shown).to.have.length(1);
      expect((await staffFetch(server.url, manager, `${comments}/unhide`, { form: { comment: comment.handle } })).status).to.equal(400);
    });
  });
}
