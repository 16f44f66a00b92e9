import { expect } from 'chai';
import { describeFirstPage } from '../../../server/respond/first-page.js';

const survey = {
  pages: [{
    name: 'about_you',
    title: { default: 'About you', es: 'Sobre usted' },
    elements: [
      { type: 'radiogroup', name: 'role_group', isRequired: true, title: { default: 'Your role?', es: '¿Su puesto?' },
        choices: [{ value: 'peer_staff', text: { default: 'Peer staff', es: 'Personal de pares' } }, 'other'] },
      { type: 'rating', name: 'q1', title: 'Rate it', rateMin: 1, rateMax: 3, minRateDescription: { default: 'Low' }, maxRateDescription: { default: 'High' } },
      { type: 'comment', name: 'c1', title: { default: 'Anything else?' } },
    ],
  }],
};

describe('describeFirstPage', () => {
  it('when every question is a choice, rating or comment, draws them in the asked language, ratings as numbers', () => {
    const page = describeFirstPage(survey, 'es');
    expect(page?.title).to.equal('Sobre usted');
    expect(page?.fields.map((field) => [field.name, field.kind, field.isNumber, field.isRequired])).to.deep.equal([
      ['role_group', 'choice', false, true], ['q1', 'choice', true, false], ['c1', 'text', false, false],
    ]);
    expect(page?.fields[0]?.title).to.equal('¿Su puesto?');
    expect(page?.fields[0]?.options).to.deep.equal([{ value: 'peer_staff', label: 'Personal de pares' }, { value: 'other', label: 'other' }]);
    expect(page?.fields[1]?.options.map((option) => option.value)).to.deep.equal(['1', '2', '3']);
    expect(page?.fields[1]?.ends).to.equal('1 = Low, 3 = High');
  });

  it('when English is asked, uses SurveyJS\'s default text', () => {
    expect(describeFirstPage(survey, 'en')?.fields[0]?.title).to.equal('Your role?');
  });

  it('when the first page holds a type it does not draw, leaves the page to SurveyJS', () => {
    const withMatrix = { pages: [{ elements: [...survey.pages[0]?.elements ?? [], { type: 'matrix', name: 'm1' }] }] };
    expect(describeFirstPage(withMatrix, 'en')).to.equal(undefined);
    expect(describeFirstPage({}, 'en')).to.equal(undefined);
  });
});
