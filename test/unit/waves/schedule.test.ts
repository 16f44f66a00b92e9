import { expect } from 'chai';
import { checkSchedule, displayStatus, isAcceptingResponses } from '../../../server/waves/schedule.js';

describe('displayStatus', () => {
  const open = { status: 'open' as const, opensOn: '2030-03-01', closesOn: '2030-03-31' };

  it('when an open wave is within its dates, shows open; before them, scheduled', () => {
    expect(displayStatus(open, '2030-03-15')).to.equal('open');
    expect(displayStatus(open, '2030-02-28')).to.equal('scheduled');
  });

  it('when an open wave is past its close date, shows closed before the sweep stores it', () => {
    expect(displayStatus(open, '2030-04-01')).to.equal('closed');
    expect(isAcceptingResponses(open, '2030-04-01')).to.equal(false);
    expect(displayStatus(open, '2030-03-31')).to.equal('open');
  });

  it('when a wave is draft or closed, shows that status whatever the day', () => {
    expect(displayStatus({ ...open, status: 'draft' }, '2030-03-15')).to.equal('draft');
    expect(displayStatus({ ...open, status: 'closed' }, '2030-03-15')).to.equal('closed');
  });
});

describe('checkSchedule', () => {
  it('when the close date is on or after the open date and not past, accepts it', () => {
    expect(checkSchedule('2030-03-01', '2030-03-01', '2030-02-01')).to.deep.equal([]);
  });

  it('when the close date is before the open date, names closesOn', () => {
    expect(checkSchedule('2030-03-10', '2030-03-09', '2030-02-01')).to.deep.equal([
      { path: 'closesOn', message: 'must be on or after the open date (2030-03-10)' },
    ]);
  });

  it('when the close date has passed, names closesOn and today', () => {
    expect(checkSchedule('2030-01-01', '2030-01-31', '2030-02-01')).to.deep.equal([
      { path: 'closesOn', message: 'must be today (2030-02-01) or later' },
    ]);
  });
});
