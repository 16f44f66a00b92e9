import zlib from 'node:zlib';
import { expect } from 'chai';
import { chartPalette } from '../../server/dashboards/pdf-charts.js';
import { heatColour } from '../../server/dashboards/heat-colour.js';
import type { Dashboard } from '../../server/dashboards/model.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { scoreItem } from '../../server/instruments/scoring.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { addWave, seedUnits } from '../support/dashboards.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

type Results = NonNullable<Dashboard['results']>;

/** Every colour a PDF fills (scn, as pdfkit writes it) or strokes (SCN) with, from its inflated content streams, as 0..1 triples. */
function pdfColours(pdf: Buffer): { fills: number[][]; strokes: number[][]; text: string } {
  const source = pdf.toString('latin1');
  let text = '';
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    try {
      text += zlib.inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      // Not a deflated stream (fonts, or an uncompressed one).
    }
  }
  const triples = (operator: string): number[][] => [...text.matchAll(new RegExp(`([\\d.]+) ([\\d.]+) ([\\d.]+) ${operator}\\b`, 'g'))].map((found) => [Number(found[1]), Number(found[2]), Number(found[3])]);
  return { fills: triples('scn'), strokes: triples('SCN'), text };
}

const rgbOf = (hex: string): number[] => [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16) / 255);
const holdsColour = (colours: number[][], hex: string): boolean => colours.some((colour) => colour.every((value, index) => Math.abs(value - (rgbOf(hex)[index] ?? -1)) < 0.003));

for (const kind of databaseKinds) {
  describe(`dashboard insights (% favorable, heatmap, actions, roles, trend, comment search) on ${kind}`, function () {
    let server: TestServer;
    let peer: PublishedInstrument;
    let wave: BuiltWave;
    let unitIds: Map<string, string>;
    let waveIds: string[];
    let manager: StaffSession;
    let researcher: StaffSession;
    let base: string;

    useTestServer(kind, async (started) => {
      server = started;
      peer = instrumentByKey(server.published, 'peer-staff-climate');
      wave = await buildWave(server.db, peer, { status: 'closed', unitNames: ['North', 'South', 'West', 'Tiny'] });
      unitIds = new Map(wave.links.map((link) => [link.unitName, link.unitId]));
      // Tiny's 2 in the first wave hide it (and another unit with it); the current wave has none there.
      await seedUnits(server, wave.waveId, peer, unitIds, { North: 14, South: 12, West: 6, Tiny: 2 }, { peer_staff: 1 }, 1);
      const current = await addWave(server, wave.organizationId, peer, 'Current wave', 'closed');
      await seedUnits(server, current, peer, unitIds, { North: 16, South: 12, West: 7 }, { peer_staff: 1 }, 2);
      waveIds = [wave.waveId, current];
      await writeComments(current);
      base = `/orgs/${wave.organizationId}/waves/${current}/dashboard`;
      const managerAccount = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      const researcherAccount = await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] });
      manager = await openSession(server.db, managerAccount.accountId);
      researcher = await openSession(server.db, researcherAccount.accountId);
    });

    /**
     * Known comments, replacing the synthetic ones: North 6 on workload and 10 on supervision,
     * South 3 on workload and 9 on respect, West 2 on workload and pay. With a threshold of 10,
     * North's list may be shown, South's may not (the rest would be West's 7 alone), nor West's.
     */
    async function writeComments(waveId: string): Promise<void> {
      const question = peer.instrument.comments[0] ?? '';
      await server.db.query('UPDATE responses SET answers = answers - $2::text[] WHERE wave_id = $1', [waveId, peer.instrument.comments]);
      const rows = await server.db.query<{ id: string; unitId: string }>('SELECT id, unit_id AS "unitId" FROM responses WHERE wave_id = $1 ORDER BY id', [waveId]);
      const texts: Record<string, string[]> = {
        North: [...Array<string>(6).fill('The workload is heavy this year.'), ...Array<string>(10).fill('My supervisor listens to me.')],
        South: [...Array<string>(3).fill('Workload keeps growing.'), ...Array<string>(9).fill('I feel respected here.')],
        West: ['Workload and pay are a worry.', 'Workload and pay are a worry.'],
      };
      for (const [unit, list] of Object.entries(texts)) {
        const ids = rows.filter((row) => row.unitId === unitIds.get(unit)).map((row) => row.id);
        for (const [index, id] of ids.entries()) {
          await server.db.query('UPDATE responses SET answers = (answers - $2::text) || jsonb_build_object($2::text, $3::text) WHERE id = $1', [id, question, list[index] ?? 'Fine.']);
        }
      }
    }

    async function readJson(path: string, session: StaffSession = manager): Promise<Dashboard> {
      const response = await staffFetch(server.url, session, path);
      expect(response.status, path).to.equal(200);
      return (await response.json()) as Dashboard;
    }

    function resultsOf(dashboard: Dashboard): Results {
      if (!dashboard.results) throw new Error(`no results: ${String(dashboard.resultsMessage)}`);
      return dashboard.results;
    }

    it('gives each area the share of favorable answers over its items, between its items\' own, as recomputed from the stored answers', async () => {
      const results = resultsOf(await readJson(`${base}.json`));
      const answers = (await server.db.query<{ answers: Record<string, unknown> }>('SELECT answers FROM responses WHERE wave_id = $1', [waveIds[1] ?? ''])).map((row) => row.answers);
      const { scale } = peer.instrument;
      for (const subscale of peer.instrument.subscales) {
        const scored = answers.flatMap((row) => subscale.items.map((item) => scoreItem({ question: item.question, isReversed: item.reverse }, scale, row[item.question]))).filter((value) => value !== undefined);
        const expected = (100 * scored.filter((value) => value >= scale.favorableAtLeast).length) / scored.length;
        const row = results.constructs.find((entry) => entry.key === subscale.key);
        if (!row?.headline.isShown || row.headline.percentFavorable === null) throw new Error(`${subscale.key} hidden`);
        expect(row.headline.percentFavorable, subscale.key).to.be.closeTo(expected, 1e-9);
        const itemShares = results.items.filter((item) => subscale.items.some((entry) => entry.question === item.question)).map((item) => (item.stat.isShown ? item.stat.percentFavorable : Number.NaN));
        expect(row.headline.percentFavorable).to.be.within(Math.min(...itemShares), Math.max(...itemShares));
      }
      const page = await (await staffFetch(server.url, manager, base, { accept: 'html' })).text();
      expect(page).to.match(/id="favorable-definition">% favorable is the share of answers that are 4 &#34;Agree&#34; or 5/);
    });

    it('attack: an area\'s % favorable is never shown where one of its items is hidden, so no hidden item is its area minus the others', async () => {
      const small = await buildWave(server.db, peer, { status: 'closed', unitNames: ['Alpha', 'Beta', 'Gamma'] });
      const ids = new Map(small.links.map((link) => [link.unitName, link.unitId]));
      await seedUnits(server, small.waveId, peer, ids, { Alpha: 12, Beta: 10, Gamma: 8 }, { peer_staff: 1 }, 9);
      const subscale = peer.instrument.subscales[0];
      const item = subscale?.items[0]?.question ?? '';
      // Only 2 of Gamma's 8 answer the first item: the item is hidden for Gamma, the area (scored from the others) is not.
      await server.db.query(
        `UPDATE responses SET answers = answers - $2::text WHERE wave_id = $1 AND unit_id = $3
           AND id NOT IN (SELECT id FROM responses WHERE wave_id = $1 AND unit_id = $3 ORDER BY id LIMIT 2)`,
        [small.waveId, item, ids.get('Gamma') ?? ''],
      );
      const path = `/orgs/${small.organizationId}/waves/${small.waveId}/dashboard`;
      const session = await openSession(server.db, (await createAccount(server.db, { email: uniqueEmail('m'), memberships: [{ organizationId: small.organizationId, role: 'manager' }] })).accountId);
      let checkedHidden = 0;
      for (const group of ['', ...[...ids.values()].map((id) => `?unit=${id}`)]) {
        const dashboard = await readJson(`${path}.json${group}`, session);
        if (!dashboard.results) continue;
        const results = dashboard.results;
        for (const area of peer.instrument.subscales) {
          const headline = results.constructs.find((row) => row.key === area.key)?.headline;
          const items = results.items.filter((entry) => area.items.some((candidate) => candidate.question === entry.question));
          if (headline?.isShown && headline.percentFavorable !== null) expect(items.every((entry) => entry.stat.isShown), `${area.key} ${group}`).to.equal(true);
          if (headline?.isShown && items.some((entry) => !entry.stat.isShown)) {
            expect(headline.percentFavorable, `${area.key} ${group}`).to.equal(null);
            checkedHidden += 1;
          }
        }
      }
      expect(checkedHidden, 'Gamma shows its first area with the first item hidden').to.be.greaterThan(0);
      const page = await (await staffFetch(server.url, session, `${path}?unit=${ids.get('Gamma') ?? ''}`, { accept: 'html' })).text();
      const row = new RegExp(`<th scope="row">${subscale?.title.en ?? ''}</th><td>\\d+</td><td class="">\\d\\.\\d\\d</td><td>[\\d.]+</td><td>Suppressed</td>`);
      expect(page).to.match(row);
    });

    it('shades every heatmap cell from its printed mean alone: equal text, equal shade; a higher mean never lighter; the PDF uses the same colours', async () => {
      const page = await (await staffFetch(server.url, manager, base, { accept: 'html' })).text();
      const cells = [...page.matchAll(/<td class="shade" style="background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})">(\d\.\d\d)<\/td>/g)].map((found) => ({ background: found[1] ?? '', text: found[3] ?? '' }));
      expect(cells.length).to.be.greaterThan(3);
      for (const cell of cells) expect(cell.background, cell.text).to.equal(heatColour(cell.text, { min: 1, max: 5 }).background);
      const darkness = (hex: string): number => -rgbOf(hex).reduce((sum, value) => sum + value, 0);
      const sorted = [...cells].sort((a, b) => Number(a.text) - Number(b.text));
      sorted.slice(1).forEach((cell, index) => expect(darkness(cell.background)).to.be.at.least(darkness(sorted[index]?.background ?? '')));
      const pdf = Buffer.from(await (await staffFetch(server.url, manager, `${base}.pdf`)).arrayBuffer());
      const { fills, strokes } = pdfColours(pdf);
      for (const cell of cells) expect(holdsColour(fills, cell.background), `PDF shade of ${cell.text}`).to.equal(true);
      // The % favorable bars and the trend lines are drawn, not only tabled.
      expect(holdsColour(fills, chartPalette[0] ?? '')).to.equal(true);
      expect(chartPalette.slice(0, peer.instrument.subscales.length).every((colour) => holdsColour(strokes, colour))).to.equal(true);
    });

    it('ranks at most three areas to act on, lowest % favorable first, each with the figure it is ranked by', async () => {
      const results = resultsOf(await readJson(`${base}.json`));
      expect(results.actions.length).to.be.within(1, 3);
      expect(results.actions.map((entry) => entry.rank)).to.deep.equal(results.actions.map((_entry, index) => index + 1));
      const shares = results.actions.map((entry) => {
        const row = results.constructs.find((candidate) => candidate.key === entry.key);
        const share = row?.headline.isShown ? row.headline.percentFavorable : null;
        if (share === null) throw new Error(`${entry.key} has no % favorable`);
        expect(entry.reason).to.match(new RegExp(`^${Math.round(share)}% favorable`));
        expect(entry.actions.length).to.be.within(1, 2);
        return share;
      });
      expect(shares).to.deep.equal([...shares].sort((a, b) => a - b));
      const lowest = Math.min(...results.constructs.flatMap((row) => (row.headline.isShown && row.headline.percentFavorable !== null ? [row.headline.percentFavorable] : [])));
      expect(shares[0]).to.equal(lowest);
    });

    it('offers a role filter only for role groups the wave shows, and none while a wave is open', async () => {
      const dashboard = await readJson(`${base}.json`);
      expect(dashboard.roleGroups.map((role) => role.id)).to.deep.equal(['peer_staff']);
      const page = await (await staffFetch(server.url, manager, base, { accept: 'html' })).text();
      expect(page).to.include('?role=peer_staff');
      expect(page).not.to.match(/\?role=(supervisor|clinical_other)/);
      const unitView = resultsOf(await readJson(`${base}.json?unit=${unitIds.get('North') ?? ''}`));
      expect(unitView.breakdownOf).to.equal('role');
      expect(unitView.groups.map((group) => group.id)).to.deep.equal(['peer_staff']);
      const open = await addWave(server, wave.organizationId, peer, 'Open wave', 'open');
      expect((await readJson(`/orgs/${wave.organizationId}/waves/${open}/dashboard.json`)).roleGroups).to.deep.equal([]);
      await server.db.query('DELETE FROM waves WHERE id = $1', [open]);
    });

    it('links back to the organization and, for a manager, the wave', async () => {
      const page = await (await staffFetch(server.url, manager, base, { accept: 'html' })).text();
      expect(page).to.include(`<nav aria-label="Breadcrumb" class="breadcrumbs"><a href="/orgs/${wave.organizationId}">`);
      expect(page).to.include(`<a href="/orgs/${wave.organizationId}/waves/${waveIds[1]}">Current wave</a>`);
      const asResearcher = await (await staffFetch(server.url, researcher, base, { accept: 'html' })).text();
      expect(asResearcher).not.to.include(`<a href="/orgs/${wave.organizationId}/waves/${waveIds[1]}">`);
    });

    it('attack: a trend point is exactly what that wave\'s own dashboard shows for the same group, and absent wherever that wave hides it', async () => {
      const groups = ['', ...[...unitIds.values()].map((id) => `?unit=${id}`), '?role=peer_staff'];
      let hiddenPoints = 0;
      let hiddenGroups = 0;
      for (const group of groups) {
        const current = await readJson(`${base}.json${group}`);
        // A group this wave hides shows nothing at all, a trend neither.
        if (!current.results) {
          hiddenGroups += 1;
          expect(JSON.stringify(current)).not.to.include('"trend"');
          continue;
        }
        const trend = current.results.trend;
        expect(trend.waves.map((entry) => entry.id)).to.deep.equal(waveIds);
        for (const [index, waveId] of waveIds.entries()) {
          const own = await readJson(`/orgs/${wave.organizationId}/waves/${waveId}/dashboard.json${group}`);
          for (const row of trend.rows) {
            const stat = own.results?.constructs.find((entry) => entry.key === row.key)?.headline;
            const expected = stat?.isShown ? stat.mean : null;
            expect(row.means[index], `${row.key} ${group} in wave ${index + 1}`).to.equal(expected);
            if (expected === null) hiddenPoints += 1;
          }
        }
      }
      // Tiny (2 in the first wave, none in this one) is hidden in both: no trend for it, no point for it.
      expect(hiddenGroups).to.be.greaterThan(0);
      expect(hiddenPoints).to.be.greaterThan(0);
    });

    it('searches and groups comments by theme within the shown list, counting only from k up', async () => {
      const north = `?unit=${unitIds.get('North') ?? ''}`;
      const whole = resultsOf(await readJson(`${base}.json?q=workload`)).comments;
      expect(whole.isShown).to.equal(true);
      expect(whole.items.every((comment) => /workload/i.test(comment.text))).to.equal(true);
      expect(whole.matches).to.deep.equal({ isShown: true, n: 11 });
      const northSearch = resultsOf(await readJson(`${base}.json${north}&q=WORKLOAD`)).comments;
      expect(northSearch.matches).to.deep.equal({ isShown: true, n: 6 });
      const pay = resultsOf(await readJson(`${base}.json${north}&q=pay`)).comments;
      expect(pay.matches).to.deep.equal({ isShown: false });
      const supervision = resultsOf(await readJson(`${base}.json${north}&theme=supervision_support`)).comments;
      expect(supervision.items).to.have.length(10);
      expect(supervision.items.every((comment) => comment.themes.includes('supervision_support'))).to.equal(true);
      const page = await (await staffFetch(server.url, manager, `${base}${north}&q=pay`, { accept: 'html' })).text();
      expect(page).to.include('fewer than 5 comments');
      for (const list of [whole, northSearch, pay, supervision]) {
        for (const count of [list.matches, ...list.themes.map((theme) => theme.count)]) if (count?.isShown) expect(count.n).to.be.at.least(5);
      }
    });

    it('attack: a search or theme never opens a list the comment rules withhold (a unit too small to list, a role group)', async () => {
      const south = `?unit=${unitIds.get('South') ?? ''}`;
      for (const query of [south, `${south}&q=workload`, `${south}&theme=job_conditions_wellbeing`, `${south}&q=zzz`, '?role=peer_staff&q=workload', `?unit=${unitIds.get('West') ?? ''}&q=pay`]) {
        const dashboard = await readJson(`${base}.json${query}`);
        const comments = dashboard.results?.comments;
        if (comments) expect(comments, query).to.deep.include({ isShown: false, items: [], themes: [], matches: null });
        expect(JSON.stringify(dashboard), query).not.to.match(/Workload keeps growing|Workload and pay/);
      }
      // Searching never changes which list is shown: a search with no match still shows North's (empty) list.
      expect(resultsOf(await readJson(`${base}.json?unit=${unitIds.get('North') ?? ''}&q=zzz`)).comments.isShown).to.equal(true);
    });
  });
}
