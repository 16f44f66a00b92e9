import { expect } from 'chai';
import { literalRouteWords, redact, requestSecrets } from '../../../server/http/redact.js';

describe('requestSecrets and redact', () => {
  const routeWords = literalRouteWords(['/s/:code', '/orgs/:orgId/waves/:waveId']);

  it('when a stack quotes a malformed path parameter, blanks it raw and decoded but keeps the route words', () => {
    const secrets = requestSecrets({ url: '/orgs/abc%20def%ZZ/waves/xyz', cookieHeader: undefined, body: undefined }, routeWords);
    const stack = "URIError: Failed to decode param 'abc%20def%ZZ'\n    at decodeParam (/app/node_modules/router/lib/layer.js:335:19)\n    orgs waves xyz";
    const text = redact(stack, secrets);
    expect(text).not.to.include('abc%20def%ZZ');
    expect(text).not.to.include('xyz');
    expect(text).to.include('orgs waves');
    expect(text).to.include('router/lib/layer.js');
  });

  it('blanks query values, cookie values and strings anywhere in a nested body', () => {
    const secrets = requestSecrets({
      url: '/s/thanks?next=%2Fsecret-place&token=tok123', cookieHeader: 'pc_session=session-token-value',
      body: { a: [{ deep: 'nested-secret' }], 'key-secret': 1 },
    });
    const text = redact('/secret-place tok123 session-token-value nested-secret key-secret', secrets);
    expect(text).to.equal(Array(5).fill('[redacted]').join(' '));
  });

  it('leaves values shorter than three characters, which identify no one', () => {
    expect(requestSecrets({ url: '/s/ab', cookieHeader: 'c=d', body: { x: 'no' } })).to.deep.equal([]);
  });
});
