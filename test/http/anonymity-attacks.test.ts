import { expect } from 'chai';
import type { Dashboard } from '../../server/dashboards/model.js';
import { createRandom, generateAnswers } from '../../server/demo/synthetic.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { parseCsv } from '../support/csv.js';
import { attack, type GroupKey, type PublishedWave, type WaveEntry } from '../support/lp-attacker.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

/*
 * Issue #11's insider, through the real routes: a manager and a researcher who read every view
 * of a wave, twice, rename and add units, try to reopen it, and subtract. The data are built to
 * tempt them: a unit of one supervisor, a unit of three, role groups of one or two in a unit.
 */
const k = 5;
const roles = ['peer_staff', 'supervisor', 'clinical_other'];
const plan: Record<string, Array<[string, number]>> = {
  Big: [['peer_staff', 8], ['supervisor', 5], ['clinical_other', 3]],
  Mid: [['peer_staff', 6], ['supervisor', 2], ['clinical_other', 3]],
  Small: [['peer_staff', 2], ['supervisor', 1]],
  One: [['supervisor', 1]],
};
const unfavorableBelow = 3;
const favorableFrom = 4;

type Reader = (path: string) => Promise<Response>;
type Views = { whole: Dashboard; units: Map<string, Dashboard>; roles: Map<string, Dashboard>; aggregated: string };

async function readJson<T>(read: Reader, path: string): Promise<T> {
  const response = await read(path);
  expect(response.status, path).to.equal(200);
  return await response.json() as T;
}

/** Every dashboard view a manager can open, and the aggregated CSV. */
async function readAllViews(read: Reader, base: string, exportsBase: string): Promise<Views> {
  const whole = await readJson<Dashboard>(read, `${base}.json`);
  const units = new Map<string, Dashboard>();
  for (const unit of whole.participation) units.set(unit.id, await readJson<Dashboard>(read, `${base}.json?unit=${unit.id}`));
  const roleViews = new Map<string, Dashboard>();
  for (const role of roles) roleViews.set(role, await readJson<Dashboard>(read, `${base}.json?role=${role}`));
  const aggregated = await (await read(`${exportsBase}/aggregated.csv`)).text();
  return { whole, units, roles: roleViews, aggregated };
}

/** Everything the views print as an exact (table, group) entry, as the LP attacker reads it. */
function collectShown(views: Views, instrument: PublishedInstrument['instrument']): WaveEntry[] {
  const shown = new Map<string, WaveEntry>();
  const add = (table: string, group: GroupKey, value: number): void => {
    shown.set(JSON.stringify([table, group.unit ?? null, group.role ?? null]), { table, group, value });
  };
  const addView = (view: Dashboard, group: GroupKey, breakdownGroup: (id: string) => GroupKey): void => {
    if (view.headline.count.isShown) add('respondents', group, view.headline.count.n);
    for (const row of view.results?.constructs ?? []) {
      const groups = view.results?.groups ?? [];
      for (const [stat, at] of [[row.headline, group] as const, ...row.breakdown.map((entry, index) => [entry, breakdownGroup(groups[index]?.id ?? '')] as const)]) {
        if (!stat.isShown) continue;
        add(`${row.key}:scored`, at, stat.n);
        add(`${row.key}:unfavorable`, at, stat.categories.unfavorable);
        add(`${row.key}:neutral`, at, stat.categories.neutral);
        add(`${row.key}:favorable`, at, stat.categories.favorable);
        add(`${row.key}:sum`, at, stat.mean * stat.n);
      }
    }
  };
  addView(views.whole, {}, (unit) => ({ unit }));
  for (const unit of views.whole.participation) if (unit.count.isShown) add('respondents', { unit: unit.id }, unit.count.n);
  for (const [unit, view] of views.units) addView(view, { unit }, (role) => ({ unit, role }));
  for (const [role, view] of views.roles) addView(view, { role }, (unit) => ({ unit, role }));
  const [header = [], ...rows] = parseCsv(views.aggregated);
  const column = (row: string[], name: string): string => row[header.indexOf(name)] ?? '';
  const unitIds = new Map(views.whole.participation.map((unit) => [unit.label, unit.id]));
  for (const row of rows.filter((candidate) => column(candidate, 'suppressed') === 'false')) {
    const unit = unitIds.get(column(row, 'unit'));
    const role = column(row, 'role_group') || undefined;
    add('respondents', { ...(unit ? { unit } : {}), ...(role ? { role } : {}) }, Number(column(row, 'respondents')));
  }
  expect(instrument.subscales.length).to.be.greaterThan(0);
  return [...shown.values()];
}

type StoredScores = { unitId: string; roleGroup: string; scores: Record<string, number> };

/** The true value of every entry of every group, from the stored responses (the test knows its data). */
function tabulateTruth(responses: readonly StoredScores[], unitIds: readonly string[], subscales: readonly string[]): WaveEntry[] {
  const groups: GroupKey[] = [{}, ...roles.map((role) => ({ role })), ...unitIds.flatMap((unit) => [{ unit }, ...roles.map((role) => ({ unit, role }))])];
  return groups.flatMap((group) => {
    const members = responses.filter((row) => (group.unit === undefined || row.unitId === group.unit) && (group.role === undefined || row.roleGroup === group.role));
    const entries: WaveEntry[] = [{ table: 'respondents', group, value: members.length }];
    for (const subscale of subscales) {
      const scores = members.flatMap((row) => (row.scores[subscale] === undefined ? [] : [row.scores[subscale]]));
      entries.push(
        { table: `${subscale}:scored`, group, value: scores.length },
        { table: `${subscale}:unfavorable`, group, value: scores.filter((score) => score < unfavorableBelow).length },
        { table: `${subscale}:neutral`, group, value: scores.filter((score) => score >= unfavorableBelow && score < favorableFrom).length },
        { table: `${subscale}:favorable`, group, value: scores.filter((score) => score >= favorableFrom).length },
        { table: `${subscale}:sum`, group, value: scores.reduce((sum, score) => sum + score, 0) },
      );
    }
    return entries;
  });
}

function describeWave(unitIds: string[], subscales: readonly string[], shown: WaveEntry[]): PublishedWave {
  return {
    grid: { units: unitIds, roles },
    scaleMin: 1,
    scaleMax: 5,
    countTables: subscales.flatMap((key) => [{ name: `${key}:scored` }, ...['unfavorable', 'neutral', 'favorable'].map((part) => ({ name: `${key}:${part}`, within: `${key}:scored` }))]),
    partitions: subscales.map((key) => ({ whole: `${key}:scored`, parts: ['unfavorable', 'neutral', 'favorable'].map((part) => `${key}:${part}`) })),
    sumTables: subscales.map((key) => ({
      name: `${key}:sum`,
      parts: [{ table: `${key}:unfavorable`, lo: 1, hi: unfavorableBelow }, { table: `${key}:neutral`, lo: unfavorableBelow, hi: favorableFrom }, { table: `${key}:favorable`, lo: favorableFrom, hi: 5 }],
    })),
    shown,
  };
}

for (const kind of databaseKinds) {
  describe(`insider attacks on one wave on ${kind}`, function () {
    let server: TestServer;
    let peer: PublishedInstrument;
    let wave: BuiltWave;
    let manager: StaffSession;
    let researcher: StaffSession;
    let base: string;
    let exportsBase: string;
    const openReads: Dashboard[] = [];
    let first: Views;

    const asManager: Reader = (path) => staffFetch(server.url, manager, path, { accept: 'json' });

    async function answer(unitName: string, role: string, random: ReturnType<typeof createRandom>): Promise<void> {
      const code = wave.links.find((link) => link.unitName === unitName)?.code ?? '';
      const answers = generateAnswers(peer.instrument, { climate: random.normal(), roleGroup: role, skipRate: 0.1 }, random);
      const response = await postAnswers(server.url, code, { language: 'en', answers: { ...answers, [peer.instrument.demographics.roleGroup]: role } });
      expect(response.status).to.equal(201);
    }

    useTestServer(kind, async (started) => {
      server = started;
      peer = instrumentByKey(server.published, 'peer-staff-climate');
      wave = await buildWave(server.db, peer, { status: 'open', unitNames: Object.keys(plan) });
      base = `/orgs/${wave.organizationId}/waves/${wave.waveId}/dashboard`;
      exportsBase = `/orgs/${wave.organizationId}/exports/waves/${wave.waveId}`;
      manager = await openSession(server.db, (await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] })).accountId);
      researcher = await openSession(server.db, (await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] })).accountId);
      const random = createRandom(20261130);
      for (const [unitName, groups] of Object.entries(plan)) {
        for (const [role, count] of groups) for (let index = 0; index < count; index += 1) await answer(unitName, role, random);
      }
      // The open wave, read before and after one more answer in the one-person unit.
      openReads.push(await readJson<Dashboard>(asManager, `${base}.json`));
      await answer('One', 'supervisor', random);
      openReads.push(await readJson<Dashboard>(asManager, `${base}.json`));
      const closed = await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${wave.waveId}/close`, { form: {} });
      expect(closed.status).to.equal(303);
      first = await readAllViews(asManager, base, exportsBase);
    });

    it('while the wave is open, shows the total only in steps of 5 and per unit only whether k is reached, so one more answer changes nothing readable', () => {
      const [before, after] = openReads;
      expect(before?.progress?.responsesAtLeast).to.equal(30);
      expect(after).to.deep.equal(before);
      expect(JSON.stringify(before)).to.not.match(/"n":/);
      expect(before?.progress?.units.map((unit) => [unit.label, unit.hasReachedK])).to.deep.equal([['Big', true], ['Mid', true], ['One', false], ['Small', false]]);
    });

    it('when the LP attacker solves everything any staff role sees of the wave, no hidden small count is pinned and no hidden mean is narrowed', async function () {
      this.timeout(300_000);
      const responses = await server.db.query<StoredScores>('SELECT unit_id AS "unitId", role_group AS "roleGroup", scores FROM responses WHERE wave_id = $1', [wave.waveId]);
      const unitIds = first.whole.participation.map((unit) => unit.id);
      const subscales = peer.instrument.subscales.map((subscale) => subscale.key);
      const shown = collectShown(first, peer.instrument);
      expect(shown.length, 'the wave shows figures at all').to.be.greaterThan(20);
      const truth = tabulateTruth(responses, unitIds, subscales);
      const findings = await attack(describeWave(unitIds, subscales, shown), truth, k);
      // Where the whole wave itself shows fewer than k in a category (3 unfavorable in all), that
      // figure bounds every group by itself: a hidden count must reach it, not k (README).
      const wholeWave = new Map(truth.filter((entry) => entry.group.unit === undefined && entry.group.role === undefined).map((entry) => [entry.table, entry.value]));
      const real = findings.filter((finding) => finding.kind !== 'pinned-small' || finding.min > 0 || finding.max < Math.min(k, wholeWave.get(finding.table) ?? k));
      expect(real.slice(0, 5)).to.deep.equal([]);
    });

    it('when units are renamed and a unit is added after the close, every view and file reads exactly as before', async () => {
      for (const unit of first.whole.participation) {
        const renamed = await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/units/${unit.id}/rename`, { form: { name: `Zz ${unit.label}` } });
        expect(renamed.status).to.equal(303);
      }
      expect((await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/units`, { form: { name: 'Aa Added later' } })).status).to.equal(303);
      const again = await readAllViews(asManager, base, exportsBase);
      const withoutHandles = (view: Dashboard): unknown => ({ ...view, results: view.results && { ...view.results, comments: { ...view.results.comments, items: view.results.comments.items.map((item) => item.text).sort() } } });
      expect(withoutHandles(again.whole)).to.deep.equal(withoutHandles(first.whole));
      for (const [unit, view] of first.units) expect(withoutHandles(again.units.get(unit) ?? first.whole)).to.deep.equal(withoutHandles(view));
      for (const [role, view] of first.roles) expect(withoutHandles(again.roles.get(role) ?? first.whole)).to.deep.equal(withoutHandles(view));
      expect(again.aggregated).to.equal(first.aggregated);
      expect(again.aggregated).to.not.include('Added later');
    });

    it('when a manager tries to reopen the released wave, it stays closed and takes no late answer', async () => {
      const reopened = await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${wave.waveId}/open`, { form: {}, accept: 'json' });
      expect(reopened.status).to.equal(409);
      expect(await reopened.text()).to.include('final');
      const [row] = await server.db.query<{ status: string; releasedOn: string | null }>('SELECT status, released_on::text AS "releasedOn" FROM waves WHERE id = $1', [wave.waveId]);
      expect(row).to.deep.include({ status: 'closed' });
      expect(row?.releasedOn).to.be.a('string');
    });

    it('lists comments for the whole wave and by unit only, under handles that differ in every view and match no id', async () => {
      expect([...first.roles.values()].every((view) => view.results === null || view.results.comments.items.length === 0)).to.equal(true);
      const whole = await readJson<Dashboard>(asManager, `${base}.json`);
      const handles = [first.whole, whole].flatMap((view) => view.results?.comments.items.map((item) => item.handle) ?? []);
      expect(first.whole.results?.comments.items.length).to.be.greaterThan(0);
      expect(new Set(handles).size).to.equal(handles.length);
      const ids = (await server.db.query<{ id: string }>('SELECT id FROM responses WHERE wave_id = $1', [wave.waveId])).map((row) => row.id);
      const everything = JSON.stringify([first, whole]);
      expect(ids.filter((id) => everything.includes(id))).to.deep.equal([]);
    });

    it('respondent files: rows in a fresh random order per download, no response id, hidden units only as "other"', async () => {
      const download = async (): Promise<string[][]> => parseCsv(await (await staffFetch(server.url, researcher, `${exportsBase}/respondents/responses.csv`)).text());
      const [header = [], ...rows] = await download();
      const [, ...again] = await download();
      expect(rows).to.have.length(32);
      expect(again.map((row) => row.join(',')).sort()).to.deep.equal(rows.map((row) => row.join(',')).sort());
      expect(again.map((row) => row.join(','))).to.not.deep.equal(rows.map((row) => row.join(',')));
      const shownUnits = first.whole.participation.filter((unit) => unit.count.isShown).map((unit) => unit.label);
      const reported = new Set(rows.map((row) => row[header.indexOf('unit')]));
      expect([...reported].sort()).to.deep.equal([...shownUnits, 'other'].sort());
      const ids = (await server.db.query<{ id: string }>('SELECT id FROM responses WHERE wave_id = $1', [wave.waveId])).map((row) => row.id);
      expect(ids.some((id) => rows.flat().includes(id))).to.equal(false);
    });
  });
}
