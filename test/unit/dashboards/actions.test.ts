import { expect } from 'chai';
import { suggestActions, type ConstructResult } from '../../../server/dashboards/actions.js';

const area = (key: string, construct: string, percentFavorable: number | null, extra: Partial<ConstructResult> = {}): ConstructResult => ({
  key, construct, title: key, percentFavorable, gap: null, change: null, ...extra,
});

describe('suggestActions', () => {
  it('when areas fall below 60% favorable, ranks at most three, lowest first, each with its figures and two first actions', () => {
    const suggested = suggestActions([
      area('role_clarity', 'role_clarity', 45),
      area('perceived_value', 'perceived_value_support', 80),
      area('microaggressions', 'microaggressions_stigma', 30, { gap: -0.6 }),
      area('supervision', 'supervision_support', 50, { change: -8 }),
      area('conditions', 'job_conditions_wellbeing', 55),
    ]);
    expect(suggested.map((entry) => [entry.rank, entry.key])).to.deep.equal([[1, 'microaggressions'], [2, 'role_clarity'], [3, 'supervision']]);
    expect(suggested[0]?.reason).to.equal('30% favorable, 30 points below 60%; the lowest of the 5 areas shown; peer staff rate it 0.60 lower than supervisors and clinical staff');
    expect(suggested[1]?.reason).to.equal('45% favorable, 15 points below 60%');
    expect(suggested[2]?.reason).to.equal('50% favorable, 10 points below 60%; down 8 points since the previous wave');
    expect(suggested.every((entry) => entry.actions.length <= 2)).to.equal(true);
    expect(suggested[1]?.actions[0]).to.match(/job description/);
  });

  it('when every area is favorable, still names the lowest one as the place to start', () => {
    const suggested = suggestActions([area('role_clarity', 'role_clarity', 75), area('recovery_culture', 'recovery_culture', 70)]);
    expect(suggested.map((entry) => [entry.key, entry.reason])).to.deep.equal([['recovery_culture', '70% favorable; the lowest of the 2 areas shown']]);
  });

  it('when equal % favorable, ranks the larger gap against clinical staff first', () => {
    const suggested = suggestActions([area('a', 'role_clarity', 50, { gap: -0.1 }), area('b', 'recovery_culture', 50, { gap: -0.9 })]);
    expect(suggested.map((entry) => entry.key)).to.deep.equal(['b', 'a']);
  });

  it('when no area\'s % favorable may be shown, suggests nothing', () => {
    expect(suggestActions([])).to.deep.equal([]);
    expect(suggestActions([area('role_clarity', 'role_clarity', null)])).to.deep.equal([]);
  });
});
