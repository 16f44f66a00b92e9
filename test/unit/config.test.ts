import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('when NODE_ENV=production names neither PUBLIC_URL nor ALLOWED_HOSTS, refuses to start, naming PUBLIC_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(/PUBLIC_URL: required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://survey.example.org/' }).publicUrl).to.equal('https://survey.example.org');
    expect(loadConfig({ NODE_ENV: 'production', ALLOWED_HOSTS: 'Survey.Example.org,survey.example.org:8443' }).allowedHosts).to.deep.equal(['survey.example.org', 'survey.example.org:8443']);
  });

  it('reads SHUTDOWN_TIMEOUT_S in seconds, 10 by default, and refuses a negative one', () => {
    expect(loadConfig({}).shutdownTimeoutMs).to.equal(10_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_S: '2.5' }).shutdownTimeoutMs).to.equal(2500);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_S: '-1' })).to.throw(/SHUTDOWN_TIMEOUT_S/);
  });

  it('reads SMTP_URL (smtp:// or smtps:// only), MAIL_FROM with its default, and puts the outbox under DATA_DIR', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://user:secret@mail.example.org:465', DATA_DIR: '/var/lib/peerclimate' });
    expect(config).to.include({ smtpUrl: 'smtps://user:secret@mail.example.org:465', mailFrom: 'PeerClimate <no-reply@localhost>', outboxDir: '/var/lib/peerclimate/outbox' });
    expect(loadConfig({ MAIL_FROM: 'Surveys <surveys@example.org>' }).mailFrom).to.equal('Surveys <surveys@example.org>');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).to.throw(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ address/);
    expect(() => loadConfig({ MAIL_FROM: 'PeerClimate' })).to.throw(/MAIL_FROM/);
  });
});
