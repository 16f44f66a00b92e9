import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect } from 'chai';
import type { Router } from 'express';
import { createApp, routes } from '../../server/app.js';
import { assetUrl } from '../../server/assets/service.js';
import { loadConfig } from '../../server/config.js';
import type { Access } from '../../server/http/access.js';
import { deriveCsrfToken } from '../../server/http/tokens.js';
import type { Route } from '../../server/http/route.js';
import { createLogger } from '../../server/log.js';
import { writeOutboxFile } from '../../server/mail/outbox/service.js';
import { createWaveWithOpenLinks } from '../../server/waves/service.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, uniqueEmail } from '../support/staff.js';

type Persona = 'anonymous' | 'managerOfA' | 'managerOfB' | 'researcherOfA' | 'platformAdmin';
type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'not_found';

const personas: Persona[] = ['anonymous', 'managerOfA', 'managerOfB', 'researcherOfA', 'platformAdmin'];

/**
 * What each persona must get from a route of each access kind, all routes in organization A.
 * The mapped type makes a new access kind fail to compile until it has its expectation here.
 */
const expectations: { [Kind in Access['kind']]: (access: Extract<Access, { kind: Kind }>, persona: Persona) => Outcome } = {
  public: () => 'allowed',
  guest: () => 'allowed',
  signedIn: (_access, persona) => (persona === 'anonymous' ? 'unauthenticated' : 'allowed'),
  platformAdmin: (_access, persona) => {
    if (persona === 'anonymous') return 'unauthenticated';
    return persona === 'platformAdmin' ? 'allowed' : 'forbidden';
  },
  orgRole: (access, persona) => {
    switch (persona) {
      case 'anonymous': return 'unauthenticated';
      case 'platformAdmin': return 'allowed';
      case 'managerOfB': return 'not_found';
      case 'managerOfA': return access.roles.includes('manager') ? 'allowed' : 'forbidden';
      case 'researcherOfA': return access.roles.includes('researcher') ? 'allowed' : 'forbidden';
    }
  },
};

/**
 * The authorization policy, written out once and reviewed with every new route: a route that
 * is missing here, or declares other access than this, fails the matrix.
 */
const policy: Record<string, string> = {
  'get /healthz': 'public',
  'get /assets/:file': 'public',
  'get /s/thanks': 'public',
  'get /s/:code': 'public',
  'post /s/:code': 'public',
  'post /s/:code/token': 'public',
  'post /s/token/:waveId/:unitId': 'public',
  'get /c': 'public',
  'get /instruments': 'public',
  'get /instruments/:versionId/codebook': 'public',
  'get /instruments/:versionId/codebook.csv': 'public',
  'get /': 'signedIn',
  'get /login': 'guest',
  'get /login/forgot': 'guest',
  'post /login/forgot': 'guest',
  'get /help': 'signedIn',
  'post /login': 'guest',
  'post /logout': 'signedIn',
  'post /account/language': 'guest',
  'get /account/password': 'signedIn',
  'post /account/password': 'signedIn',
  'get /setup/:token': 'guest',
  'post /setup/:token': 'guest',
  'get /password/:token': 'guest',
  'post /password/:token': 'guest',
  'get /admin/accounts': 'platformAdmin',
  'post /admin/accounts/:accountId/sessions/revoke': 'platformAdmin',
  'post /admin/accounts/:accountId/password-link': 'platformAdmin',
  'get /admin': 'platformAdmin',
  'post /admin/organizations': 'platformAdmin',
  'post /admin/memberships': 'platformAdmin',
  'post /admin/memberships/remove': 'platformAdmin',
  'get /orgs/:orgId': 'orgRole(manager, researcher)',
  'get /orgs/:orgId/units': 'orgRole(manager)',
  'get /orgs/:orgId/colleagues': 'orgRole(manager)',
  'get /orgs/:orgId/instruments': 'orgRole(manager)',
  'post /orgs/:orgId/instruments/check': 'orgRole(manager)',
  'post /orgs/:orgId/instruments/preview': 'orgRole(manager)',
  'post /orgs/:orgId/instruments': 'orgRole(manager)',
  'post /orgs/:orgId/colleagues': 'orgRole(manager)',
  'post /orgs/:orgId/colleagues/remove': 'orgRole(manager)',
  'post /orgs/:orgId/units': 'orgRole(manager)',
  'post /orgs/:orgId/units/:unitId/rename': 'orgRole(manager)',
  'post /orgs/:orgId/units/:unitId/headcount': 'orgRole(manager)',
  'post /orgs/:orgId/units/:unitId/archive': 'orgRole(manager)',
  'post /orgs/:orgId/units/:unitId/restore': 'orgRole(manager)',
  'post /orgs/:orgId/units/:unitId/delete': 'orgRole(manager)',
  'get /orgs/:orgId/waves/new': 'orgRole(manager)',
  'post /orgs/:orgId/waves': 'orgRole(manager)',
  'get /orgs/:orgId/waves/:waveId': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/open': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/close': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/schedule': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/links': 'orgRole(manager)',
  'get /orgs/:orgId/waves/:waveId/qr': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/settings': 'orgRole(manager)',
  'get /orgs/:orgId/waves/:waveId/edit': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/edit': 'orgRole(manager)',
  'get /orgs/:orgId/waves/:waveId/delete': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/delete': 'orgRole(manager)',
  'get /orgs/:orgId/waves/:waveId/close': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/link-settings': 'orgRole(manager)',
  'get /orgs/:orgId/waves/:waveId/dashboard': 'orgRole(manager, researcher)',
  'get /orgs/:orgId/waves/:waveId/dashboard.json': 'orgRole(manager, researcher)',
  'get /orgs/:orgId/waves/:waveId/dashboard.pdf': 'orgRole(manager, researcher)',
  'post /orgs/:orgId/waves/:waveId/comments/hide': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/comments/hide/confirm': 'orgRole(manager)',
  'get /orgs/:orgId/waves/:waveId/comments/hidden': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/comments/unhide': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/cards': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/addresses': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/reminders': 'orgRole(manager)',
  'post /orgs/:orgId/waves/:waveId/reminders/:reminderId/cancel': 'orgRole(manager)',
  'get /orgs/:orgId/audit': 'orgRole(manager)',
  'get /admin/audit': 'platformAdmin',
  'get /orgs/:orgId/exports': 'orgRole(manager, researcher)',
  'get /orgs/:orgId/exports/waves/:waveId/:exportFile': 'orgRole(manager, researcher)',
  'get /orgs/:orgId/exports/waves/:waveId/respondents/:respondentFile': 'orgRole(researcher)',
  'get /orgs/:orgId/exports/instruments/:versionId/:exportFile': 'orgRole(manager, researcher)',
  'get /orgs/:orgId/exports/instruments/:versionId/respondents/:respondentFile': 'orgRole(researcher)',
  'get /orgs/:orgId/waves/:waveId/reliability': 'orgRole(manager, researcher)',
  'get /orgs/:orgId/waves/:waveId/reliability.csv': 'orgRole(manager, researcher)',
  'get /admin/outbox': 'platformAdmin',
  'get /admin/outbox/:messageFile': 'platformAdmin',
};

function describeAccess(access: Access): string {
  return access.kind === 'orgRole' ? `orgRole(${access.roles.join(', ')})` : access.kind;
}

function expectedOutcome(access: Access, persona: Persona): Outcome {
  const expectation = expectations[access.kind] as (access: Access, persona: Persona) => Outcome;
  return expectation(access, persona);
}

/** Bodies that pass validation, so a request reaches the service's own organization filter. */
function sampleBody(route: Route, unitId: string): Record<string, string> {
  const samples: Record<string, Record<string, string>> = {
    'post /orgs/:orgId/units/:unitId/rename': { name: 'Renamed by the matrix' },
    'post /orgs/:orgId/units/:unitId/headcount': { headcount: '12' },
    'post /orgs/:orgId/waves/:waveId/edit': { name: 'Edited by the matrix', opensOn: '2099-01-01', closesOn: '2099-01-31' },
    'post /orgs/:orgId/waves/:waveId/schedule': { opensOn: '2099-01-01', closesOn: '2099-01-31' },
    'post /orgs/:orgId/waves/:waveId/cards': { [`count_${unitId}`]: '1' },
    'post /orgs/:orgId/waves/:waveId/addresses': { addresses: 'matrix@example.org', unitId },
    'post /orgs/:orgId/waves/:waveId/reminders': { when: 'now' },
    'post /orgs/:orgId/waves/:waveId/settings': { minGroupSize: '5', commentThreshold: '10' },
    'post /orgs/:orgId/waves/:waveId/link-settings': { [`headcount_${unitId}`]: '' },
    'post /orgs/:orgId/waves/:waveId/comments/hide': { comment: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    'post /orgs/:orgId/waves/:waveId/comments/hide/confirm': { comment: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    'post /orgs/:orgId/waves/:waveId/comments/unhide': { comment: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  };
  return samples[`${route.method} ${route.path}`] ?? {};
}

function classify(status: number, code: string | undefined): Outcome | 'other' {
  if (status === 401 && code === 'unauthenticated') return 'unauthenticated';
  if (status === 403 && code === 'forbidden') return 'forbidden';
  if (status === 404 && code === 'not_found') return 'not_found';
  return status === 401 || status === 403 ? 'other' : 'allowed';
}

/** Whether some listed route of `method` matches the concrete `path` (POST /s/thanks is POST /s/:code). */
function isListed(method: string, path: string): boolean {
  return routes.some((route) => route.method === method && new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+')}$`).test(path));
}

/** Every [method, path] Express would serve, found by walking the app's router stack. */
function servedRoutes(router: Router): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const found: string[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return found.sort();
}

for (const kind of databaseKinds) {
  describe(`access matrix: every route as every persona on ${kind}`, function () {
    let server: TestServer;
    let waveA: BuiltWave;
    let waveB: BuiltWave;
    let params: Record<string, string>;
    const accounts = new Map<Persona, string>();

    useTestServer(kind, async (started) => {
      server = started;
      const instrument = instrumentByKey(server.published, 'peer-staff-climate');
      waveA = await buildWave(server.db, instrument, { status: 'draft' });
      waveB = await buildWave(server.db, instrument, { status: 'draft' });
      await server.db.query("UPDATE waves SET distribution = 'invitation' WHERE id IN ($1, $2)", [waveA.waveId, waveB.waveId]);
      const specs: Array<[Persona, Parameters<typeof createAccount>[1]]> = [
        ['managerOfA', { email: uniqueEmail('manager-a'), memberships: [{ organizationId: waveA.organizationId, role: 'manager' }] }],
        ['managerOfB', { email: uniqueEmail('manager-b'), memberships: [{ organizationId: waveB.organizationId, role: 'manager' }] }],
        ['researcherOfA', { email: uniqueEmail('researcher-a'), memberships: [{ organizationId: waveA.organizationId, role: 'researcher' }] }],
        ['platformAdmin', { email: uniqueEmail('admin'), isPlatformAdmin: true }],
      ];
      for (const [persona, spec] of specs) accounts.set(persona, (await createAccount(server.db, spec)).accountId);
      const target = await createAccount(server.db, { email: uniqueEmail('target') });
      params = {
        orgId: waveA.organizationId, waveId: waveA.waveId, unitId: waveA.links[0]?.unitId ?? '', accountId: target.accountId,
        code: waveA.links[0]?.code ?? '', token: 'no-such-one-time-link-token', file: path.basename(assetUrl('chart.js')), versionId: instrument.id,
        reminderId: randomUUID(), exportFile: 'codebook.csv', respondentFile: 'responses.csv', messageFile: await writeOutboxFile(server.config.outboxDir, Buffer.from('Subject: matrix\n\nA message in the outbox.\n')),
      };
    });

    /** Routes that remove their target: each call gets a draft wave of its own in organization A. */
    const destructive = new Set(['post /orgs/:orgId/waves/:waveId/delete']);
    async function valuesFor(route: Route): Promise<Record<string, string>> {
      if (route.path.endsWith('/reminders/:reminderId/cancel')) {
        const [reminder] = await server.db.query<{ id: string }>(
          "INSERT INTO wave_reminders (wave_id, send_on, link_base) VALUES ($1, current_date + 30, 'http://localhost') RETURNING id", [waveA.waveId],
        );
        return { ...params, reminderId: reminder?.id ?? '' };
      }
      if (!destructive.has(`${route.method} ${route.path}`)) return params;
      const waveId = await server.db.transaction(async (tx) => (await createWaveWithOpenLinks(tx, {
        organizationId: waveA.organizationId, instrumentVersionId: params.versionId ?? '', name: `Matrix draft ${randomUUID()}`, status: 'draft', minGroupSize: 5,
      }, [])).waveId);
      return { ...params, waveId };
    }

    function pathFor(route: Route, values: Record<string, string>): string {
      return route.path.replace(/:(\w+)/g, (_match, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`${route.method.toUpperCase()} ${route.path}: the matrix has no value for :${name}; add one`);
        return value;
      });
    }

    /** A fresh session per request: some allowed routes (sign out, revoke) end the session they ran in. */
    async function call(route: Route, persona: Persona, path: string, body: Record<string, string>): Promise<{ status: number; code: string | undefined }> {
      const accountId = accounts.get(persona);
      const session: StaffSession | undefined = accountId ? await openSession(server.db, accountId) : undefined;
      const preSession = 'matrix-pre-session';
      const cookie = session ? session.cookie : `pc_presession=${preSession}`;
      const csrf = session ? session.csrfToken : deriveCsrfToken(preSession);
      const isGet = route.method === 'get';
      const response = await fetch(`${server.url}${path}`, {
        method: route.method.toUpperCase(), redirect: 'manual',
        headers: { Accept: 'application/json', Cookie: cookie, ...(isGet ? {} : { 'X-CSRF-Token': csrf }) },
        ...(isGet ? {} : { body: new URLSearchParams(body) }),
      });
      const text = await response.text();
      const code = response.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(text) as { error?: { code: string } }).error?.code : undefined;
      return { status: response.status, code };
    }

    it('covers every route in the list, each declaring exactly the access the policy gives it', () => {
      const declared = Object.fromEntries(routes.map((route) => [`${route.method} ${route.path}`, describeAccess(route.access)]));
      expect(declared).to.deep.equal(policy);
    });

    it('gives every persona exactly the outcome its role allows, on every route', async () => {
      const mismatches: string[] = [];
      for (const route of routes) {
        for (const persona of personas) {
          const expected = expectedOutcome(route.access, persona);
          const { status, code } = await call(route, persona, pathFor(route, await valuesFor(route)), sampleBody(route, params.unitId ?? ''));
          const actual = classify(status, code);
          if (actual !== expected) mismatches.push(`${route.method.toUpperCase()} ${route.path} as ${persona}: expected ${expected}, got ${status} ${code ?? ''}`);
        }
      }
      expect(mismatches).to.deep.equal([]);
    });

    it('answers "not found" when a manager or researcher names another organization\'s wave or unit under their own organization', async () => {
      const foreign = { ...params, waveId: waveB.waveId, unitId: waveB.links[0]?.unitId ?? '' };
      const mismatches: string[] = [];
      const scoped = routes.filter((route) => route.access.kind === 'orgRole' && /:(waveId|unitId)/.test(route.path));
      expect(scoped.length).to.be.greaterThan(5);
      for (const route of scoped) {
        const persona = route.access.kind === 'orgRole' && route.access.roles.includes('manager') ? 'managerOfA' : 'researcherOfA';
        const { status, code } = await call(route, persona, pathFor(route, foreign), sampleBody(route, params.unitId ?? ''));
        if (status !== 404 || code !== 'not_found') mismatches.push(`${route.method.toUpperCase()} ${route.path}: got ${status} ${code ?? ''}`);
      }
      expect(mismatches).to.deep.equal([]);
      const [renamed] = await server.db.query<{ count: number }>("SELECT count(*)::int AS count FROM units WHERE name = 'Renamed by the matrix' AND organization_id = $1", [waveB.organizationId]);
      expect(renamed?.count).to.equal(0);
    });

    it('serves nothing outside the route list: Express holds exactly the listed routes, other methods and paths are 404', async () => {
      const app = createApp({ db: server.db, log: createLogger('error', () => undefined), config: loadConfig({}) });
      const listed = routes.map((route) => `${route.method} ${route.path}`).sort();
      expect(servedRoutes((app as unknown as { router: Router }).router)).to.deep.equal(listed);
      const unexpected: string[] = [];
      for (const route of routes) {
        const path = pathFor(route, params);
        for (const method of ['get', 'post', 'put', 'patch', 'delete'].filter((candidate) => !isListed(candidate, path))) {
          const response = await fetch(`${server.url}${path}`, { method: method.toUpperCase(), headers: { Accept: 'application/json' }, redirect: 'manual' });
          if (response.status !== 404) unexpected.push(`${method.toUpperCase()} ${route.path}: ${response.status}`);
        }
      }
      for (const path of ['/orgs', '/admin/secret', `/orgs/${params.orgId ?? ''}/responses`, '/api/accounts', '/.env', '/s']) {
        const response = await fetch(`${server.url}${path}`, { headers: { Accept: 'application/json' }, redirect: 'manual' });
        if (response.status !== 404) unexpected.push(`GET ${path}: ${response.status}`);
      }
      expect(unexpected).to.deep.equal([]);
    });
  });
}
