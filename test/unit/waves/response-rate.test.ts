import { expect } from 'chai';
import { describeCell, describeResponseRates, type UnitCount } from '../../../server/waves/response-rate.js';

function unit(name: string, responses: number, invited = 0): UnitCount {
  return { unitId: name, unitName: name, responses, invited };
}

describe('describeResponseRates', () => {
  it('when invitations were issued, shows responses ÷ invited for units with at least k responses', () => {
    const rates = describeResponseRates([unit('North', 6, 10), unit('South', 5, 20)], 5, 'invitation');
    expect(rates.units.map((entry) => describeCell(entry.cell))).to.deep.equal(['6 of 10 invited (60%)', '5 of 20 invited (25%)']);
    expect(describeCell(rates.total)).to.equal('11 of 30 invited (37%)');
  });

  it('when the wave uses open links, shows the count alone', () => {
    const rates = describeResponseRates([unit('North', 7)], 5, 'open_link');
    expect(describeCell(rates.units[0]?.cell ?? rates.total)).to.equal('7 responses');
  });

  it('when a unit has fewer than k responses (zero included), hides its count and rate', () => {
    const rates = describeResponseRates([unit('North', 4, 4), unit('South', 0, 3)], 5, 'invitation');
    expect(rates.units.map((entry) => entry.cell)).to.deep.equal([{ kind: 'hidden', minGroupSize: 5 }, { kind: 'hidden', minGroupSize: 5 }]);
    expect(describeCell(rates.units[0]?.cell ?? rates.total)).to.equal('fewer than 5');
    expect(rates.total).to.deep.equal({ kind: 'hidden', minGroupSize: 5 });
  });

  it('when one small unit is hidden, withholds the total so subtraction cannot reveal it', () => {
    const rates = describeResponseRates([unit('North', 9), unit('South', 2)], 5, 'open_link');
    expect(rates.units[0]?.cell).to.deep.equal({ kind: 'count', responses: 9 });
    expect(rates.total).to.deep.equal({ kind: 'withheld' });
  });

  it('when the hidden units together hold at least k responses, shows the total', () => {
    const rates = describeResponseRates([unit('North', 9), unit('South', 3), unit('East', 2)], 5, 'open_link');
    expect(rates.total).to.deep.equal({ kind: 'count', responses: 14 });
  });

  it('when k is 3, uses 3 as the threshold', () => {
    const rates = describeResponseRates([unit('North', 3, 3)], 3, 'invitation');
    expect(rates.units[0]?.cell).to.deep.equal({ kind: 'rate', responses: 3, invited: 3, percent: 100 });
  });
});
