import { expect } from 'chai';
import { supportedLanguages } from '../../../server/instruments/definition.js';
import { pageTextsFor } from '../../../server/respond/page-text.js';

describe('pageTextsFor', () => {
  it('has its own anonymity promise and crisis text for every language an instrument may declare', () => {
    const texts = pageTextsFor(supportedLanguages, { minGroupSize: 5, commentThreshold: 12, allowCommentExport: false });
    const promises = supportedLanguages.map((language) => texts[language]?.promiseTitle);
    expect(new Set(promises).size).to.equal(supportedLanguages.length);
    for (const language of supportedLanguages) {
      expect(texts[language]?.crisisText, language).to.include('988');
      expect(texts[language]?.promiseGroups, language).to.include('5');
      expect(texts[language]?.promiseComments, language).to.include('12');
    }
  });

  it('when the comment threshold is below k, promises k for comments, as the dashboard applies it', () => {
    expect(pageTextsFor(['en'], { minGroupSize: 8, commentThreshold: 5, allowCommentExport: false }).en?.promiseComments).to.include('groups of 8 or more');
  });

  it('tells respondents that researchers may receive de-identified answers, and their comments only where the wave allows it', () => {
    for (const language of supportedLanguages) {
      const without = pageTextsFor([language], { minGroupSize: 5, commentThreshold: 10, allowCommentExport: false })[language];
      const withComments = pageTextsFor([language], { minGroupSize: 5, commentThreshold: 10, allowCommentExport: true })[language];
      expect(without?.promiseResearch, language).to.not.include(without?.promiseResearchComments ?? '-');
      expect(withComments?.promiseResearch, language).to.equal(`${without?.promiseResearch ?? ''} ${without?.promiseResearchComments ?? ''}`);
    }
  });
});
