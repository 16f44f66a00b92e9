import { expect } from 'chai';
import { hashSpentToken, hashToken } from '../../server/http/tokens.js';
import { buildCompleteAnswers, postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey, seedLegacyInvitations } from '../support/builders.js';
import { countRows, databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type ErrorBody = { error: { code: string; message: string } };

for (const kind of databaseKinds) {
  describe(`single-use invitation links of earlier waves on ${kind}`, function () {
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

    async function issueTokens(north: number, south = 0): Promise<string[]> {
      const [northLink, southLink] = wave.links;
      return [
        ...await seedLegacyInvitations(server.db, wave.waveId, northLink?.unitId ?? '', north),
        ...await seedLegacyInvitations(server.db, wave.waveId, southLink?.unitId ?? '', south),
      ];
    }

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
