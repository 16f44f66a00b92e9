import { expect } from 'chai';
import type { Dashboard } from '../../server/dashboards/model.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { addWave, seedUnits } from '../support/dashboards.js';
import { collapseSpace, readPdfText, requirePdfText } from '../support/pdf.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';

/** The cells of every table row that starts with `label`, split on the gaps between columns. */
function rowsOf(text: string, label: string): string[][] {
  return text.split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${label}  `))
    .map((line) => line.slice(label.length).trim().split(/\s{2,}/));
}

for (const kind of databaseKinds) {
  describe(`GET /orgs/:orgId/waves/:waveId/dashboard.pdf on ${kind}`, function () {
    let server: TestServer;
    let peer: PublishedInstrument;
    let wave: BuiltWave;
    let unitIds: Map<string, string>;
    let manager: StaffSession;
    let otherManager: StaffSession;
    let spanishManager: StaffSession;
    let path: string;

    before(async function () {
      await requirePdfText(this);
    });
    useTestServer(kind, async (started) => {
      server = started;
      peer = instrumentByKey(server.published, 'peer-staff-climate');
      wave = await buildWave(server.db, peer, { status: 'closed', unitNames: ['North', 'Clínica Sur', 'Pequeña'] });
      unitIds = new Map(wave.links.map((link) => [link.unitName, link.unitId]));
      await seedUnits(server, wave.waveId, peer, unitIds, { North: 14, 'Clínica Sur': 12, Pequeña: 6 }, { peer_staff: 1 }, 1);
      const currentWaveId = await addWave(server, wave.organizationId, peer, 'Otoño 2026', 'closed');
      await seedUnits(server, currentWaveId, peer, unitIds, { North: 16, 'Clínica Sur': 12, Pequeña: 2 }, { peer_staff: 1 }, 2);
      const companionId = await addWave(server, wave.organizationId, instrumentByKey(server.published, 'supervisor-clinical-climate'), 'Supervisors wave', 'closed');
      await seedUnits(server, companionId, instrumentByKey(server.published, 'supervisor-clinical-climate'), unitIds, { North: 8, 'Clínica Sur': 7 }, { supervisor: 1, clinical_other: 1 }, 3);
      wave = { ...wave, waveId: currentWaveId };
      path = `/orgs/${wave.organizationId}/waves/${wave.waveId}/dashboard`;
      const managerAccount = await createAccount(server.db, { email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      const otherWave = await buildWave(server.db, peer, { status: 'closed' });
      const otherAccount = await createAccount(server.db, { email: uniqueEmail('other'), memberships: [{ organizationId: otherWave.organizationId, role: 'manager' }] });
      manager = await openSession(server.db, managerAccount.accountId);
      const spanishAccount = await createAccount(server.db, { email: uniqueEmail('gerente'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }] });
      await server.db.query('UPDATE accounts SET language = $2 WHERE id = $1', [spanishAccount.accountId, 'es']);
      spanishManager = await openSession(server.db, spanishAccount.accountId);
      otherManager = await openSession(server.db, otherAccount.accountId);
    });

    async function readDashboard(query = ''): Promise<Dashboard> {
      return (await (await staffFetch(server.url, manager, `${path}.json${query}`)).json()) as Dashboard;
    }

    async function downloadPdf(query = ''): Promise<{ response: Response; text: string }> {
      const response = await staffFetch(server.url, manager, `${path}.pdf${query}`);
      expect(response.status).to.equal(200);
      return { response, text: await readPdfText(Buffer.from(await response.arrayBuffer())) };
    }

    it('when the wave has closed, prints the figures the dashboard shows and "Suppressed" for the small unit, never a figure of it', async () => {
      const dashboard = await readDashboard();
      const { response, text } = await downloadPdf();
      expect(response.headers.get('content-type')).to.match(/^application\/pdf/);
      expect(response.headers.get('content-disposition')).to.equal('attachment; filename="otono-2026-dashboard.pdf"');
      expect(response.headers.get('cache-control')).to.equal('no-store');
      expect(text).to.include('Otoño 2026: climate dashboard');
      expect(collapseSpace(text)).to.include('results are shown only for groups of 5 or more');
      const small = rowsOf(text, 'Pequeña');
      expect(small, 'participation and heatmap rows').to.have.length(2);
      for (const cells of small) expect(cells.every((cell) => cell === 'Suppressed'), cells.join('|')).to.equal(true);
      for (const unit of dashboard.participation) {
        const [responses] = rowsOf(text, unit.label)[0] ?? [];
        expect(responses, unit.label).to.equal(unit.count.isShown ? String(unit.count.n) : 'Suppressed');
      }
      for (const row of dashboard.results?.constructs ?? []) {
        if (!row.headline.isShown) throw new Error(`${row.key} is hidden for the whole wave`);
        // The area's row of the areas table (n, mean, SD, % favorable); the bar chart and the trend also name it.
        const [n = '', mean = '', , favorable = ''] = rowsOf(text, row.title).find((cells) => cells.length === 4) ?? [];
        // Two views may add the stored cells in another order, so the last bit can round the other way.
        expect(n, row.key).to.equal(String(row.headline.n));
        expect(mean, row.key).to.match(/^\d\.\d\d$/);
        expect(Number(mean), row.key).to.be.closeTo(row.headline.mean, 0.005 + 1e-9);
        expect(favorable, row.key).to.match(/^\d+%$/);
        expect(parseInt(favorable, 10), row.key).to.be.closeTo(row.headline.percentFavorable ?? Number.NaN, 0.5 + 1e-9);
      }
      for (const heading of ['What to do next', 'Items, lowest first', 'Change since the previous wave', 'Perception gap', 'What goes with the outcome question', 'Comments']) {
        expect(text, heading).to.include(heading);
      }
      const pages = text.split('\f').filter((page) => page.trim() !== '');
      expect(pages.length).to.be.greaterThan(1);
      pages.forEach((page, index) => expect(collapseSpace(page), `page ${index + 1}`).to.include(`page ${index + 1} of ${pages.length} · figures for groups of fewer than 5 respondents are suppressed`));
    });

    it('when the manager reads Spanish, prints Spanish headings and names and the same figures as the English PDF', async () => {
      await server.db.query('UPDATE organizations SET name = $2 WHERE id = $1', [wave.organizationId, '¿Clínica Ñandú? ¡Sí! Pingüino Ávila Éxito Índigo Óvalo Único']);
      const english = await downloadPdf();
      const response = await staffFetch(server.url, spanishManager, `${path}.pdf`);
      expect(response.status).to.equal(200);
      const text = await readPdfText(Buffer.from(await response.arrayBuffer()));
      expect(text, 'the standard fonts print every Spanish letter and sign').to.include('¿Clínica Ñandú? ¡Sí! Pingüino Ávila Éxito Índigo Óvalo Único');
      expect(text).to.include('Otoño 2026: panel de resultados del clima laboral');
      for (const heading of ['Participación', 'Cómo califica la ronda cada área', 'Qué hacer a continuación', 'Preguntas, de la más baja a la más alta', 'Cambio desde la ronda anterior', 'Brecha de percepción', 'Comentarios']) {
        expect(text, heading).to.include(heading);
      }
      for (const english of ['What to do next', 'Items, lowest first', 'Change since the previous wave', 'Perception gap', 'Suppressed', 'climate dashboard']) expect(text, english).not.to.include(english);
      expect(collapseSpace(text)).to.include('página 1 de');
      // Each participation row and each area's row holds the same figures in both languages.
      const spanishSuppressed = (cells: string[]): string[] => cells.map((cell) => (cell === 'Oculto (grupo pequeño)' ? 'Suppressed' : cell));
      for (const unit of ['North', 'Clínica Sur', 'Pequeña']) expect(spanishSuppressed(rowsOf(text, unit)[0] ?? []), unit).to.deep.equal(rowsOf(english.text, unit)[0]);
      for (const subscale of peer.instrument.subscales) {
        const spanishTitle = subscale.title.es ?? '';
        expect(spanishTitle, subscale.key).not.to.equal('');
        const area = (pdf: string, title: string) => rowsOf(pdf, title).find((cells) => cells.length === 4);
        expect(area(text, spanishTitle), spanishTitle).to.deep.equal(area(english.text, subscale.title.en ?? ''));
      }
      const openWaveId = await addWave(server, wave.organizationId, peer, 'Ronda abierta', 'open');
      const open = collapseSpace(await readPdfText(Buffer.from(await (await staffFetch(server.url, spanishManager, `/orgs/${wave.organizationId}/waves/${openWaveId}/dashboard.pdf`)).arrayBuffer())));
      expect(open).to.include('Los resultados aparecen cuando la ronda se cierra').and.to.include('todavía abierta').and.to.include('por ahora');
    });

    it('gives a Spanish reader the same figures as an English one, only the words differ', async () => {
      // Every number and yes/no of the dashboard, without its words and without the comments (a random sample on each view).
      const figuresOf = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(figuresOf);
        if (value === null || typeof value !== 'object') return typeof value === 'string' ? '' : value;
        return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'comments').map(([key, entry]) => [key, figuresOf(entry)]));
      };
      const spanish = (await (await staffFetch(server.url, spanishManager, `${path}.json`)).json()) as Dashboard;
      expect(spanish.results?.constructs[0]?.title).to.equal(peer.instrument.subscales[0]?.title.es);
      expect(figuresOf(spanish)).to.deep.equal(figuresOf(await readDashboard()));
    });

    it('prints the comments only where the dashboard shows them', async () => {
      const waveId = await addWave(server, wave.organizationId, peer, 'Comment wave', 'closed');
      await seedUnits(server, waveId, peer, unitIds, { North: 12, 'Clínica Sur': 12 }, { peer_staff: 1 }, 5);
      await server.db.query('UPDATE waves SET comment_threshold = 20 WHERE id = $1', [waveId]);
      const base = `/orgs/${wave.organizationId}/waves/${waveId}/dashboard`;
      const read = async (query: string) => ({
        dashboard: (await (await staffFetch(server.url, manager, `${base}.json${query}`)).json()) as Dashboard,
        text: collapseSpace(await readPdfText(Buffer.from(await (await staffFetch(server.url, manager, `${base}.pdf${query}`)).arrayBuffer()))),
      });
      const whole = await read('');
      const comments = whole.dashboard.results?.comments;
      if (!comments?.isShown || comments.items.length === 0) throw new Error('the synthetic wave shows no comments');
      for (const comment of comments.items) expect(whole.text).to.include(collapseSpace(comment.text));
      const north = await read(`?unit=${unitIds.get('North') ?? ''}`);
      expect(north.dashboard.results?.comments.isShown).to.equal(false);
      expect(north.text).to.include(collapseSpace(north.dashboard.results?.comments.reason ?? 'missing'));
      expect(comments.items.some((comment) => north.text.includes(collapseSpace(comment.text)))).to.equal(false);
    });

    it('when filtered to the small unit, prints the plain "not shown" message and no figure, and the page links to that PDF', async () => {
      const query = `?unit=${unitIds.get('Pequeña') ?? ''}`;
      const dashboard = await readDashboard(query);
      const { text } = await downloadPdf(query);
      expect(dashboard.resultsMessage).to.match(/not shown/);
      expect(collapseSpace(text)).to.include(collapseSpace(dashboard.resultsMessage ?? 'missing'));
      expect(collapseSpace(text)).to.include('Showing: Pequeña. Responses: Suppressed.');
      expect(text).not.to.include('rates each area');
      const page = await (await staffFetch(server.url, manager, `${path}${query}`, { accept: 'html' })).text();
      expect(/<a href="([^"]+)" id="pdf-link"/.exec(page)?.[1]).to.equal(`${path}.pdf${query}`);
    });

    it('when the wave is still open, prints the same message as the page and no results', async () => {
      const openWaveId = await addWave(server, wave.organizationId, peer, 'Open wave', 'open');
      await seedUnits(server, openWaveId, peer, unitIds, { North: 12, 'Clínica Sur': 12 }, { peer_staff: 1 }, 4);
      const response = await staffFetch(server.url, manager, `/orgs/${wave.organizationId}/waves/${openWaveId}/dashboard.pdf`);
      const text = collapseSpace(await readPdfText(Buffer.from(await response.arrayBuffer())));
      expect(text).to.include('Results appear when the wave closes');
      expect(text).not.to.include('rates each area');
    });

    it('when a manager of another organization asks, answers 404; signed out, it is refused as the page is', async () => {
      const foreign = await staffFetch(server.url, otherManager, `${path}.pdf`);
      expect(foreign.status).to.equal(404);
      expect(((await foreign.json()) as { error: { code: string } }).error.code).to.equal('not_found');
      for (const accept of ['json', 'html'] as const) {
        const pdf = await staffFetch(server.url, undefined, `${path}.pdf`, { accept });
        const page = await staffFetch(server.url, undefined, path, { accept });
        expect([pdf.status, pdf.headers.get('content-type')?.split(';')[0]], accept).to.deep.equal([page.status, page.headers.get('content-type')?.split(';')[0]]);
        expect(pdf.status, accept).to.be.oneOf([401, 303]);
      }
    });

    it('when the filter is unknown or names another role, answers 400 in the one error shape', async () => {
      for (const query of ['?colour=blue', '?role=director', `?unit=${unitIds.get('North') ?? ''}&role=peer_staff`]) {
        const response = await staffFetch(server.url, manager, `${path}.pdf${query}`);
        const body = (await response.json()) as { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };
        expect(response.status, query).to.equal(400);
        expect(body.error.code, query).to.equal('invalid_input');
        expect(body.error.details.length, query).to.be.greaterThan(0);
      }
    });
  });
}
