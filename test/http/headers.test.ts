import { expect } from 'chai';
import { rawRequest } from '../support/raw-http.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';

for (const kind of databaseKinds) {
  describe(`security headers on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => { server = started; }, { TRUST_PROXY: '1' });

    it('sends HSTS only when the request came over TLS (here: through a trusted proxy that says so)', async () => {
      const plain = await fetch(`${server.url}/healthz`);
      const tls = await fetch(`${server.url}/healthz`, { headers: { 'X-Forwarded-Proto': 'https' } });
      expect(plain.headers.get('strict-transport-security')).to.equal(null);
      expect(tls.headers.get('strict-transport-security')).to.match(/^max-age=\d{7,}/);
    });

    it('marks every error answer, HTML or JSON, Cache-Control: no-store', async () => {
      const answers = await Promise.all([
        fetch(`${server.url}/no-such-page`, { headers: { Accept: 'text/html' } }),
        fetch(`${server.url}/no-such-page`, { headers: { Accept: 'application/json' } }),
        fetch(`${server.url}/s/unknown-link-code`, { headers: { Accept: 'text/html' } }),
        fetch(`${server.url}/s/bad%ZZ`, { headers: { Accept: 'application/json' } }),
      ]);
      expect(answers.map((answer) => [answer.status, answer.headers.get('cache-control')])).to.deep.equal([
        [404, 'no-store'], [404, 'no-store'], [404, 'no-store'], [400, 'no-store'],
      ]);
    });
  });
}

for (const kind of databaseKinds) {
  describe(`ALLOWED_HOSTS on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => { server = started; }, { ALLOWED_HOSTS: 'survey.example.org,survey.example.org:8443' });

    it('refuses a request naming another host with 400 host_not_allowed, before any page or link is built', async () => {
      const forged = await rawRequest(server.url, { method: 'GET', path: '/login', headers: { Host: 'evil.example', Accept: 'application/json' } });
      const named = await rawRequest(server.url, { method: 'GET', path: '/login', headers: { Host: 'Survey.Example.org', Accept: 'text/html' } });
      const withPort = await rawRequest(server.url, { method: 'GET', path: '/healthz', headers: { Host: 'survey.example.org:8443' } });
      expect(forged.status).to.equal(400);
      expect(JSON.parse(forged.text)).to.have.nested.property('error.code', 'host_not_allowed');
      expect([named.status, withPort.status]).to.deep.equal([200, 200]);
    });
  });
}
