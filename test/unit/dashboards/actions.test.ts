import { expect } from 'chai';
import { suggestActions } from '../../../server/dashboards/actions.js';

describe('suggestActions', () => {
  it('when constructs fall below 60% favorable, lists each with its actions, lowest first', () => {
    const suggested = suggestActions([
      { key: 'role_clarity', construct: 'role_clarity', percentFavorable: 45 },
      { key: 'perceived_value', construct: 'perceived_value_support', percentFavorable: 80 },
      { key: 'microaggressions', construct: 'microaggressions_stigma', percentFavorable: 30 },
    ]);
    expect(suggested.map((entry) => entry.key)).to.deep.equal(['microaggressions', 'role_clarity']);
    expect(suggested[1]?.reason).to.equal('45% favorable, below 60%');
    expect(suggested[1]?.actions[0]).to.match(/job description/);
  });

  it('when every construct is favorable, still names the lowest one as the place to start', () => {
    const suggested = suggestActions([
      { key: 'role_clarity', construct: 'role_clarity', percentFavorable: 75 },
      { key: 'recovery_culture', construct: 'recovery_culture', percentFavorable: 70 },
    ]);
    expect(suggested.map((entry) => [entry.key, entry.reason])).to.deep.equal([['recovery_culture', '70% favorable, the lowest of this wave']]);
  });

  it('when no construct may be shown, suggests nothing', () => {
    expect(suggestActions([])).to.deep.equal([]);
  });
});
