import { type DefinitionProblem, problemAt } from './problems.js';
import { type Base, type ItemValue, type LocalizableString, type Model, type Question, Serializer } from 'survey-core';

/**
 * Respondent-facing text of a SurveyJS form in each language. SurveyJS keeps a localizable
 * property as a plain string (default locale only) or as `{ "default": …, "es": … }`; our
 * instruments write English as the default locale, which is what the survey page assumes.
 */

type LocalizedJson = string | Record<string, string> | null | undefined;

const defaultLanguage = 'en';

function textsOf(owner: Base, property: string): Record<string, string> {
  // survey-core types the JSON as any; a localizable property holds a string or a locale map.
  const localizable = owner.getLocalizableString(property) as LocalizableString | undefined;
  const json = localizable?.getJson() as LocalizedJson;
  if (json === undefined || json === null) return {};
  return typeof json === 'string' ? { default: json } : json;
}

/** The text `owner.property` shows in `language`, or '' when the form has none for it. */
export function localizedText(owner: Base, property: string, language: string): string {
  const texts = textsOf(owner, property);
  const text = language === defaultLanguage ? (texts.default ?? texts[defaultLanguage]) : texts[language];
  return text?.trim() ?? '';
}

/** The offered choices of a question (choices, or a rating's explicit rate values). */
export function choicesOf(question: Question): ItemValue[] {
  const owner = question as Question & { choices?: ItemValue[]; rateValues?: ItemValue[] };
  return [...(owner.choices ?? []), ...(owner.rateValues ?? [])];
}

function localizableProperties(owner: Base): string[] {
  return Serializer.getPropertiesByObj(owner).filter((property) => property.isLocalizable).map((property) => property.name);
}

function checkOwner(owner: Base, path: string, languages: readonly string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const property of localizableProperties(owner)) {
    const texts = textsOf(owner, property);
    if (Object.keys(texts).length === 0) continue;
    const missing = languages.filter((language) => localizedText(owner, property, language) === '');
    if (missing.length > 0) problems.push(problemAt(`${path}.${property}`, 'has no text in {languages}', { languages: missing.join(', ') }));
  }
  return problems;
}

/**
 * Every respondent-facing text the form sets (titles, descriptions, choices, rating labels,
 * page and survey texts) must exist in every language the instrument declares, so no
 * respondent meets a question in a language they did not choose.
 */
export function findMissingTranslations(model: Model, languages: readonly string[]): DefinitionProblem[] {
  const problems = checkOwner(model, 'survey', languages);
  model.pages.forEach((page, index) => problems.push(...checkOwner(page, `survey.pages[${index}]`, languages)));
  // getAllPanels is typed as the IPanel interface; the objects are PanelModels, which are Base.
  for (const panel of model.getAllPanels()) problems.push(...checkOwner(panel as unknown as Base, `survey.${panel.name}`, languages));
  for (const question of model.getAllQuestions()) {
    problems.push(...checkOwner(question, `survey.${question.name}`, languages));
    choicesOf(question).forEach((choice, index) => {
      problems.push(...checkOwner(choice, `survey.${question.name}.choices[${index}]`, languages));
    });
  }
  return problems;
}

/**
 * The language a staff page shows an instrument's own text in (its title, area and question
 * texts): the page's language when the instrument has it, else the instrument's first language.
 */
export function instrumentLanguageFor(languages: readonly string[], pageLanguage: string): string {
  return languages.includes(pageLanguage) ? pageLanguage : (languages[0] ?? defaultLanguage);
}
