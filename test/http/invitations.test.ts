import { expect } from 'chai';
import { hashSpentToken, hashToken } from '../../server/http/tokens.js';
import { buildCompleteAnswers, postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type ErrorBody = { error: { code: string; message: string } };

for (const kind of databaseKinds) {
  describe(`single-use invitations on ${kind}`, function () {
    let server: TestServer;
    let wave: BuiltWave;
    let manager: StaffSession;
    let answers: Record<string, unknown>;

    useTestServer(kind, (started) => {
      server = started;
    });
    beforeEach(async () => {
      const instrument = instrumentByKey(server.published, 'peer-staff-climate');
      wave = await buildWave(server.db, instrument, { status: 'open', minGroupSize: 3 });
      await server.db.query("UPDATE waves SET distribution = 'invitation' WHERE id = $1", [wave.waveId]);
      await server.db.query('DELETE FROM wave_links WHERE wave_id = $1', [wave.waveId]);
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      manager = await openSession(server.db, account.accountId);
      answers = buildCompleteAnswers(instrument.instrument);
    });

    async function issue(counts: Record<string, string>): Promise<Response> {
      return staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${wave.waveId}/invitations`, { form: counts });
    }

    async function issueTokens(north: number, south = 0): Promise<string[]> {
      const [northLink, southLink] = wave.links;
      const response = await issue({ [`count_${northLink?.unitId ?? ''}`]: String(north), [`count_${southLink?.unitId ?? ''}`]: String(south) });
      expect(response.status).to.equal(200);
      return [...(await response.text()).matchAll(/\/s\/([A-Za-z0-9_-]{22})\r\n/g)].map((match) => match[1] ?? '');
    }

    it('when a manager asks for links per unit, downloads a CSV of full links and stores only their hashes', async () => {
      const [north, south] = wave.links;
      const response = await issue({ [`count_${north?.unitId ?? ''}`]: '3', [`count_${south?.unitId ?? ''}`]: '2' });
      const csv = await response.text();
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).to.match(/^attachment; filename="invitations-wave-\d+\.csv"$/);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).to.equal('wave,unit,link');
      expect(lines.slice(1).filter((line) => line.includes(',North Clinic,'))).to.have.length(3);
      expect(lines.slice(1).filter((line) => line.includes(',South Clinic,'))).to.have.length(2);
      const tokens = lines.slice(1).map((line) => new RegExp(`,${server.url}/s/([A-Za-z0-9_-]{22})$`).exec(line)?.[1] ?? '');
      expect(new Set(tokens).size).to.equal(5);

      const stored = await server.db.query<{ tokenHash: string; unitId: string }>('SELECT token_hash AS "tokenHash", unit_id AS "unitId" FROM invitations WHERE wave_id = $1', [wave.waveId]);
      expect(stored.map((row) => row.tokenHash).sort()).to.deep.equal(tokens.map(hashToken).sort());
      expect(await countRows(server, 'spent_tokens WHERE wave_id = $1', [wave.waveId])).to.equal(0);
      const everything = JSON.stringify(await server.db.query('SELECT i.* FROM invitations i'));
      for (const token of tokens) expect(everything).not.to.include(token);
      expect(server.logs.join('\n')).not.to.match(new RegExp(tokens.join('|')));
      expect(await countRows(server, "audit_events WHERE action = 'invitations.issued' AND organization_id = $1 AND details->>'total' = '5'", [wave.organizationId])).to.equal(1);
    });

    it('when a respondent answers through an invitation, stores the response; a second use is refused and stores nothing', async () => {
      const [token = ''] = await issueTokens(1);
      expect((await fetch(`${server.url}/s/${token}`, { headers: { Accept: 'text/html' } })).status).to.equal(200);
      expect((await postAnswers(server.url, token, { answers })).status).to.equal(201);
      const [response] = await server.db.query<{ unitId: string }>('SELECT unit_id AS "unitId" FROM responses WHERE wave_id = $1', [wave.waveId]);
      expect(response?.unitId).to.equal(wave.links[0]?.unitId);
      expect(await countRows(server, 'invitations WHERE token_hash = $1', [hashToken(token)])).to.equal(1);
      expect(await countRows(server, 'spent_tokens WHERE token_hash = $1', [hashToken(token)])).to.equal(0);
      expect(await countRows(server, 'spent_tokens WHERE token_hash = $1 AND wave_id = $2', [hashSpentToken(token), wave.waveId])).to.equal(1);

      const reused = await postAnswers(server.url, token, { answers });
      expect(reused.status).to.equal(409);
      const body = (await reused.json()) as ErrorBody;
      expect(body.error.code).to.equal('link_used');
      expect(body.error.message).to.include('This link has already been used');
      const page = await fetch(`${server.url}/s/${token}`, { headers: { Accept: 'text/html' } });
      expect(page.status).to.equal(409);
      expect(await page.text()).to.include('This link has already been used');
      expect(await countRows(server, 'responses WHERE wave_id = $1', [wave.waveId])).to.equal(1);
    });

    it('when two submissions use one invitation at the same moment, accepts exactly one and tells the other the link was used', async () => {
      for (let round = 0; round < 3; round += 1) {
        const [token = ''] = await issueTokens(1);
        const results = await Promise.all([postAnswers(server.url, token, { answers }), postAnswers(server.url, token, { answers })]);
        const statuses = results.map((result) => result.status).sort();
        expect(statuses).to.deep.equal([201, 409]);
        const refused = results.find((result) => result.status === 409);
        expect(((await refused?.json()) as ErrorBody).error.message).to.include('This link has already been used');
      }
      expect(await countRows(server, 'responses WHERE wave_id = $1', [wave.waveId])).to.equal(3);
    });

    it('keeps nothing that joins an invitation to its response: the invitation row is never changed and the spent hash differs', async () => {
      const tokens = await issueTokens(2);
      const [token = ''] = tokens;
      const before = await server.db.query<{ xmin: string }>('SELECT xmin::text AS xmin FROM invitations WHERE wave_id = $1', [wave.waveId]);
      expect((await postAnswers(server.url, token, { answers })).status).to.equal(201);
      const columns = await server.db.query<{ table: string; column: string }>(
        `SELECT table_name AS table, column_name AS column FROM information_schema.columns
         WHERE table_name IN ('invitations', 'spent_tokens') ORDER BY table_name, ordinal_position`,
      );
      expect(columns.map((row) => `${row.table}.${row.column}`)).to.deep.equal([
        'invitations.token_hash', 'invitations.wave_id', 'invitations.unit_id', 'spent_tokens.token_hash', 'spent_tokens.wave_id',
      ]);
      const [response] = await server.db.query<{ xmin: string }>('SELECT xmin::text AS xmin FROM responses WHERE wave_id = $1', [wave.waveId]);
      const after = await server.db.query<{ xmin: string }>('SELECT xmin::text AS xmin FROM invitations WHERE wave_id = $1', [wave.waveId]);
      expect(after).to.deep.equal(before);
      expect(after.map((row) => row.xmin)).not.to.include(response?.xmin);
      const spent = await server.db.query<{ tokenHash: string }>('SELECT token_hash AS "tokenHash" FROM spent_tokens WHERE wave_id = $1', [wave.waveId]);
      const invited = await server.db.query<{ tokenHash: string }>('SELECT token_hash AS "tokenHash" FROM invitations WHERE wave_id = $1', [wave.waveId]);
      expect(spent).to.have.length(1);
      expect(invited.map((row) => row.tokenHash)).not.to.include(spent[0]?.tokenHash);
      expect(invited.map((row) => hashToken(row.tokenHash))).not.to.include(spent[0]?.tokenHash);
    });

    const badRequests = [
      { scenario: 'no invitation is asked for', counts: (): Record<string, string> => ({ [`count_${wave.links[0]?.unitId ?? ''}`]: '0' }), status: 400, message: 'counts: ask for at least one invitation' },
      { scenario: 'a count is over 1000', counts: (): Record<string, string> => ({ [`count_${wave.links[0]?.unitId ?? ''}`]: '1001' }), status: 400, message: 'must be at most 1000 per unit' },
      { scenario: 'a count is negative', counts: (): Record<string, string> => ({ [`count_${wave.links[0]?.unitId ?? ''}`]: '-1' }), status: 400, message: 'must be 0 or more' },
      { scenario: 'a field is not a unit count', counts: (): Record<string, string> => ({ count_north: '1' }), status: 400, message: 'count_north: is not a unit count field' },
    ];
    for (const bad of badRequests) {
      it(`when ${bad.scenario}, answers ${bad.status} and issues nothing`, async () => {
        const response = await issue(bad.counts());
        expect(response.status).to.equal(bad.status);
        expect(((await response.json()) as ErrorBody).error.message).to.include(bad.message);
        expect(await countRows(server, 'invitations WHERE wave_id = $1', [wave.waveId])).to.equal(0);
      });
    }

    it('when the unit id is of another organization, answers 404 and issues nothing', async () => {
      const other = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
      const response = await issue({ [`count_${wave.links[0]?.unitId ?? ''}`]: '1', [`count_${other.links[0]?.unitId ?? ''}`]: '1' });
      expect(response.status).to.equal(404);
      expect(await countRows(server, 'invitations WHERE wave_id = $1', [wave.waveId])).to.equal(0);
    });

    it('when the wave uses open links or is closed, refuses to issue invitations', async () => {
      const openLinkWave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
      const account = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: openLinkWave.organizationId, role: 'manager' }] });
      const response = await staffFetch(server.url, await openSession(server.db, account.accountId), `/orgs/${openLinkWave.organizationId}/waves/${openLinkWave.waveId}/invitations`, {
        form: { [`count_${openLinkWave.links[0]?.unitId ?? ''}`]: '1' },
      });
      expect(response.status).to.equal(409);
      await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);
      const closed = await issue({ [`count_${wave.links[0]?.unitId ?? ''}`]: '1' });
      expect(closed.status).to.equal(409);
      expect(((await closed.json()) as ErrorBody).error.message).to.include('Reopen it before issuing invitations');
    });

    it('when an invitation token is unknown, answers 404 link_unknown', async () => {
      const response = await postAnswers(server.url, 'AAAAAAAAAAAAAAAAAAAAAA', { answers });
      expect(response.status).to.equal(404);
      expect(((await response.json()) as ErrorBody).error.code).to.equal('link_unknown');
    });

    it('while the wave is open, shows per unit only whether k is reached, beside the invitations issued', async () => {
      const tokens = await issueTokens(4, 2);
      for (const token of tokens.slice(0, 3)) expect((await postAnswers(server.url, token, { answers })).status).to.equal(201);
      const page = await (await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${wave.waveId}`, { accept: 'html' })).text();
      expect(page).to.match(/South Clinic<\/td>\s*<td>fewer than \d so far<\/td>\s*<td>2<\/td>/);
      expect(page).to.match(/North Clinic<\/td>\s*<td>(\d or more|fewer than \d so far)<\/td>\s*<td>4<\/td>/);
      expect(page).to.not.include('3 of 4 invited');
    });
  });
}
