import { expect } from 'chai';
import { describeOpenProgress } from '../../../server/disclosure/progress.js';
import { translator } from '../../../server/i18n/translate.js';
import { describeHeadcountShare } from '../../../server/waves/headcount.js';

const t = translator('en');

describe('describeHeadcountShare', () => {
  const stepped = (n: number) => describeOpenProgress([{ unit: 'u', n }], 5).responsesAtLeast;

  it('uses the total rounded down to a multiple of 5 before dividing by the headcount', () => {
    expect(describeHeadcountShare(stepped(23), [30, 20], t)).to.equal('at least 40% of 50 staff (20 or more responses)');
    expect(describeHeadcountShare(stepped(24), [30, 20], t)).to.equal(describeHeadcountShare(stepped(20), [30, 20], t));
  });

  it('says nothing when a unit has no headcount or fewer than 5 answered', () => {
    expect(describeHeadcountShare(stepped(30), [10, null], t)).to.equal(undefined);
    expect(describeHeadcountShare(stepped(4), [10], t)).to.equal(undefined);
  });

  it('never reads above 100% when more answered than the headcount says', () => {
    expect(describeHeadcountShare(stepped(40), [12], t)).to.equal('at least 100% of 12 staff (40 or more responses)');
  });
});
