import { expect } from 'chai';
import { validateAnswers } from '../../../server/instruments/answers.js';
import type { QuestionSpec } from '../../../server/instruments/definition.js';

const base = { isRequired: false, visibleIf: undefined };
const questions: QuestionSpec[] = [
  { ...base, name: 'role_group', kind: 'single_choice', isRequired: true, values: ['peer_staff', 'supervisor', 'clinical_other'] },
  { ...base, name: 'pv_valued', kind: 'rating', values: [1, 2, 3, 4, 5] },
  { ...base, name: 'supports', kind: 'multiple_choice', values: ['training', 'supervision'] },
  { ...base, name: 'has_job_description', kind: 'boolean' },
  { ...base, name: 'comment', kind: 'text', maxLength: 20 },
  { ...base, name: 'peer_only', kind: 'rating', values: [1, 2, 3, 4, 5], isRequired: true, visibleIf: "{role_group} = 'peer_staff'" },
];

function problemsOf(answers: Record<string, unknown>): string[] {
  const result = validateAnswers(questions, answers);
  return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('validateAnswers', () => {
  it('when every answer is offered, accepts them and trims text', () => {
    const result = validateAnswers(questions, {
      role_group: 'peer_staff', pv_valued: 4, supports: ['training'], has_job_description: false, comment: '  fine  ', peer_only: 2,
    });
    expect(result).to.deep.equal({
      ok: true,
      answers: { role_group: 'peer_staff', pv_valued: 4, supports: ['training'], has_job_description: false, comment: 'fine', peer_only: 2 },
    });
  });

  it('when optional questions are skipped or blank, drops them', () => {
    const result = validateAnswers(questions, { role_group: 'supervisor', pv_valued: null, comment: '   ', supports: [] });
    expect(result).to.deep.equal({ ok: true, answers: { role_group: 'supervisor' } });
  });

  it('when a required question is missing, names it', () => {
    expect(problemsOf({ pv_valued: 3 })).to.deep.equal(['role_group: is required']);
  });

  it('when a required question is shown by a condition, requires it only then', () => {
    expect(problemsOf({ role_group: 'peer_staff' })).to.deep.equal(['peer_only: is required']);
    expect(problemsOf({ role_group: 'supervisor' })).to.deep.equal([]);
  });

  it('when a hidden question has an answer, refuses it', () => {
    expect(problemsOf({ role_group: 'supervisor', peer_only: 3 })).to.deep.equal(['peer_only: was not asked, given the other answers']);
  });

  it('when a question name is unknown, names it', () => {
    expect(problemsOf({ role_group: 'supervisor', ip_address: '10.0.0.1' })).to.deep.equal(['ip_address: is not a question in this survey']);
  });

  it('when a rating is out of range or not a number, says the range', () => {
    expect(problemsOf({ role_group: 'supervisor', pv_valued: 6 })).to.deep.equal(['pv_valued: must be 1 to 5']);
    expect(problemsOf({ role_group: 'supervisor', pv_valued: '4' })).to.deep.equal(['pv_valued: must be 1 to 5']);
    expect(problemsOf({ role_group: 'supervisor', pv_valued: 2.5 })).to.deep.equal(['pv_valued: must be 1 to 5']);
  });

  it('when a choice was not offered, lists the offered ones', () => {
    expect(problemsOf({ role_group: 'director' })).to.deep.equal([
      'role_group: must be one of the offered choices (peer_staff, supervisor, clinical_other)',
    ]);
  });

  it('when a multiple choice holds an unoffered or repeated choice, refuses it', () => {
    expect(problemsOf({ role_group: 'supervisor', supports: ['training', 'pay'] })).to.deep.equal([
      'supports: must contain only offered choices (training, supervision)',
    ]);
    expect(problemsOf({ role_group: 'supervisor', supports: ['training', 'training'] })).to.deep.equal(['supports: must not repeat a choice']);
    expect(problemsOf({ role_group: 'supervisor', supports: 'training' })).to.deep.equal(['supports: must be a list of offered choices']);
  });

  it('when a boolean or text has the wrong type, says the expected type', () => {
    expect(problemsOf({ role_group: 'supervisor', has_job_description: 'yes' })).to.deep.equal(['has_job_description: must be true or false']);
    expect(problemsOf({ role_group: 'supervisor', comment: 42 })).to.deep.equal(['comment: must be text']);
  });

  it('when text is longer than allowed, gives the limit', () => {
    expect(problemsOf({ role_group: 'supervisor', comment: 'x'.repeat(21) })).to.deep.equal(['comment: must be at most 20 characters']);
  });

  it('when text holds HTML, keeps it verbatim as text', () => {
    const result = validateAnswers(questions, { role_group: 'supervisor', comment: '<b onclick=x>hi</b>' });
    expect(result).to.deep.equal({ ok: true, answers: { role_group: 'supervisor', comment: '<b onclick=x>hi</b>' } });
  });

  it('when several answers are wrong, reports each of them', () => {
    expect(problemsOf({ pv_valued: 9, extra: 1 })).to.have.members([
      'extra: is not a question in this survey', 'role_group: is required', 'pv_valued: must be 1 to 5',
    ]);
  });
});
