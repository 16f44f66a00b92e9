import { expect } from 'chai';
import { translator } from '../../../server/i18n/translate.js';
import { describeParticipation, type UnitCount } from '../../../server/waves/response-rate.js';

const t = translator('en');

function unit(name: string, responses: number, invited = 0, opened = 0): UnitCount {
  return { unitId: name.toLowerCase(), unitName: name, invited, opened, responses };
}

describe('describeParticipation', () => {
  it('while open, shows how many personal invitations were opened only for a unit where k of them were', () => {
    const open = describeParticipation([unit('North', 3, 20, 7), unit('South', 2, 10, 4)], 5, 'open', t);
    expect(open.units.map((entry) => [entry.unitName, entry.opened])).to.deep.equal([['North', '7'], ['South', 'fewer than 5']]);
    const closed = describeParticipation([unit('North', 3, 20, 7)], 5, 'closed', t);
    expect(closed.units.map((entry) => entry.opened)).to.deep.equal(['deleted at close']);
  });

  it('while open, gives the total rounded down to a step of 5 and per unit only whether k is reached', () => {
    const open = describeParticipation([unit('North', 9, 20), unit('South', 2, 10), unit('East', 12)], 5, 'open', t);
    expect(open.total).to.equal('20 or more (counted in steps of 5)');
    expect(open.units.map((entry) => [entry.unitName, entry.text, entry.invited])).to.deep.equal([['North', '5 or more', 20], ['South', 'fewer than 5 so far', 10], ['East', '5 or more', 0]]);
  });

  it('when one more response arrives below the next step and k, reads exactly as before', () => {
    const before = describeParticipation([unit('North', 9), unit('South', 2), unit('East', 12)], 5, 'open', t);
    expect(describeParticipation([unit('North', 9), unit('South', 3), unit('East', 12)], 5, 'open', t)).to.deep.equal(before);
  });

  it('sends a closed wave\'s readers to the dashboard, and a draft reads "no responses yet", never a count', () => {
    expect(JSON.stringify(describeParticipation([unit('North', 9)], 5, 'closed', t))).to.not.match(/\d+ or more|fewer/);
    expect(describeParticipation([unit('North', 0)], 5, 'draft', t).units[0]?.text).to.equal('No responses yet');
  });
});
