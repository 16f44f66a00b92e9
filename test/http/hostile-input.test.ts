import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { routes } from '../../server/app.js';
import { deriveCsrfToken } from '../../server/http/tokens.js';
import type { Route } from '../../server/http/route.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { hostileAccept, type HostileBody, hostileBody, hostileParam, hostileQuery } from '../support/hostile.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, uniqueEmail } from '../support/staff.js';

/** Field names the routes' forms use, so generated bodies often get past the first check. */
const fieldNames = [
  'answers', 'language', 'email', 'password', 'confirmPassword', 'currentPassword', 'newPassword', 'name', 'organizationId', 'role',
  'accountId', 'responseId', 'question', 'minGroupSize', 'commentThreshold', 'opensOn', 'closesOn', 'allowCommentExport',
  'instrumentVersionId', 'distribution', 'next',
];

/**
 * Rows a refused request may still write, by design: a failed sign-in is counted (the rate
 * limit) and, for an existing account, audited; a password reset request is counted too.
 */
const writesOfRefusals: Record<string, readonly string[]> = { 'post /login': ['sign_in_attempts', 'audit_events'], 'post /login/forgot': ['sign_in_attempts'] };

/** What a response must never show: a stack frame, a source file or an installation path. */
const internals = /node_modules|\/server\/|\.ts:\d|\.js:\d|\n\s+at \S|URIError|SyntaxError/;

const persona = fc.constantFrom('anonymous', 'admin', 'manager', 'forgedCookie');
type Persona = 'anonymous' | 'admin' | 'manager' | 'forgedCookie';
type Attempt = { path: string; method: string; accept: string | undefined; persona: Persona; body: HostileBody };

for (const kind of databaseKinds) {
  describe(`hostile input on every route on ${kind}`, function () {
    let server: TestServer;
    let values: Record<string, string>;
    let tables: string[];
    const accounts = new Map<Persona, string>();
    const marker = `zq${randomBytes(6).toString('hex')}`;

    useTestServer(kind, async (started) => {
      server = started;
      const instrument = instrumentByKey(server.published, 'peer-staff-climate');
      const wave = await buildWave(server.db, instrument);
      accounts.set('admin', (await createAccount(server.db, { email: uniqueEmail('admin'), isPlatformAdmin: true })).accountId);
      accounts.set('manager', (await createAccount(server.db, {
        email: uniqueEmail('manager'), memberships: [{ organizationId: wave.organizationId, role: 'manager' }],
      })).accountId);
      const target = await createAccount(server.db, { email: uniqueEmail('target') });
      values = {
        orgId: wave.organizationId, waveId: wave.waveId, unitId: wave.links[0]?.unitId ?? '', accountId: target.accountId,
        code: wave.links[0]?.code ?? '', token: randomBytes(16).toString('base64url'), file: 'survey-core.min.js', versionId: instrument.id,
        exportFile: 'codebook.csv', respondentFile: 'responses.csv', messageFile: '20260101T000000000Z-0123456789abcdef.eml',
      };
      const rows = await server.db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1");
      tables = rows.map((row) => row.name);
    });

    async function countAll(): Promise<Record<string, number>> {
      const [row] = await server.db.query<Record<string, number>>(`SELECT ${tables.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`);
      return row ?? {};
    }

    async function headersFor(who: Persona, route: Route): Promise<Record<string, string>> {
      const accountId = accounts.get(who);
      if (accountId) {
        const session = await openSession(server.db, accountId);
        return { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken };
      }
      if (who === 'forgedCookie') return { Cookie: `pc_session=${marker}%ZZ; pc_presession=${marker}` };
      return route.access.kind === 'guest' ? { Cookie: 'pc_presession=fuzz', 'X-CSRF-Token': deriveCsrfToken('fuzz') } : {};
    }

    /** Sends one attempt and returns what went wrong (nothing, when every rule held). */
    async function check(route: Route, attempt: Attempt): Promise<string[]> {
      const headers = await headersFor(attempt.persona, route);
      if (attempt.accept) headers.Accept = attempt.accept;
      if (attempt.body.contentType) headers['Content-Type'] = attempt.body.contentType;
      if (attempt.body.contentEncoding) headers['Content-Encoding'] = attempt.body.contentEncoding;
      const before = await countAll();
      const response: RawResponse = await rawRequest(server.url, { method: attempt.method, path: attempt.path, headers, ...(attempt.body.body ? { body: attempt.body.body } : {}) });
      const problems: string[] = [];
      const name = `${attempt.method} ${attempt.path} as ${attempt.persona}`;
      if (response.status >= 500) problems.push(`${name}: ${response.status}`);
      const isLibraryCode = /javascript|css/.test(response.headers['content-type'] ?? '');
      if (!isLibraryCode && internals.test(response.text)) problems.push(`${name}: shows internals: ${internals.exec(response.text)?.[0] ?? ''}`);
      if (response.status >= 400) {
        const after = await countAll();
        const allowed = writesOfRefusals[`${route.method} ${route.path}`] ?? [];
        const grown = tables.filter((table) => !allowed.includes(table) && after[table] !== before[table]);
        if (grown.length > 0) problems.push(`${name}: refused with ${response.status} but changed ${grown.join(', ')}`);
      }
      return problems;
    }

    function pathFor(route: Route, params: Record<string, string>): string {
      return route.path.replace(/:(\w+)/g, (_match, param: string) => params[param] ?? '');
    }

    function expectNoMarkerInLogs(): void {
      const leaked = server.logs.filter((line) => line.toLowerCase().includes(marker));
      expect(leaked, 'log lines holding a path parameter, query value or cookie').to.deep.equal([]);
    }

    it('answers 400 (not 500) to a malformed percent-encoding in every path parameter of every route, and logs none of them', async () => {
      const problems: string[] = [];
      for (const route of routes.filter((candidate) => candidate.path.includes(':'))) {
        for (const param of route.path.match(/:(\w+)/g) ?? []) {
          const spoiled = { ...values, [param.slice(1)]: `${marker}${values[param.slice(1)] ?? ''}%ZZ` };
          const path = pathFor(route, spoiled);
          const response = await rawRequest(server.url, { method: route.method.toUpperCase(), path, headers: { Accept: 'application/json' } });
          if (response.status !== 400) problems.push(`${route.method} ${path}: ${response.status}`);
        }
      }
      expect(problems).to.deep.equal([]);
      expectNoMarkerInLogs();
    });

    it('refuses an invalid gzip body on every POST route with a 4xx and stores nothing', async () => {
      const problems: string[] = [];
      for (const route of routes.filter((candidate) => candidate.method === 'post')) {
        const body: HostileBody = { contentType: 'application/json', contentEncoding: 'gzip', body: Buffer.from('this is not gzip') };
        const found = await check(route, { method: 'POST', path: pathFor(route, values), accept: 'application/json', persona: 'admin', body });
        problems.push(...found);
      }
      expect(problems).to.deep.equal([]);
    });

    it('refuses NUL and lone surrogates in a submitted comment and a unit name with 400, naming the field', async () => {
      const submit = await rawRequest(server.url, {
        method: 'POST', path: `/s/${values.code}`, headers: { 'Content-Type': 'application/json' },
        body: Buffer.from('{"answers":{"comment_helpful":"a\\u0000b"}}'),
      });
      const session = await openSession(server.db, accounts.get('admin') ?? '');
      const rename = await rawRequest(server.url, {
        method: 'POST', path: `/orgs/${values.orgId}/units/${values.unitId}/rename`,
        headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken, Accept: 'application/json' },
        body: Buffer.from('{"name":"North \\ud800 Clinic"}'),
      });
      expect([submit.status, rename.status]).to.deep.equal([400, 400]);
      expect(JSON.parse(submit.text)).to.have.nested.property('error.details[0].path', 'body.answers.comment_helpful');
      expect(JSON.parse(rename.text)).to.have.nested.property('error.details[0].path', 'body.name');
    });

    it('answers 404 for /vendor/__proto__, /vendor/constructor and /vendor/toString', async () => {
      const statuses = await Promise.all(['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map(async (file) => (await rawRequest(server.url, { method: 'GET', path: `/vendor/${file}` })).status));
      expect(statuses).to.deep.equal([404, 404, 404, 404]);
    });

    it('never answers 5xx or shows internals, and stores nothing when it refuses, for generated requests to every route', async function () {
      this.timeout(240_000);
      const problems: string[] = [];
      for (const route of routes) {
        const params = Object.fromEntries((route.path.match(/:(\w+)/g) ?? []).map((param) => [param.slice(1), hostileParam(values[param.slice(1)] ?? '', marker)]));
        const attempt = fc.record({
          params: fc.record(params), query: hostileQuery(marker), accept: hostileAccept, persona, body: route.method === 'get' ? fc.constant<HostileBody>({ contentType: undefined, contentEncoding: undefined, body: undefined }) : hostileBody(fieldNames),
        }).map((generated): Attempt => ({ ...generated, path: pathFor(route, generated.params) + generated.query, method: route.method.toUpperCase() }));
        await fc.assert(fc.asyncProperty(attempt, async (generated) => {
          const found = await check(route, generated).catch((error: unknown) => [`${generated.method} ${generated.path}: ${String(error)}`]);
          problems.push(...found);
          return found.length === 0;
        }), { numRuns: Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 12), endOnFailure: true }).catch(() => undefined);
      }
      expect(problems).to.deep.equal([]);
      expectNoMarkerInLogs();
    });
  });
}
