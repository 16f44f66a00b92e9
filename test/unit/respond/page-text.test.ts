import { expect } from 'chai';
import { supportedLanguages } from '../../../server/instruments/definition.js';
import { pageTextsFor } from '../../../server/respond/page-text.js';

describe('pageTextsFor', () => {
  it('has its own anonymity promise and crisis text for every language an instrument may declare', () => {
    const texts = pageTextsFor(supportedLanguages, { minGroupSize: 5, commentThreshold: 12 });
    const promises = supportedLanguages.map((language) => texts[language]?.promiseTitle);
    expect(new Set(promises).size).to.equal(supportedLanguages.length);
    for (const language of supportedLanguages) {
      expect(texts[language]?.crisisText, language).to.include('988');
      expect(texts[language]?.promiseGroups, language).to.include('5');
      expect(texts[language]?.promiseComments, language).to.include('12');
    }
  });

  it('when the comment threshold is below k, promises k for comments, as the dashboard applies it', () => {
    expect(pageTextsFor(['en'], { minGroupSize: 8, commentThreshold: 5 }).en?.promiseComments).to.include('groups of 8 or more');
  });
});
