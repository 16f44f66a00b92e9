import { expect } from 'chai';
import { suppressSmallGroups, type WaveDisclosure } from '../../../server/disclosure/suppress.js';
import { describeCell, describeResponseRates, type UnitCount } from '../../../server/waves/response-rate.js';

function unit(name: string, invited = 0): UnitCount {
  return { unitId: name, unitName: name, invited };
}

function decide(k: number, responses: Record<string, number>): WaveDisclosure {
  const decided = suppressSmallGroups({ k, roles: ['peer_staff'], units: Object.keys(responses), rows: Object.entries(responses).map(([name, n]) => ({ unit: name, role: 'peer_staff', n })) });
  if (!decided.ok) throw new Error(JSON.stringify(decided.problems));
  return decided.disclosure;
}

describe('describeResponseRates', () => {
  it('when invitations were issued, shows responses ÷ invited for units the disclosure module shows', () => {
    const rates = describeResponseRates([unit('North', 10), unit('South', 20)], decide(5, { North: 6, South: 5 }), 'invitation');
    expect(rates.units.map((entry) => describeCell(entry.cell))).to.deep.equal(['6 of 10 invited (60%)', '5 of 20 invited (25%)']);
    expect(describeCell(rates.total)).to.equal('11 of 30 invited (37%)');
  });

  it('when the wave uses open links, shows the count alone', () => {
    const rates = describeResponseRates([unit('North')], decide(5, { North: 7 }), 'open_link');
    expect(describeCell(rates.units[0]?.cell ?? rates.total)).to.equal('7 responses');
  });

  it('when a unit has fewer than k responses (zero included), hides its count and rate, reading "Suppressed"', () => {
    const rates = describeResponseRates([unit('North', 4), unit('South', 3)], decide(5, { North: 4, South: 0 }), 'invitation');
    expect(rates.units.map((entry) => entry.cell)).to.deep.equal([{ kind: 'hidden' }, { kind: 'hidden' }]);
    expect(describeCell(rates.units[0]?.cell ?? rates.total)).to.equal('Suppressed');
    expect(rates.total).to.deep.equal({ kind: 'hidden' });
  });

  it('when one small unit is hidden, never leaves it recoverable from the total and the other units', () => {
    const rates = describeResponseRates([unit('North'), unit('South'), unit('East')], decide(5, { North: 9, South: 2, East: 12 }), 'open_link');
    const shown = rates.units.filter((entry) => entry.cell.kind !== 'hidden');
    expect(rates.units.find((entry) => entry.unitId === 'South')?.cell).to.deep.equal({ kind: 'hidden' });
    // Either the total is hidden, or at least two units are: subtraction never isolates South.
    expect(rates.total.kind === 'hidden' || shown.length <= 1).to.equal(true);
  });
});
