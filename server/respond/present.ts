import type { ErrorCode } from '../http/errors.js';
import { describeFirstPage, type FirstPage } from './first-page.js';
import { isRespondentProblem, problemText, respondentLanguages, thanksText, type ThanksText } from './messages.js';
import { type PageText, pageTextIn, pageTextsFor } from './page-text.js';
import type { SurveyPage } from './service.js';

export type SurveyPageView = {
  title: string;
  context: string;
  languages: Array<{ code: string; label: string }>;
  text: PageText;
  hasComments: boolean;
  hasSpanish: boolean;
  isKiosk: boolean;
  language: string;
  firstPage: FirstPage | undefined;
  /** A personal invitation's key fingerprint, printed so people can compare theirs with colleagues'. */
  token: { fingerprint: string } | undefined;
  surveyConfig: string;
};

const languageNames: Record<string, string> = { en: 'English', es: 'Español' };

/** The survey JSON travels in a data attribute, so the page needs no inline script. */
export function presentSurveyPage({ link, instrument, formToken, isKiosk, token }: SurveyPage, preferredLanguage: string): SurveyPageView {
  const texts = pageTextsFor(instrument.languages, link);
  const language = (instrument.languages as readonly string[]).includes(preferredLanguage) ? preferredLanguage : (instrument.languages[0] ?? 'en');
  const text = texts[language];
  if (!text) throw new Error(`no page text for ${language}`);
  return {
    title: instrument.title[language] ?? instrument.key,
    context: `${link.organizationName} · ${link.unitName} · ${link.waveName}`,
    languages: instrument.languages.map((code) => ({ code, label: languageNames[code] ?? code })),
    text,
    hasComments: instrument.comments.length > 0,
    // SurveyJS's Spanish strings are fetched only by surveys that offer Spanish.
    hasSpanish: instrument.languages.includes('es'),
    isKiosk,
    language,
    firstPage: describeFirstPage(instrument.survey, language),
    token: token && { fingerprint: token.fingerprint },
    surveyConfig: JSON.stringify({ survey: instrument.survey, titles: instrument.title, texts, formToken, isKiosk, token }),
  };
}

type OtherLanguage = { code: string; label: string; href: string };

export type MessagePageView = { title: string; message: string; language: string; text: PageText; otherLanguages: OtherLanguage[] };

function otherLanguages(language: string, path: string, extra = ''): OtherLanguage[] {
  return respondentLanguages.filter((code) => code !== language).map((code) => ({ code, label: languageNames[code] ?? code, href: `${path}?lang=${code}${extra}` }));
}

/** A link that cannot take answers, told in the respondent's language, next to the crisis line. */
export function presentProblemPage(code: ErrorCode, language: string, path: string): MessagePageView {
  const { title, message } = isRespondentProblem(code) ? problemText(code, language) : problemText('link_unknown', language);
  return { title, message, language, text: pageTextIn(language), otherLanguages: otherLanguages(language, path) };
}

export type ThanksPageView = MessagePageView & { thanks: ThanksText; isKiosk: boolean; wasAlreadyReceived: boolean };

export function presentThanksPage(language: string, { isKiosk, wasAlreadyReceived }: { isKiosk: boolean; wasAlreadyReceived: boolean }): ThanksPageView {
  const thanks = thanksText(language);
  return {
    title: thanks.title, message: thanks.message, language, text: pageTextIn(language), thanks, isKiosk, wasAlreadyReceived,
    otherLanguages: otherLanguages(language, '/s/thanks', isKiosk ? '&kiosk=1' : ''),
  };
}

export type CardEntryView = { title: string; language: string; text: PageText; typed: string; problem: string; otherLanguages: OtherLanguage[] };

/** The page where a card's code is typed; `typed` is what was refused, if anything. */
export function presentCardEntryPage(language: string, typed: string | undefined): CardEntryView {
  const text = pageTextIn(language);
  return {
    title: text.cardTitle, language, text, typed: typed ?? '', problem: typed === undefined ? '' : text.cardInvalid,
    otherLanguages: otherLanguages(language, '/c'),
  };
}
