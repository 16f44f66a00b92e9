import { expect } from 'chai';
import type { Request } from 'express';
import { loadConfig } from '../../../server/config.js';
import { mailedBaseUrl } from '../../../server/http/links.js';

/** A request that names a host, as a forged Host header would. */
const requestFor = (host: string): Request => ({ protocol: 'http', get: (name: string) => (name.toLowerCase() === 'host' ? host : undefined) }) as unknown as Request;

describe('mailedBaseUrl', () => {
  it('when PUBLIC_URL is set, uses it whatever host the request names', () => {
    expect(mailedBaseUrl(requestFor('evil.example'), loadConfig({ PUBLIC_URL: 'https://survey.example.org/' }))).to.equal('https://survey.example.org');
  });

  it('when only ALLOWED_HOSTS is set, uses the host it vouched for (other hosts were refused before)', () => {
    expect(mailedBaseUrl(requestFor('survey.example.org'), loadConfig({ ALLOWED_HOSTS: 'survey.example.org' }))).to.equal('http://survey.example.org');
  });

  it('when neither is set, never uses the request host: a link to this machine\'s port instead', () => {
    expect(mailedBaseUrl(requestFor('evil.example'), loadConfig({ PORT: '3100' }))).to.equal('http://localhost:3100');
  });
});
