import { expect } from 'chai';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type Thresholds = { minGroupSize: number; commentThreshold: number; status: string };

for (const kind of databaseKinds) {
  describe(`POST /orgs/:orgId/waves/:waveId/settings on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => {
      server = started;
    });

    async function setUp(status: 'draft' | 'open'): Promise<{ manager: StaffSession; organizationId: string; waveId: string; code: string }> {
      const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status });
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      return { manager: await openSession(server.db, account.accountId), organizationId: wave.organizationId, waveId: wave.waveId, code: wave.links[0]?.code ?? '' };
    }

    async function readThresholds(waveId: string): Promise<Thresholds | undefined> {
      const [row] = await server.db.query<Thresholds>('SELECT min_group_size AS "minGroupSize", comment_threshold AS "commentThreshold", status FROM waves WHERE id = $1', [waveId]);
      return row;
    }

    it('when the wave is a draft, changes k and the comment threshold and audits it', async () => {
      const { manager, organizationId, waveId } = await setUp('draft');
      const response = await staffFetch(server.url, manager, `/orgs/${organizationId}/waves/${waveId}/settings`, { form: { minGroupSize: '7', commentThreshold: '12' } });
      expect(response.status).to.equal(303);
      expect(await readThresholds(waveId)).to.deep.equal({ minGroupSize: 7, commentThreshold: 12, status: 'draft' });
      const audit = await server.db.query("SELECT 1 FROM audit_events WHERE action = 'wave.thresholds_changed' AND organization_id = $1", [organizationId]);
      expect(audit).to.have.length(1);
    });

    it('when the wave has opened, answers 409 saying they are fixed, and changes nothing', async () => {
      const { manager, organizationId, waveId } = await setUp('open');
      const response = await staffFetch(server.url, manager, `/orgs/${organizationId}/waves/${waveId}/settings`, { form: { minGroupSize: '3', commentThreshold: '3' } });
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(response.status).to.equal(409);
      expect(body.error.message).to.match(/fixed once a wave has opened/);
      expect(await readThresholds(waveId)).to.deep.equal({ minGroupSize: 5, commentThreshold: 10, status: 'open' });
    });

    it('when the comment threshold is below k or k is below 3, answers 400 naming the field', async () => {
      const { manager, organizationId, waveId } = await setUp('draft');
      const below = await staffFetch(server.url, manager, `/orgs/${organizationId}/waves/${waveId}/settings`, { form: { minGroupSize: '8', commentThreshold: '6' } });
      expect(below.status).to.equal(400);
      expect(await below.text()).to.include('commentThreshold');
      const tooSmall = await staffFetch(server.url, manager, `/orgs/${organizationId}/waves/${waveId}/settings`, { form: { minGroupSize: '2', commentThreshold: '10' } });
      expect(tooSmall.status).to.equal(400);
      expect(await tooSmall.text()).to.include('minGroupSize');
      expect(await readThresholds(waveId)).to.deep.equal({ minGroupSize: 5, commentThreshold: 10, status: 'draft' });
    });

    it('states both promised thresholds on the survey page', async () => {
      const { code } = await setUp('open');
      const html = await (await fetch(`${server.url}/s/${code}`, { headers: { Accept: 'text/html' } })).text();
      expect(html).to.include('Results are shown only for groups of 5 or more people');
      expect(html).to.include('only for groups of 10 or more people, in random order and without the date');
    });
  });
}
