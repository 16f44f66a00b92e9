import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { scoreItem, scoringRules, summarizeScores } from '../../server/instruments/scoring.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { buildCompleteAnswers, postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { countRows, databaseKinds, readBrokenBody, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };
type Table = { header: string[]; rows: Array<Record<string, string>> };

/** Parses a download with csv-parse, a standard RFC 4180 reader (strict about quotes and field counts). */
function readCsv(text: string): Table {
  const records: string[][] = parse(text, { bom: true, relax_column_count: false });
  const [header = [], ...rest] = records;
  return { header, rows: rest.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index] ?? '']))) };
}

function countBy(rows: ReadonlyArray<Record<string, string>>, columns: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(columns.map((column) => row[column] ?? ''));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const hyperlinkComment = '=HYPERLINK("http://attacker.example","click")';

for (const kind of databaseKinds) {
  describe(`research exports on ${kind}`, function () {
    let server: TestServer;
    let instrument: PublishedInstrument;
    let wave: BuiltWave;
    let researcher: StaffSession;
    let researcherId: string;
    let manager: StaffSession;
    let base: string;

    /** A closed wave of three units (30, 12 and 2 responses), one answered over HTTP with a formula comment. */
    useTestServer(kind, async (started) => {
      server = started;
      instrument = instrumentByKey(server.published, 'peer-staff-climate');
      wave = await buildWave(server.db, instrument, { unitNames: ['North Clinic', 'South Clinic', 'Tiny Team'] });
      const [north, south, tiny] = wave.links;
      await server.db.query('UPDATE waves SET allow_comment_export = true WHERE id = $1', [wave.waveId]);
      const answers = { ...buildCompleteAnswers(instrument.instrument), comment_helpful: hyperlinkComment, tenure_band: 'over_5y' };
      expect((await postAnswers(server.url, north?.code ?? '', { answers })).status).to.equal(201);
      await seedSyntheticResponses(server.db, {
        waveId: wave.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-03-15', seed: 11,
        units: [{ unitId: north?.unitId ?? '', responses: 29, climateShift: 0 }, { unitId: south?.unitId ?? '', responses: 12, climateShift: -0.5 },
          { unitId: tiny?.unitId ?? '', responses: 2, climateShift: 1 }],
        roleWeights: { peer_staff: 3, supervisor: 1 },
      });
      await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);
      const researcherAccount = await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] });
      researcherId = researcherAccount.accountId;
      researcher = await openSession(server.db, researcherId);
      const managerAccount = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      manager = await openSession(server.db, managerAccount.accountId);
      base = `/orgs/${wave.organizationId}/exports/waves/${wave.waveId}`;
    });

    async function download(session: StaffSession, path: string): Promise<{ response: Response; text: string }> {
      const response = await staffFetch(server.url, session, path);
      // Decoded by Buffer, which keeps a byte-order mark (response.text() would drop it).
      return { response, text: Buffer.from(await response.arrayBuffer()).toString('utf8') };
    }

    describe('respondent-level CSV', () => {
      it('has exactly the codebook\'s columns (comments left out), one row per response, and parses as RFC 4180', async () => {
        const data = await download(researcher, `${base}/respondents/responses.csv`);
        expect(data.response.status).to.equal(200);
        expect(data.response.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
        expect(data.response.headers.get('content-disposition')).to.include('responses.csv');
        const codebook = readCsv((await download(researcher, `${base}/codebook.csv`)).text);
        const variables = codebook.rows.filter((row) => row.role !== 'comment').map((row) => row.variable);
        const table = readCsv(data.text);
        expect(table.header).to.deep.equal(variables);
        expect(table.header.slice(0, 6)).to.deep.equal(['wave', 'instrument_version', 'unit', 'role_group', 'tenure_band', 'submission_month']);
        expect(table.rows).to.have.length(await countRows(server, 'responses WHERE wave_id = $1', [wave.waveId]));
        expect(data.text.startsWith('\uFEFF')).to.equal(false);
        const months = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM responses WHERE wave_id = $1 GROUP BY to_char(submitted_on, 'YYYY-MM')", [wave.waveId]);
        const isMonthReported = months.every((month) => month.n >= 5);
        expect(table.rows.every((row) => (isMonthReported ? /^\d{4}-\d{2}$/.test(row.submission_month ?? '') : row.submission_month === ''))).to.equal(true);
        expect(data.text).to.not.include(hyperlinkComment.slice(1, 12));
      });

      it('leaves no unit, role group, tenure band or unit × role group × tenure band combination with 1 to k-1 rows, and never names the 2-response unit', async () => {
        const table = readCsv((await download(researcher, `${base}/respondents/responses.csv`)).text);
        const small = [
          ...countBy(table.rows, ['unit', 'role_group', 'tenure_band']),
          ...countBy(table.rows, ['unit']), ...countBy(table.rows, ['role_group']), ...countBy(table.rows, ['tenure_band']),
        ].filter(([key, n]) => n < 5 && key !== '[""]');
        expect(small).to.deep.equal([]);
        expect(table.rows.some((row) => row.unit === 'Tiny Team')).to.equal(false);
        expect(table.rows.some((row) => row.unit === 'other')).to.equal(true);
        const notes = readCsv((await download(researcher, `${base}/respondents/coarsening.csv`)).text);
        expect(notes.header).to.deep.equal(['wave', 'variable', 'original_value', 'reported_value', 'reason']);
        expect(notes.rows.find((row) => row.original_value === 'Tiny Team')).to.deep.include({ variable: 'unit', reported_value: 'other' });
        expect(notes.rows.find((row) => row.original_value === 'Tiny Team')?.reason).to.include('the dashboard hides this unit');
      });

      it('when comments are asked for and the wave allows them, includes them with a formula neutralized for spreadsheets', async () => {
        const data = await download(researcher, `${base}/respondents/responses.csv?comments=include&excel=1`);
        expect(data.response.status).to.equal(200);
        expect(data.text.startsWith('\uFEFF')).to.equal(true);
        const table = readCsv(data.text);
        expect(table.header).to.include.members(['comment_helpful', 'comment_change']);
        expect(table.rows.filter((row) => row.comment_helpful === `'${hyperlinkComment}`)).to.have.length(1);
        expect(table.rows.some((row) => row.comment_helpful?.startsWith('='))).to.equal(false);
      });

      it('without the spreadsheet option, is a file for statistics software: no byte-order mark, comments exactly as typed', async () => {
        const data = await download(researcher, `${base}/respondents/responses.csv?comments=include`);
        expect(data.text.startsWith('wave,')).to.equal(true);
        const table = readCsv(data.text);
        expect(table.rows.filter((row) => row.comment_helpful === hyperlinkComment)).to.have.length(1);
        expect(table.rows.some((row) => row.comment_helpful?.startsWith("'"))).to.equal(false);
      });

      it('leaves out a comment a manager hid from the dashboard', async () => {
        const [hidden] = await server.db.query<{ id: string; text: string }>(
          "SELECT id, answers ->> 'comment_change' AS text FROM responses WHERE wave_id = $1 AND answers ? 'comment_change' ORDER BY id LIMIT 1", [wave.waveId],
        );
        const countText = async (): Promise<number> => readCsv((await download(researcher, `${base}/respondents/responses.csv?comments=include`)).text)
          .rows.filter((row) => row.comment_change === hidden?.text).length;
        const before = await countText();
        expect(before).to.be.greaterThan(0);
        await server.db.query("INSERT INTO hidden_comments (response_id, question) VALUES ($1, 'comment_change')", [hidden?.id ?? '']);
        expect(await countText()).to.equal(before - 1);
        await server.db.query('DELETE FROM hidden_comments WHERE response_id = $1', [hidden?.id ?? '']);
      });

      it('records every download in the audit log with account, wave, kind and options', async () => {
        await download(researcher, `${base}/respondents/responses.csv?excel=1`);
        const events = await server.db.query<{ details: Record<string, unknown>; target: string }>(
          "SELECT details, target FROM audit_events WHERE account_id = $1 AND action = 'export.downloaded' ORDER BY occurred_at DESC LIMIT 1", [researcherId],
        );
        expect(events[0]?.details).to.deep.equal({ kind: 'responses', waves: events[0]?.target, comments: false, excel: true });
      });
    });

    describe('refusals (nothing streamed, nothing audited)', () => {
      const cases: Array<{ scenario: string; path: () => string; session: () => StaffSession; status: number; code: string; message: string }> = [
        { scenario: 'a manager asks for respondent-level rows', path: () => `${base}/respondents/responses.csv`, session: () => manager, status: 403, code: 'forbidden', message: 'needs researcher' },
        { scenario: 'the export kind is unknown', path: () => `${base}/respondents/answers.csv`, session: () => researcher, status: 400, code: 'invalid_input', message: 'respondentFile: must be one of responses.csv, coarsening.csv' },
        { scenario: 'an option is unknown', path: () => `${base}/respondents/responses.csv?format=sav`, session: () => researcher, status: 400, code: 'invalid_input', message: 'the options are comments and excel' },
        { scenario: 'an option has a bad value', path: () => `${base}/aggregated.csv?excel=yes`, session: () => researcher, status: 400, code: 'invalid_input', message: 'query.excel: must be 1' },
        { scenario: 'an option does not apply to the file', path: () => `${base}/aggregated.csv?comments=include`, session: () => researcher, status: 400, code: 'invalid_input', message: 'query.comments: does not apply to aggregated.csv' },
        { scenario: 'the instrument version is not one the organization\'s waves used', path: () => `/orgs/${wave.organizationId}/exports/instruments/${instrumentByKey(server.published, 'supervisor-clinical-climate').id}/codebook.csv`, session: () => researcher, status: 404, code: 'not_found', message: 'No wave of this organization used' },
        { scenario: 'the wave is unknown', path: () => `/orgs/${wave.organizationId}/exports/waves/00000000-0000-4000-8000-000000000000/respondents/responses.csv`, session: () => researcher, status: 404, code: 'not_found', message: 'no such wave' },
      ];
      for (const refusal of cases) {
        it(`when ${refusal.scenario}, answers ${refusal.status} ${refusal.code}`, async () => {
          const before = await countRows(server, "audit_events WHERE action = 'export.downloaded'");
          const { response, text } = await download(refusal.session(), refusal.path());
          expect(response.status).to.equal(refusal.status);
          expect(response.headers.get('content-disposition')).to.equal(null);
          const body = JSON.parse(text) as ErrorBody;
          expect(body.error.code).to.equal(refusal.code);
          expect(body.error.message).to.include(refusal.message);
          expect(await countRows(server, "audit_events WHERE action = 'export.downloaded'")).to.equal(before);
        });
      }

      it('when comments are asked for where the wave forbids them, answers 403 naming the wave; an open wave answers 409', async () => {
        const other = await buildWave(server.db, instrument, { status: 'closed' });
        const account = await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: other.organizationId, role: 'researcher' }] });
        const session = await openSession(server.db, account.accountId);
        const path = `/orgs/${other.organizationId}/exports/waves/${other.waveId}/respondents/responses.csv`;
        const forbidden = await download(session, `${path}?comments=include`);
        expect(forbidden.response.status).to.equal(403);
        expect((JSON.parse(forbidden.text) as ErrorBody).error.message).to.include('do not allow free-text comments');
        await server.db.query("UPDATE waves SET status = 'open' WHERE id = $1", [other.waveId]);
        const open = await download(session, path);
        expect(open.response.status).to.equal(409);
        expect((JSON.parse(open.text) as ErrorBody).error.message).to.include('only after a wave closes');
        // Another organization's researcher gets "not found" for this organization's wave.
        expect((await download(session, `${base}/respondents/responses.csv`)).response.status).to.equal(404);
        expect((await download(session, `/orgs/${other.organizationId}/exports/waves/${wave.waveId}/aggregated.csv`)).response.status).to.equal(404);
      });
    });

    describe('aggregated CSV', () => {
      it('shows no number for a unit of 2 responses, hides it from subtraction, and matches the scoring engine for shown groups', async () => {
        const data = await download(manager, `${base}/aggregated.csv`);
        expect(data.response.status).to.equal(200);
        const table = readCsv(data.text);
        expect(table.header).to.deep.equal(['wave', 'group', 'unit', 'role_group', 'subscale', 'construct', 'suppressed', 'respondents', 'n', 'mean', 'sd', 'percent_favorable']);
        const numbers = ['respondents', 'n', 'mean', 'sd', 'percent_favorable'] as const;
        for (const row of table.rows) {
          const isEmpty = numbers.every((column) => row[column] === '');
          expect(isEmpty, JSON.stringify(row)).to.equal(row.suppressed === 'true');
        }
        const tiny = table.rows.filter((row) => row.unit === 'Tiny Team');
        expect(tiny.length).to.be.greaterThan(0);
        expect(tiny.every((row) => row.suppressed === 'true')).to.equal(true);
        const rules = scoringRules(instrument.instrument);
        const stored = await server.db.query<{ unit: string; scores: Record<string, number>; answers: Record<string, unknown> }>(
          'SELECT u.name AS unit, r.scores, r.answers FROM responses r JOIN units u ON u.id = r.unit_id WHERE r.wave_id = $1', [wave.waveId],
        );
        let shownUnitRows = 0;
        for (const subscale of instrument.instrument.subscales) {
          const rows = table.rows.filter((row) => row.subscale === subscale.key);
          const total = rows.find((row) => row.group === 'wave');
          const hiddenUnits = rows.filter((row) => row.group === 'unit' && row.suppressed === 'true');
          // A shown total with exactly one hidden unit would give that unit away by subtraction.
          if (total?.suppressed === 'false') expect(hiddenUnits.length, subscale.key).to.not.equal(1);
          // The whole wave and every shown unit (this wave's small unit hides the other with it).
          const inGroup = (row: Record<string, string>) => stored.filter((entry) => row.group === 'wave' || entry.unit === row.unit);
          for (const row of rows.filter((candidate) => (candidate.group === 'unit' || candidate.group === 'wave') && candidate.suppressed === 'false')) {
            const values = inGroup(row).map((entry) => entry.scores[subscale.key]).filter((value) => value !== undefined);
            const expected = summarizeScores(values, rules.scale);
            expect(Number(row.n)).to.equal(expected.n);
            expect(Number(row.mean)).to.be.closeTo(expected.mean ?? Number.NaN, 0.0006);
            expect(Number(row.sd)).to.be.closeTo(expected.sd ?? Number.NaN, 0.0006);
            shownUnitRows += 1;
            // % favorable: favorable answers over all answers to the subscale's items (README, "Scoring rules").
            const answers = inGroup(row)
              .flatMap((entry) => subscale.items.map((item) => scoreItem({ question: item.question, isReversed: item.reverse }, rules.scale, entry.answers[item.question])))
              .filter((value) => value !== undefined);
            const favorable = (100 * answers.filter((value) => value >= rules.scale.favorableAtLeast).length) / answers.length;
            expect(Number(row.percent_favorable)).to.be.closeTo(favorable, 0.06);
          }
        }
        expect(shownUnitRows).to.be.greaterThan(0);
      });
    });

    describe('codebook and SPSS syntax', () => {
      it('SPSS syntax reads the columns in file order with labels and missing values', async () => {
        const data = await download(manager, `${base}/responses.sps?comments=include`);
        expect(data.response.status).to.equal(200);
        const listed = /\/VARIABLES=\r\n([\s\S]*?)\r\n\./.exec(data.text)?.[1]?.split('\r\n').map((line) => line.trim().split(' ')[0]);
        const codebook = readCsv((await download(manager, `${base}/codebook.csv`)).text);
        expect(listed).to.deep.equal(codebook.rows.map((row) => row.variable));
        expect(data.text).to.include("/role_group 'peer_staff' 'Peer support specialist or other peer role'");
        expect(data.text).to.include("'other' 'merged for anonymity: see the coarsening file'");
        expect(data.text).to.include("MISSING VALUES tenure_band ('').");
        expect(data.text).to.match(/\/ma_treated_as_patient 1 'Strongly disagree' 2 'Disagree'/);
      });
    });

    describe('one instrument across waves', () => {
      it('exports the closed waves of both versions with their wave and version, coarsened over the whole file', async () => {
        const first = instrumentByKey(server.published, 'peer-staff-climate', 1);
        const [row] = await server.db.query<{ id: string }>(
          `INSERT INTO waves (organization_id, instrument_version_id, name, status, min_group_size) VALUES ($1, $2, 'Earlier wave', 'closed', 5) RETURNING id`,
          [wave.organizationId, first.id],
        );
        await seedSyntheticResponses(server.db, {
          waveId: row?.id ?? '', instrumentVersionId: first.id, submittedOn: '2025-10-01', seed: 3,
          units: [{ unitId: wave.links[0]?.unitId ?? '', responses: 9, climateShift: 0 }], roleWeights: { peer_staff: 1 },
        });
        const series = `/orgs/${wave.organizationId}/exports/instruments/${instrument.id}`;
        const table = readCsv((await download(researcher, `${series}/respondents/responses.csv`)).text);
        expect(countBy(table.rows, ['wave', 'instrument_version'])).to.deep.equal(new Map([
          [JSON.stringify([(await server.db.query<{ name: string }>('SELECT name FROM waves WHERE id = $1', [wave.waveId]))[0]?.name, '2']), 44],
          [JSON.stringify(['Earlier wave', '1']), 9],
        ]));
        const small = [...countBy(table.rows, ['wave', 'unit', 'role_group', 'tenure_band'])].filter(([, n]) => n < 5);
        expect(small).to.deep.equal([]);
        const page = await staffFetch(server.url, researcher, `/orgs/${wave.organizationId}/exports`, { accept: 'html' });
        expect(await page.text()).to.include(`${series}/respondents/responses.csv`);
      });
    });

    describe('what respondents are told', () => {
      it('the survey page says researchers may receive de-identified answers, and comments only where the wave allows it', async () => {
        const open = await buildWave(server.db, instrument, { status: 'open' });
        const promise = async (): Promise<string> => {
          const html = await (await fetch(`${server.url}/s/${open.links[0]?.code ?? ''}`, { headers: { Accept: 'text/html' } })).text();
          return /data-text="promiseResearch">([^<]*)</.exec(html)?.[1] ?? '';
        };
        const without = await promise();
        expect(without).to.include('Researchers working with the organization may receive');
        expect(without).to.not.include('comments');
        await server.db.query('UPDATE waves SET allow_comment_export = true WHERE id = $1', [open.waveId]);
        expect(await promise()).to.include('Your written comments may be included.');
      });
    });

    describe('a failure after streaming began', () => {
      it('cuts the response off so the client sees a broken download, not a short file', async () => {
        const broken = await buildWave(server.db, instrument, { status: 'open' });
        await seedSyntheticResponses(server.db, {
          waveId: broken.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-01-10', seed: 9,
          units: [{ unitId: broken.links[0]?.unitId ?? '', responses: 2100, climateShift: 0 }], roleWeights: { peer_staff: 1 },
        });
        // A damaged row sorting last: every batch before it has already gone out.
        await server.db.query(
          `INSERT INTO responses (id, wave_id, unit_id, instrument_version_id, role_group, language, answers, scores)
           VALUES ('ffffffff-ffff-4fff-bfff-ffffffffffff', $1, $2, $3, 'peer_staff', 'en', '{"ma_treated_as_patient": {"not": "a rating"}}', '{}')`,
          [broken.waveId, broken.links[0]?.unitId ?? '', instrument.id],
        );
        await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [broken.waveId]);
        const account = await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: broken.organizationId, role: 'researcher' }] });
        const session = await openSession(server.db, account.accountId);
        const response = await staffFetch(server.url, session, `/orgs/${broken.organizationId}/exports/waves/${broken.waveId}/respondents/responses.csv`);
        expect(response.status).to.equal(200);
        expect(await readBrokenBody(response), 'reading the body must fail').to.be.instanceOf(Error);
        expect(server.logs.some((line) => line.includes('error after response started') && line.includes('unexpected value for ma_treated_as_patient'))).to.equal(true);
        expect(server.logs.some((line) => line.includes('not a rating'))).to.equal(false);
      });
    });
  });
}
