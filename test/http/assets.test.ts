import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';

const require = createRequire(import.meta.url);

/** Fetches without letting fetch undo the compression, so the bytes on the wire can be checked. */
async function fetchRaw(url: string, acceptEncoding: string): Promise<{ response: Response; body: Buffer }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ response: new Response(null, { status: incoming.statusCode ?? 0, headers }), body: Buffer.concat(chunks) });
      });
    }).on('error', reject).end();
  });
}

for (const kind of databaseKinds) {
  describe(`GET /assets/:file on ${kind}`, function () {
    let server: TestServer;
    let scripts: string[];
    useTestServer(kind, async (started) => {
      server = started;
      const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
      const html = await (await fetch(`${server.url}/s/${wave.links[0]?.code ?? ''}`, { headers: { Accept: 'text/html' } })).text();
      scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
    });

    it('the survey page loads SurveyJS, its Spanish strings, our script and styles from fingerprinted addresses only', () => {
      const names = scripts.map((address) => path.basename(address).replace(/\.[0-9a-f]{16}\./, '.'));
      expect(names).to.have.members(['survey-core.css', 'app.css', 'survey-core.js', 'survey-spanish.js', 'survey-js-ui.js', 'answer-store.js', 'respond.js']);
    });

    it('sends brotli or gzip prepared ahead, or the plain file, each exactly the source, cached for a year', async () => {
      const address = scripts.find((each) => each.includes('/survey-core.') && each.endsWith('.js')) ?? '';
      const source = await fs.readFile(path.join(path.dirname(require.resolve('survey-core')), 'survey.core.min.js'));
      const brotli = await fetchRaw(`${server.url}${address}`, 'gzip, deflate, br');
      expect(brotli.response.headers.get('content-encoding')).to.equal('br');
      expect(brotli.body.length).to.be.lessThan(source.length / 4);
      expect(zlib.brotliDecompressSync(brotli.body).equals(source)).to.equal(true);
      const gzip = await fetchRaw(`${server.url}${address}`, 'gzip');
      expect(gzip.response.headers.get('content-encoding')).to.equal('gzip');
      expect(zlib.gunzipSync(gzip.body).equals(source)).to.equal(true);
      const plain = await fetchRaw(`${server.url}${address}`, 'identity');
      expect(plain.response.headers.get('content-encoding')).to.equal(null);
      expect(plain.body.equals(source)).to.equal(true);
      for (const { response } of [brotli, gzip, plain]) {
        expect(response.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
        expect(response.headers.get('vary')).to.equal('Accept-Encoding');
        expect(response.headers.get('content-type')).to.match(/^(text|application)\/javascript/);
      }
    });

    it('when the fingerprint is not the current one, answers 404', async () => {
      const response = await fetch(`${server.url}/assets/survey-core.0000000000000000.js`);
      expect(response.status).to.equal(404);
    });
  });
}
