import type { Instrument } from '../instruments/definition.js';
import type { SurveyLink } from '../waves/service.js';
import { type PageText, pageTextsFor } from './page-text.js';

export type SurveyPageView = {
  title: string;
  context: string;
  languages: Array<{ code: string; label: string }>;
  text: PageText;
  hasComments: boolean;
  surveyConfig: string;
};

const languageNames: Record<string, string> = { en: 'English', es: 'Español' };

/** The survey JSON travels in a data attribute, so the page needs no inline script. */
export function presentSurveyPage(link: SurveyLink, instrument: Instrument): SurveyPageView {
  const texts = pageTextsFor(instrument.languages, link);
  const firstLanguage = instrument.languages[0] ?? 'en';
  const text = texts[firstLanguage];
  if (!text) throw new Error(`no page text for ${firstLanguage}`);
  return {
    title: instrument.title[firstLanguage] ?? instrument.key,
    context: `${link.organizationName} · ${link.unitName} · ${link.waveName}`,
    languages: instrument.languages.map((code) => ({ code, label: languageNames[code] ?? code })),
    text,
    hasComments: instrument.comments.length > 0,
    surveyConfig: JSON.stringify({ survey: instrument.survey, titles: instrument.title, texts }),
  };
}
