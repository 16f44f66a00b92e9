import { expect } from 'chai';
import { summarizeClosedWave } from '../../server/dashboards/service.js';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { prepareClosedWaveExport, prepareClosedWaveExports } from '../../server/exports/service.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { parseCsv } from '../support/csv.js';
import { countRows, databaseKinds, readBrokenBody, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type Table = { header: string[]; rows: Array<Record<string, string>> };

function readCsv(text: string): Table {
  const [header = [], ...rest] = parseCsv(text);
  return { header, rows: rest.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index] ?? '']))) };
}


/** A file's lines in sorted order: every download draws its own row order. */
function sortLines(text: string): string[] {
  return text.split('\r\n').sort();
}

for (const kind of databaseKinds) {
  describe(`export lines stored when a wave closes, on ${kind}`, function () {
    let server: TestServer;
    let instrument: PublishedInstrument;

    useTestServer(kind, (started) => {
      server = started;
      instrument = instrumentByKey(server.published, 'peer-staff-climate');
    });

    async function download(session: StaffSession, path: string): Promise<{ response: Response; text: string }> {
      const response = await staffFetch(server.url, session, path);
      return { response, text: await response.text() };
    }

    /** An open wave of two units answered by 35, and a manager and a researcher of its organization. */
    async function buildClosingWave(seed: number) {
      const closing = await buildWave(server.db, instrument, { unitNames: ['East', 'West'] });
      await seedSyntheticResponses(server.db, {
        waveId: closing.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-02-02', seed, roleWeights: { peer_staff: 3, supervisor: 1 },
        units: closing.links.map((link, index) => ({ unitId: link.unitId, responses: index === 0 ? 20 : 15, climateShift: 0 })),
      });
      const staff = async (role: 'manager' | 'researcher') => openSession(server.db, (await createAccount(server.db, {
        email: uniqueEmail(role), memberships: [{ organizationId: closing.organizationId, role }],
      })).accountId);
      const path = `/orgs/${closing.organizationId}/exports/waves/${closing.waveId}/respondents/responses.csv`;
      return { ...closing, path, manager: await staff('manager'), researcher: await staff('researcher') };
    }

    it('when a manager closes a wave, stores a line per response, and a download from them equals one read from the answers, byte for byte', async () => {
      const closing = await buildClosingWave(21);
      expect((await staffFetch(server.url, closing.manager, `/orgs/${closing.organizationId}/waves/${closing.waveId}/close`, { method: 'POST' })).status).to.equal(303);
      expect(await server.db.query('SELECT responses FROM closed_wave_exports WHERE wave_id = $1', [closing.waveId])).to.deep.equal([{ responses: 35 }]);
      expect(await countRows(server, 'closed_wave_export_lines WHERE wave_id = $1', [closing.waveId])).to.equal(35);
      // Analyzed at the close: without statistics PostgreSQL reads a whole wave for every batch of a download.
      expect(await server.db.query("SELECT reltuples >= 35 AS \"isAnalyzed\" FROM pg_class WHERE relname = 'closed_wave_export_lines'")).to.deep.equal([{ isAnalyzed: true }]);
      const fromLines = await download(closing.researcher, closing.path);
      await server.db.query('DELETE FROM closed_wave_exports WHERE wave_id = $1', [closing.waveId]);
      const fromAnswers = await download(closing.researcher, closing.path);
      expect(readCsv(fromLines.text).rows).to.have.length(35);
      expect(sortLines(fromLines.text)).to.deep.equal(sortLines(fromAnswers.text));
    });

    it('when the sweep finds no wave lacking lines, it still refreshes the lines\' planner statistics (lines stored without them, or no autovacuum)', async () => {
      const closing = await buildClosingWave(22);
      expect((await staffFetch(server.url, closing.manager, `/orgs/${closing.organizationId}/waves/${closing.waveId}/close`, { method: 'POST' })).status).to.equal(303);
      const isAnalyzed = "SELECT reltuples >= 35 AS \"isAnalyzed\" FROM pg_class WHERE relname = 'closed_wave_export_lines'";
      await prepareClosedWaveExports(server.db); // waves earlier tests left without lines
      // As if the lines had been stored by a version that did not analyze them.
      await server.db.query("UPDATE pg_class SET reltuples = -1 WHERE relname = 'closed_wave_export_lines'");
      expect(await server.db.query(isAnalyzed)).to.deep.equal([{ isAnalyzed: false }]);
      expect(await prepareClosedWaveExports(server.db)).to.equal(0);
      expect(await server.db.query(isAnalyzed)).to.deep.equal([{ isAnalyzed: true }]);
    });

    it('when the same wave is downloaded twice, each download draws its own row order of the same lines', async () => {
      const closing = await buildClosingWave(23);
      expect((await staffFetch(server.url, closing.manager, `/orgs/${closing.organizationId}/waves/${closing.waveId}/close`, { method: 'POST' })).status).to.equal(303);
      const first = await download(closing.researcher, closing.path);
      const second = await download(closing.researcher, closing.path);
      expect(sortLines(first.text)).to.deep.equal(sortLines(second.text));
      // 35 rows: two equal orders by chance have a probability of 1 in 35!.
      expect(first.text).to.not.equal(second.text);
    });

    it('while stored lines cover the wave, downloads stream them; once it holds more responses, they read the answers', async () => {
      const closing = await buildClosingWave(22);
      await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [closing.waveId]);
      expect(await prepareClosedWaveExports(server.db)).to.be.at.least(1);
      // A first rating of 7, off the 1-5 scale, can only come from these altered lines.
      await server.db.query("UPDATE closed_wave_export_lines SET runs = regexp_replace(runs, '^[0-9]*', '7') WHERE wave_id = $1", [closing.waveId]);
      const columnsAllSeven = (text: string) => {
        const table = readCsv(text);
        return table.header.filter((column) => table.rows.every((row) => row[column] === '7'));
      };
      expect(columnsAllSeven((await download(closing.researcher, closing.path)).text)).to.have.length(1);
      await server.db.query("UPDATE waves SET status = 'open' WHERE id = $1", [closing.waveId]);
      await seedSyntheticResponses(server.db, {
        waveId: closing.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-02-03', seed: 23, roleWeights: { peer_staff: 1 },
        units: [{ unitId: closing.links[0]?.unitId ?? '', responses: 1, climateShift: 0 }],
      });
      await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [closing.waveId]);
      const after = await download(closing.researcher, closing.path);
      expect(readCsv(after.text).rows).to.have.length(36);
      expect(columnsAllSeven(after.text)).to.deep.equal([]);
    });

    it('when several processes derive the same closed wave at once (sweeps, a close), each succeeds and one copy of each remains', async () => {
      const closing = await buildClosingWave(25);
      await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [closing.waveId]);
      await Promise.all([1, 2, 3].flatMap(() => [
        summarizeClosedWave(server.db, closing.organizationId, closing.waveId), prepareClosedWaveExport(server.db, closing.organizationId, closing.waveId),
      ]));
      expect(await server.db.query('SELECT responses FROM closed_wave_aggregates WHERE wave_id = $1', [closing.waveId])).to.deep.equal([{ responses: 35 }]);
      expect(await server.db.query('SELECT responses FROM closed_wave_exports WHERE wave_id = $1', [closing.waveId])).to.deep.equal([{ responses: 35 }]);
      expect(await countRows(server, 'closed_wave_export_lines WHERE wave_id = $1', [closing.waveId])).to.equal(35);
    });

    it('when a stored rating held text, even the text of a number, the download from the lines stops, naming the variable', async () => {
      const closing = await buildClosingWave(24);
      await server.db.query(
        `UPDATE responses SET answers = jsonb_set(answers, '{ma_treated_as_patient}', '"3"')
         WHERE id = (SELECT id FROM responses WHERE wave_id = $1 ORDER BY id DESC LIMIT 1)`,
        [closing.waveId],
      );
      await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [closing.waveId]);
      await prepareClosedWaveExport(server.db, closing.organizationId, closing.waveId);
      expect(await server.db.query('SELECT count(*)::int AS n FROM closed_wave_export_lines WHERE wave_id = $1 AND NOT is_well_typed', [closing.waveId]))
        .to.deep.equal([{ n: 1 }]);
      const response = await staffFetch(server.url, closing.researcher, closing.path);
      expect(await readBrokenBody(response), 'reading the body must fail').to.be.instanceOf(Error);
      expect(server.logs.some((line) => line.includes('unexpected value for ma_treated_as_patient'))).to.equal(true);
    });
  });
}
