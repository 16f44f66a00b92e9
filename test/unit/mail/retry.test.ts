import { expect } from 'chai';
import { decideRetry, describeSendError, isPermanentRefusal, maxAttempts } from '../../../server/mail/retry.js';

const smtpError = (responseCode: number, command: string, message = `${responseCode} refused`): Error => Object.assign(new Error(message), { responseCode, command });

describe('decideRetry', () => {
  it('when attempts keep failing temporarily, waits 1, 2, 4, 8, 16, 32 and 60 minutes, then fails the 8th attempt', () => {
    const decisions = Array.from({ length: maxAttempts }, (_, index) => decideRetry(index + 1, smtpError(451, 'RCPT TO')));
    expect(decisions.map((decision) => (decision.kind === 'retry' ? decision.delaySeconds / 60 : 'fail'))).to.deep.equal([1, 2, 4, 8, 16, 32, 60, 'fail']);
  });

  it('when the server refuses the recipient or the message for good (5xx), fails at the first attempt', () => {
    expect(decideRetry(1, smtpError(550, 'RCPT TO'))).to.deep.equal({ kind: 'fail' });
    expect(decideRetry(1, smtpError(554, 'DATA'))).to.deep.equal({ kind: 'fail' });
  });

  it('when a 5xx answers sign-in or the sender (our configuration), or the connection fails, retries', () => {
    expect(decideRetry(1, smtpError(535, 'AUTH PLAIN')).kind).to.equal('retry');
    expect(decideRetry(1, smtpError(553, 'MAIL FROM')).kind).to.equal('retry');
    expect(decideRetry(1, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })).kind).to.equal('retry');
    expect(isPermanentRefusal('550')).to.equal(false);
  });
});

describe('describeSendError', () => {
  it('when an SMTP reply quotes an address, in any form, shows [address] instead', () => {
    const error = smtpError(550, 'RCPT TO', "Can't send mail - all recipients were rejected: 550 5.1.1 <Ana.Lopez@Example.org>: user unknown (ana.lopez@example.org)");
    const text = describeSendError(error, ['ana.lopez@example.org']);
    expect(text).to.equal("Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: user unknown ([address])");
  });

  it('when the message is long, keeps 300 characters; when the error is not an Error, says so', () => {
    expect(describeSendError(new Error('x'.repeat(1000)))).to.have.length(300);
    expect(describeSendError('boom')).to.equal('the mail transport failed without a message');
  });
});
