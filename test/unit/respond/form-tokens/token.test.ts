import { expect } from 'chai';
import { composeFormToken, formTokenLifetimeSeconds, formTokenPattern, isFormTokenExpired } from '../../../../server/respond/form-tokens/token.js';

describe('form token format', () => {
  const random = 'A'.repeat(43);
  const issuedAt = Date.UTC(2026, 10, 30, 12, 0, 0);

  it('carries its expiry a day after issue, in the pattern the submission schema accepts', () => {
    const token = composeFormToken(issuedAt, random);
    expect(token).to.match(formTokenPattern);
    expect(Number(token.split('.')[0])).to.equal(issuedAt / 1000 + formTokenLifetimeSeconds);
  });

  it('is valid until its expiry and expired from then on', () => {
    const token = composeFormToken(issuedAt, random);
    expect(isFormTokenExpired(token, issuedAt + formTokenLifetimeSeconds * 1000 - 1)).to.equal(false);
    expect(isFormTokenExpired(token, issuedAt + formTokenLifetimeSeconds * 1000)).to.equal(true);
  });
});
