import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { analyzeSubscale } from '../../server/instruments/psychometrics.js';
import { scoringRules } from '../../server/instruments/scoring.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type Row = Record<string, string>;
type DashboardJson = { participation: Array<{ id: string; count: { isShown: boolean } }> };

function readCsv(text: string): Row[] {
  return parse(text, { bom: true, columns: true });
}

const unitNames = ['North Clinic', 'South Clinic', 'East Team', 'Tiny Team'];


for (const kind of databaseKinds) {
  describe(`reliability report on ${kind}`, function () {
    let server: TestServer;
    let instrument: PublishedInstrument;
    let wave: BuiltWave;
    let researcher: StaffSession;
    let manager: StaffSession;
    let base: string;

    /** A closed wave of four units (70, 45, 12 and 3 responses in the order of their links, about 4% of items skipped), peer staff and supervisors 3:1. */
    useTestServer(kind, async (started) => {
      server = started;
      instrument = instrumentByKey(server.published, 'peer-staff-climate');
      wave = await buildWave(server.db, instrument, { unitNames });
      const sizes = [70, 45, 12, 3];
      await seedSyntheticResponses(server.db, {
        waveId: wave.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-03-15', seed: 17,
        units: wave.links.map((link, index) => ({ unitId: link.unitId, responses: sizes[index] ?? 0, climateShift: index * 0.3 })),
        roleWeights: { peer_staff: 3, supervisor: 1 },
      });
      await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);
      const memberships = (role: 'researcher' | 'manager') => [{ organizationId: wave.organizationId, role }];
      researcher = await openSession(server.db, (await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: memberships('researcher') })).accountId);
      manager = await openSession(server.db, (await createAccount(server.db, { email: uniqueEmail('manager'), memberships: memberships('manager') })).accountId);
      base = `/orgs/${wave.organizationId}/waves/${wave.waveId}/reliability`;
    });

    async function download(session: StaffSession, path: string): Promise<{ response: Response; text: string }> {
      const response = await staffFetch(server.url, session, path);
      return { response, text: Buffer.from(await response.arrayBuffer()).toString('utf8') };
    }

    it('for the whole wave, computes each subscale from the stored answers of complete respondents only', async () => {
      const rows = readCsv((await download(researcher, `${base}.csv`)).text).filter((row) => row.group_type === 'wave');
      const answers = (await server.db.query<{ answers: Record<string, unknown> }>('SELECT answers FROM responses WHERE wave_id = $1', [wave.waveId])).map((row) => row.answers);
      const rules = scoringRules(instrument.instrument);
      for (const subscale of rules.subscales) {
        const expected = analyzeSubscale(subscale, rules.scale, answers);
        const head = rows.find((row) => row.subscale === subscale.key && row.item === '');
        expect(head, subscale.key).to.include({ respondents: String(answers.length), n_complete: String(expected.n), suppressed: 'false' });
        expect(Number(head?.left_out_incomplete)).to.equal(answers.length - expected.n).and.be.greaterThan(0);
        expect(head?.missing_data).to.match(/^listwise/);
        expect(Number(head?.alpha)).to.be.closeTo(expected.alpha ?? NaN, 1e-9);
        expect(Number(head?.omega_total)).to.be.closeTo(expected.omegaTotal ?? NaN, 1e-6);
        for (const item of expected.items) {
          const row = rows.find((candidate) => candidate.subscale === subscale.key && candidate.item === item.question);
          expect(Number(row?.item_rest_r)).to.be.closeTo(item.itemRestCorrelation ?? NaN, 1e-9);
          expect(Number(row?.alpha_if_deleted)).to.be.closeTo(item.alphaIfDeleted ?? NaN, 1e-9);
        }
      }
    });

    it('shows a unit only where the dashboard shows it, and statistics only from 25 complete respondents', async () => {
      const rows = readCsv((await download(researcher, `${base}.csv`)).text);
      const dashboard = await (await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${wave.waveId}/dashboard.json`)).json() as DashboardJson;
      const shownUnits = dashboard.participation.filter((unit) => unit.count.isShown).map((unit) => unit.id);
      for (const link of wave.links) {
        const unitRows = rows.filter((row) => row.group_type === 'unit' && row.group === link.unitName && row.item === '');
        expect(unitRows).to.have.length(instrument.instrument.subscales.length);
        if (shownUnits.includes(link.unitId)) continue;
        for (const row of unitRows) {
          expect(row.suppressed, link.unitName).to.equal('true');
          expect([row.respondents, row.n_complete, row.alpha, row.omega_total]).to.deep.equal(['', '', '', '']);
        }
      }
      // The 3 responses of one unit are below k; others are hidden with it so that it cannot be subtracted out.
      expect(shownUnits).to.have.length.within(1, 2);
      expect(rows.filter((row) => row.group_type === 'unit' && row.suppressed === 'false').length).to.be.greaterThan(0);
      const withNumbers = rows.filter((row) => row.alpha !== '' || row.item_rest_r !== '');
      expect(withNumbers.length).to.be.greaterThan(0);
      for (const row of withNumbers) expect(Number(row.n_complete)).to.be.at.least(25);
      const tooFew = rows.filter((row) => row.suppressed === 'false' && row.item === '' && Number(row.n_complete) < 25);
      for (const row of tooFew) expect([row.alpha, row.note]).to.deep.equal(['', 'fewer than 25 complete responses']);
    });

    it('renders the page for managers and researchers, stating n and the missing-data rule', async () => {
      for (const session of [researcher, manager]) {
        const response = await staffFetch(server.url, session, base, { accept: 'html' });
        expect(response.status).to.equal(200);
        const html = await response.text();
        expect(html).to.include('Reliability: ');
        expect(html).to.include('listwise: only respondents who answered every item of the subscale');
        expect(html).to.include('North Clinic');
        expect(html).to.include('Not shown: too few respondents');
      }
    });

    it('records a CSV download in the audit log; the spreadsheet file has a byte-order mark and its own name', async () => {
      const before = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'export.downloaded' AND organization_id = $1", [wave.organizationId]);
      const file = await download(researcher, `${base}.csv?excel=1`);
      expect(file.response.status).to.equal(200);
      expect(file.text.startsWith('\uFEFFwave,group_type,')).to.equal(true);
      expect(file.response.headers.get('content-disposition')).to.include('-reliability-for-spreadsheets.csv');
      expect((await download(researcher, `${base}.csv`)).text.startsWith('wave,group_type,')).to.equal(true);
      const events = await server.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_events WHERE action = 'export.downloaded' AND organization_id = $1 ORDER BY occurred_at, id", [wave.organizationId]);
      expect(events.length - (before[0]?.n ?? 0)).to.equal(2);
      expect(events.at(-2)?.details).to.deep.include({ kind: 'reliability', excel: true });
    });

    it('when the wave is open, answers 409 and records nothing; an unknown option answers 400', async () => {
      const open = await buildWave(server.db, instrument, { status: 'open' });
      const account = await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: open.organizationId, role: 'researcher' }] });
      const session = await openSession(server.db, account.accountId);
      const response = await staffFetch(server.url, session, `/orgs/${open.organizationId}/waves/${open.waveId}/reliability.csv`);
      expect(response.status).to.equal(409);
      expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('invalid_state');
      const events = await server.db.query('SELECT id FROM audit_events WHERE organization_id = $1 AND action = $2', [open.organizationId, 'export.downloaded']);
      expect(events).to.have.length(0);
      const bad = await staffFetch(server.url, researcher, `${base}.csv?excel=yes`);
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]?.path).to.equal('query.excel');
    });
  });
}
