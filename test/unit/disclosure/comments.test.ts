import { expect } from 'chai';
import { canShowComments } from '../../../server/disclosure/comments.js';

describe('canShowComments', () => {
  it('when a shown group reaches the default threshold of 10, allows its comments, and not at 9', () => {
    expect(canShowComments({ isShown: true, n: 10 })).to.equal(true);
    expect(canShowComments({ isShown: true, n: 9 })).to.equal(false);
  });

  it('when the wave sets its own threshold, uses it', () => {
    expect(canShowComments({ isShown: true, n: 11 }, 12)).to.equal(false);
    expect(canShowComments({ isShown: true, n: 12 }, 12)).to.equal(true);
    expect(canShowComments({ isShown: true, n: 6 }, 5)).to.equal(true);
  });

  it('when the group is suppressed, never allows comments, however low the threshold', () => {
    expect(canShowComments({ isShown: false, reason: 'secondary' }, 5)).to.equal(false);
    expect(canShowComments({ isShown: false, reason: 'primary' }, 0)).to.equal(false);
  });
});
