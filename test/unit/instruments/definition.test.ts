import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseInstrument } from '../../../server/instruments/definition.js';

const surveysDir = path.resolve('surveys');
const surveyFiles = fs.readdirSync(surveysDir).filter((file) => file.endsWith('.json'));
const readSurvey = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(surveysDir, file), 'utf8')) as Record<string, unknown>;

function minimalInstrument(): Record<string, unknown> {
  return {
    key: 'mini', version: 1, audience: 'peer_staff', languages: ['en'], title: { en: 'Mini' },
    scale: { min: 1, max: 5, favorableAtLeast: 4, labels: {} },
    demographics: { roleGroup: 'role_group' },
    subscales: [{ key: 'role_clarity', construct: 'role_clarity', title: { en: 'Role clarity' }, items: [{ question: 'rc_1' }] }],
    survey: {
      pages: [{ elements: [
        { type: 'radiogroup', name: 'role_group', choices: ['peer_staff', 'supervisor'] },
        { type: 'rating', name: 'rc_1', rateMin: 1, rateMax: 5 },
      ] }],
    },
  };
}

function problemsOf(json: unknown): string[] {
  const result = parseInstrument(json);
  return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('parseInstrument', () => {
  for (const file of surveyFiles) {
    it(`when given ${file} from surveys/, accepts it with every subscale item a question`, () => {
      const result = parseInstrument(readSurvey(file));
      if (!result.ok) expect.fail(JSON.stringify(result.problems));
      const names = new Set(result.instrument.questions.map((question) => question.name));
      for (const subscale of result.instrument.subscales) {
        for (const item of subscale.items) expect(names.has(item.question), item.question).to.equal(true);
      }
      expect(result.instrument.languages).to.include.members(['en', 'es']);
    });
  }

  it('when the metadata names a missing question, names the field and the question', () => {
    const json = minimalInstrument();
    json.subscales = [{ key: 'role_clarity', construct: 'role_clarity', title: { en: 'x' }, items: [{ question: 'rc_missing' }] }];
    expect(problemsOf(json)).to.deep.equal(['subscales[0].items[0].question: names "rc_missing", which is not a question in the survey']);
  });

  it('when a question type is not supported, names the question and type', () => {
    const json = minimalInstrument();
    (json.survey as { pages: Array<{ elements: unknown[] }> }).pages[0]?.elements.push({ type: 'matrix', name: 'grid', columns: ['a'], rows: ['b'] });
    expect(problemsOf(json)).to.deep.equal(['survey.grid: question type "matrix" is not supported']);
  });

  it('when a scored rating does not offer the whole scale, says which values it must offer', () => {
    const json = minimalInstrument();
    (json.survey as { pages: Array<{ elements: Array<Record<string, unknown>> }> }).pages[0]?.elements.splice(1, 1, { type: 'rating', name: 'rc_1', rateMin: 1, rateMax: 3 });
    expect(problemsOf(json)).to.deep.equal(['subscales[0].items[0].question: "rc_1" must offer exactly 1 to 5']);
  });

  it('when a required field is missing, names it', () => {
    const json = minimalInstrument();
    delete json.audience;
    expect(problemsOf(json)).to.have.length(1);
    expect(problemsOf(json)[0]).to.match(/^audience: /);
  });

  it('when the survey JSON names an unknown question type, reports it', () => {
    const json = minimalInstrument();
    (json.survey as { pages: Array<{ elements: unknown[] }> }).pages[0]?.elements.push({ type: 'no-such-type', name: 'x' });
    expect(problemsOf(json)).to.deep.equal(['survey.x: question type "no-such-type" is not known to SurveyJS']);
  });
});
