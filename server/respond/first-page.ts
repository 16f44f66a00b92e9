/**
 * The first page of a survey as plain HTML form fields, so a person on a slow phone can answer
 * the first questions while SurveyJS is still downloading; the survey script then takes the
 * answers over (public/js/respond.js). Only the SurveyJS types our instruments' first pages use
 * are drawn; a page with any other type is left to SurveyJS alone.
 */
export type FirstPageField = {
  name: string;
  kind: 'choice' | 'text';
  /** Ratings are numbers in SurveyJS's data; the form field gives text. */
  isNumber: boolean;
  title: string;
  isRequired: boolean;
  options: Array<{ value: string; label: string }>;
  /** For ratings: the words for the ends of the scale. */
  ends: string;
};

export type FirstPage = { title: string; description: string; fields: FirstPageField[] };

type Localized = string | Record<string, string> | undefined;

function localize(value: Localized, language: string): string {
  if (typeof value === 'string') return value;
  return value?.[language] ?? value?.default ?? '';
}

type Element = Record<string, unknown>;

function choiceOptions(element: Element, language: string): FirstPageField['options'] {
  const choices = Array.isArray(element.choices) ? (element.choices as unknown[]) : [];
  return choices.map((choice) => (typeof choice === 'object' && choice !== null
    ? { value: String((choice as Element).value), label: localize((choice as Element).text as Localized, language) || String((choice as Element).value) }
    : { value: String(choice), label: String(choice) }));
}

function ratingRange(element: Element): { min: number; max: number } {
  return { min: typeof element.rateMin === 'number' ? element.rateMin : 1, max: typeof element.rateMax === 'number' ? element.rateMax : 5 };
}

function ratingOptions(element: Element): FirstPageField['options'] {
  const { min, max } = ratingRange(element);
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, index) => ({ value: String(min + index), label: String(min + index) }));
}

function toField(element: Element, language: string): FirstPageField | undefined {
  const base = { name: String(element.name), title: localize(element.title as Localized, language) || String(element.name), isRequired: element.isRequired === true };
  switch (element.type) {
    case 'radiogroup':
      return { ...base, kind: 'choice', isNumber: false, options: choiceOptions(element, language), ends: '' };
    case 'rating':
      if (element.rateValues !== undefined) return undefined;
      return {
        ...base, kind: 'choice', isNumber: true, options: ratingOptions(element),
        ends: `${String(ratingRange(element).min)} = ${localize(element.minRateDescription as Localized, language)}, ${String(ratingRange(element).max)} = ${localize(element.maxRateDescription as Localized, language)}`,
      };
    case 'comment':
      return { ...base, kind: 'text', isNumber: false, options: [], ends: '' };
    default:
      return undefined;
  }
}

/** The first page in `language` (SurveyJS's `default` for English), or undefined when it cannot be drawn without SurveyJS. */
export function describeFirstPage(survey: Record<string, unknown>, language: string): FirstPage | undefined {
  const pages = Array.isArray(survey.pages) ? (survey.pages as Element[]) : [];
  const first = pages[0];
  if (!first || !Array.isArray(first.elements)) return undefined;
  const sjsLanguage = language === 'en' ? 'default' : language;
  const fields = (first.elements as Element[]).map((element) => toField(element, sjsLanguage));
  if (fields.some((field) => field === undefined)) return undefined;
  return { title: localize(first.title as Localized, sjsLanguage), description: localize(first.description as Localized, sjsLanguage), fields: fields as FirstPageField[] };
}
