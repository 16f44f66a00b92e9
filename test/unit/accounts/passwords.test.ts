import { expect } from 'chai';
import { checkNewPassword } from '../../../server/accounts/passwords.js';

describe('checkNewPassword', () => {
  it('when the password has 12 or more characters, accepts it whatever its composition', () => {
    expect(checkNewPassword('correct horse', 'a@b.org')).to.equal(undefined);
    expect(checkNewPassword('aaaaaaaaaaaa', 'a@b.org')).to.equal(undefined);
  });

  it('when the password is shorter than 12 characters, says the minimum', () => {
    expect(checkNewPassword('short pass1', 'a@b.org')).to.equal('must be at least 12 characters');
  });

  it('when the password is longer than 200 characters, says the maximum', () => {
    expect(checkNewPassword('x'.repeat(201), 'a@b.org')).to.equal('must be at most 200 characters');
  });

  it('when the password is the email address, refuses it', () => {
    expect(checkNewPassword('Manager@Clinic.org', 'manager@clinic.org')).to.equal('must not be your email address');
  });
});
