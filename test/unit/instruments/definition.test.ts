import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { describeProblems, type Instrument, parseInstrument, parseInstrumentText } from '../../../server/instruments/definition.js';

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

type SurveyJson = { pages: Array<{ elements: Array<Record<string, unknown>> }> };

function peerStaffJson(): Record<string, unknown> & { survey: SurveyJson; subscales: Array<Record<string, unknown>> } {
  return readSurvey('peer-staff-climate.v2.json') as Record<string, unknown> & { survey: SurveyJson; subscales: Array<Record<string, unknown>> };
}

function elementNamed(json: { survey: SurveyJson }, name: string): Record<string, unknown> {
  const element = json.survey.pages.flatMap((page) => page.elements).find((candidate) => candidate.name === name);
  if (!element) throw new Error(`no element ${name}`);
  return element;
}

describe('parseInstrument: languages and metadata', () => {
  it('when a question title lacks a declared language, names the question and the language', () => {
    const json = peerStaffJson();
    elementNamed(json, 'ma_left_out').title = { default: 'Left out' };
    expect(problemsOf(json)).to.deep.equal(['survey.ma_left_out.title: has no text in es']);
  });

  it('when a choice or a rating label lacks a declared language, names it', () => {
    const json = peerStaffJson();
    const roleGroup = elementNamed(json, 'role_group') as { choices: Array<{ text: Record<string, string> }> };
    roleGroup.choices[1] = { ...roleGroup.choices[1], text: { default: 'Supervisor' } };
    elementNamed(json, 'pv_opinion_sought').maxRateDescription = 'Strongly agree';
    expect(problemsOf(json)).to.deep.equal([
      'survey.role_group.choices[1].text: has no text in es',
      'survey.pv_opinion_sought.maxRateDescription: has no text in es',
    ]);
  });

  it('when a page or panel text lacks a declared language, names it', () => {
    const json = peerStaffJson();
    const [firstPage] = json.survey.pages;
    if (!firstPage) throw new Error('no page');
    (firstPage as Record<string, unknown>).title = 'About you';
    firstPage.elements.push({ type: 'panel', name: 'extra', title: { default: 'More' }, elements: [{ type: 'comment', name: 'extra_note', title: { default: 'Note', es: 'Nota' } }] });
    expect(problemsOf(json)).to.deep.equal(['survey.pages[0].title: has no text in es', 'survey.extra.title: has no text in es']);
  });

  it('when metadata text lacks a declared language, names the field', () => {
    const json = peerStaffJson();
    json.subscales[2] = { ...json.subscales[2], title: { en: 'Role clarity' } };
    expect(problemsOf(json)).to.deep.equal(['subscales[2].title: has no text in es']);
  });

  it('when a language has no survey page text, refuses it', () => {
    const json = minimalInstrument();
    json.languages = ['en', 'fr'];
    expect(problemsOf(json)).to.deep.equal(['languages.1: Invalid option: expected one of "en"|"es"']);
  });

  it('when a question has the name of a subscale\'s score variable, names the subscale', () => {
    const json = minimalInstrument();
    (json.survey as SurveyJson).pages[0]?.elements.push({ type: 'comment', name: 'score_role_clarity' });
    expect(problemsOf(json)).to.deep.equal(['subscales[0].key: its score variable "score_role_clarity" is also a question name']);
  });

  it('when two subscales share a key, names the second', () => {
    const json = minimalInstrument();
    const [subscale] = json.subscales as unknown[];
    json.subscales = [subscale, subscale];
    expect(problemsOf(json)).to.include('subscales[1].key: "role_clarity" is used twice');
  });
});

describe('parseInstrumentText', () => {
  it('when the text is not JSON, says so as a problem of the file', () => {
    const result = parseInstrumentText('{"key": "x",');
    if (result.ok) expect.fail('accepted broken JSON');
    expect(result.problems).to.have.length(1);
    expect(result.problems[0]?.path).to.equal('(file)');
    expect(result.problems[0]?.message).to.match(/^is not valid JSON \(/);
    expect(describeProblems('upload.json', result.problems)).to.match(/^upload\.json: \(file\): is not valid JSON/);
  });
});

// The constructs of DOMAIN.md, and who answers each.
const peerConstructs = ['microaggressions_stigma', 'perceived_value_support', 'role_clarity', 'supervision_support', 'recovery_culture', 'job_conditions_wellbeing'];
const sharedConstructs = ['microaggressions_stigma', 'perceived_value_support', 'role_clarity', 'recovery_culture'];

function parsedSurvey(file: string): Instrument {
  const result = parseInstrument(readSurvey(file));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.instrument;
}

describe('the instrument library in surveys/', () => {
  for (const file of surveyFiles) {
    it(`${file}: 3 to 8 items per subscale on one 1-5 agreement scale, some reverse-worded, one or two comments, English and Spanish`, () => {
      const instrument = parsedSurvey(file);
      expect(instrument.languages).to.deep.equal(['en', 'es']);
      expect(instrument.scale).to.include({ min: 1, max: 5, favorableAtLeast: 4 });
      for (const subscale of instrument.subscales) expect(subscale.items.length, subscale.key).to.be.within(3, 8);
      expect(instrument.subscales.flatMap((subscale) => subscale.items).filter((item) => item.reverse).length).to.be.greaterThan(0);
      expect(instrument.comments.length).to.be.within(1, 2);
      expect(instrument.demographics.tenureBand).to.equal('tenure_band');
    });
  }

  it('the newest peer staff survey covers every construct of DOMAIN.md', () => {
    expect(parsedSurvey('peer-staff-climate.v2.json').subscales.map((subscale) => subscale.construct)).to.have.members(peerConstructs);
  });

  it('the newest supervisor survey has the constructs both audiences answer, with parallel items under the same names', () => {
    const peer = parsedSurvey('peer-staff-climate.v2.json');
    const supervisor = parsedSurvey('supervisor-clinical-climate.v2.json');
    expect(supervisor.subscales.map((subscale) => subscale.construct)).to.have.members(sharedConstructs);
    for (const subscale of supervisor.subscales) {
      const peerSubscale = peer.subscales.find((candidate) => candidate.key === subscale.key);
      const peerItems = new Map(peerSubscale?.items.map((item) => [item.question, item.reverse]));
      const shared = subscale.items.filter((item) => peerItems.get(item.question) === item.reverse);
      expect(shared.length, subscale.key).to.be.at.least(3);
    }
  });

  it('the tenure bands of version 2 do not overlap (version 1 had "1 to 3" and "3 to 5 years")', () => {
    for (const file of ['peer-staff-climate.v2.json', 'supervisor-clinical-climate.v2.json']) {
      const tenure = elementNamed(readSurvey(file) as { survey: SurveyJson }, 'tenure_band') as { choices: Array<{ text: { default: string } }> };
      expect(tenure.choices.map((choice) => choice.text.default)).to.deep.equal(['Less than 1 year', '1 year to less than 3 years', '3 to 5 years', 'More than 5 years']);
    }
  });
});
