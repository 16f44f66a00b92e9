import { expect } from 'chai';
import { describeHeadcountShare } from '../../../server/waves/headcount.js';

describe('describeHeadcountShare', () => {
  const shown = (n: number) => ({ isShown: true as const, n });

  it('rounds the total down to a multiple of 5 before dividing by the headcount', () => {
    expect(describeHeadcountShare(shown(23), [30, 20])).to.equal('at least 40% of 50 staff (20 or more responses)');
    expect(describeHeadcountShare(shown(24), [30, 20])).to.equal(describeHeadcountShare(shown(20), [30, 20]));
  });

  it('says nothing when the disclosure module hides the total, whatever the headcount', () => {
    expect(describeHeadcountShare({ isShown: false, reason: 'primary' }, [10])).to.equal(undefined);
  });

  it('says nothing when a unit has no headcount or fewer than 5 answered', () => {
    expect(describeHeadcountShare(shown(30), [10, null])).to.equal(undefined);
    expect(describeHeadcountShare(shown(4), [10])).to.equal(undefined);
  });

  it('never reads above 100% when more answered than the headcount says', () => {
    expect(describeHeadcountShare(shown(40), [12])).to.equal('at least 100% of 12 staff (40 or more responses)');
  });
});
