import type { Translate } from '../../i18n/translate.js';
import type { DefinitionProblem, Instrument } from '../definition.js';
import { instrumentLanguageFor } from '../translations.js';
import type { OwnInstrumentVersionRow } from '../queries.js';
import type { UploadCheck } from '../service.js';
import type { OrganizationRow } from '../../organizations/queries.js';
import { pageTextsFor } from '../../respond/page-text.js';

const audienceLabels: Record<string, string> = { peer_staff: 'Peer staff', supervisor_clinical: 'Supervisors and clinical staff' };
const languageNames: Record<string, string> = { en: 'English', es: 'Español' };

function summarize(instrument: Instrument, t: Translate, pageLanguage: string) {
  const language = instrumentLanguageFor(instrument.languages, pageLanguage);
  return {
    key: instrument.key,
    version: instrument.version,
    titles: Object.entries(instrument.title).map(([language, title]) => `${languageNames[language] ?? language}: ${title}`),
    audience: t(audienceLabels[instrument.audience] ?? instrument.audience),
    languages: instrument.languages.map((language) => languageNames[language] ?? language).join(', '),
    questions: instrument.questions.length,
    scale: t('{min} to {max}, favorable from {favorable}', { min: instrument.scale.min, max: instrument.scale.max, favorable: instrument.scale.favorableAtLeast }),
    subscales: instrument.subscales.map((subscale) => ({
      key: subscale.key, construct: subscale.construct, title: subscale.title[language] ?? subscale.key,
      items: subscale.items.length, reversed: subscale.items.filter((item) => item.reverse).length,
    })),
    comments: instrument.comments.length,
  };
}

export type UploadReport =
  | { ok: true; summary: ReturnType<typeof summarize>; isPublished: boolean; definition: string }
  | { ok: false; problems: Array<{ path: string; message: string }>; definition: string };

/** A problem in the page's words (zod's and SurveyJS's own messages have no translation and stay English). */
const problemIn = (t: Translate) => (problem: DefinitionProblem) => ({ path: problem.path, message: t(problem.text, problem.slots) });

/** The field-by-field report on a checked file; the text travels on so it can be previewed and published. */
export function presentUploadReport(check: UploadCheck, definition: string, t: Translate, language: string): UploadReport {
  if (!check.ok) return { ok: false, problems: check.problems.map(problemIn(t)), definition };
  return { ok: true, summary: summarize(check.instrument, t, language), isPublished: check.isPublished, definition };
}

export function presentOwnInstrumentsPage(
  organization: OrganizationRow, versions: readonly OwnInstrumentVersionRow[], t: Translate, language: string,
  options: { done?: 'published'; report?: UploadReport; fieldProblem?: string } = {},
) {
  return {
    title: t('Instruments of {organization}', { organization: organization.name }),
    organization,
    notice: options.done === 'published' ? t('The instrument was published: new waves can use it.') : undefined,
    versions: versions.map((version) => ({
      ...version, title: version.titles[language] ?? version.title, audience: t(audienceLabels[version.audience] ?? version.audience),
    })),
    report: options.report,
    definition: options.report?.definition ?? '',
    fieldProblem: options.fieldProblem ? t(options.fieldProblem) : '',
  };
}

/**
 * The survey page exactly as a respondent would see it, with the default thresholds (k 5,
 * comments 10) in its promise; answers stay in the browser.
 */
export function presentPreviewPage(organization: OrganizationRow, instrument: Instrument) {
  const texts = pageTextsFor(instrument.languages, { minGroupSize: 5, commentThreshold: 10, allowCommentExport: false });
  const firstLanguage = instrument.languages[0] ?? 'en';
  return {
    title: instrument.title[firstLanguage] ?? instrument.key,
    context: `Preview · ${organization.name} · ${instrument.key} version ${instrument.version}`,
    languages: instrument.languages.map((code) => ({ code, label: languageNames[code] ?? code })),
    text: texts[firstLanguage],
    hasComments: instrument.comments.length > 0,
    hasSpanish: instrument.languages.includes('es'),
    isKiosk: false,
    language: firstLanguage,
    // SurveyJS draws every page of a preview; the server-drawn first page is for respondents on slow links.
    firstPage: undefined,
    surveyConfig: JSON.stringify({ survey: instrument.survey, titles: instrument.title, texts, isPreview: true }),
    previewNotice: 'Preview: this is what respondents will see. Answers you give here are not sent or stored.',
  };
}
