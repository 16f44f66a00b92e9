import { Model, type Question } from 'survey-core';
import { type Instrument, type QuestionSpec, scoreVariable } from './definition.js';
import { scoringRules, type SubscaleRule } from './scoring.js';
import { choicesOf, localizedText } from './translations.js';

/**
 * The data dictionary of one instrument version: one row per question (in survey order), then
 * one per subscale score. Exports name their columns by `variable`, so the codebook and the
 * data always agree.
 */
export type CodebookRole = 'context' | 'demographic' | 'item' | 'outcome' | 'comment' | 'question' | 'score';

export type CodebookRow = {
  variable: string;
  role: CodebookRole;
  /** Language -> question text as the respondent saw it (subscale title for scores). */
  texts: Record<string, string>;
  type: string;
  /** Language -> "value=label; …" for coded answers, '' for free text and scores. */
  valueLabels: Record<string, string>;
  isReverseCoded: boolean;
  subscale: string;
  construct: string;
  scoringRule: string;
};

export type CodebookTable = { columns: string[]; rows: string[][] };

function describeType(spec: QuestionSpec): string {
  switch (spec.kind) {
    case 'rating': return `rating (${Math.min(...spec.values)} to ${Math.max(...spec.values)})`;
    case 'single_choice': return 'single choice';
    case 'multiple_choice': return 'multiple choice (list of values)';
    case 'boolean': return 'yes/no (true or false)';
    case 'text': return `free text (at most ${spec.maxLength} characters)`;
  }
}

const labelled = (value: string | number | boolean, text: string): string => (text ? `${String(value)}=${text}` : String(value));

function valueLabelsIn(question: Question, spec: QuestionSpec, instrument: Instrument, language: string): string {
  const { scale } = instrument;
  if (spec.kind === 'rating') {
    const isOnScale = spec.values.join() === Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i).join();
    const ends = new Map<number, string>([
      [Math.min(...spec.values), localizedText(question, 'minRateDescription', language)],
      [Math.max(...spec.values), localizedText(question, 'maxRateDescription', language)],
    ]);
    return spec.values
      .map((value) => labelled(value, isOnScale ? (scale.labels[String(value)]?.[language] ?? '') : (ends.get(value) ?? '')))
      .join('; ');
  }
  if (spec.kind === 'single_choice' || spec.kind === 'multiple_choice') {
    return choicesOf(question).map((choice) => labelled(choice.value as string | number, localizedText(choice, 'text', language))).join('; ');
  }
  if (spec.kind === 'boolean') {
    return [labelled(true, localizedText(question, 'labelTrue', language)), labelled(false, localizedText(question, 'labelFalse', language))].join('; ');
  }
  return '';
}

function describeReverse(instrument: Instrument): string {
  return `${instrument.scale.min + instrument.scale.max} - x`;
}

function describeSubscaleRule(subscale: SubscaleRule, instrument: Instrument): string {
  const reversed = subscale.items.filter((item) => item.isReversed).map((item) => item.question);
  const reverseNote = reversed.length > 0 ? ` after reverse coding (${describeReverse(instrument)}) ${reversed.join(', ')}` : '';
  return `mean of ${subscale.items.map((item) => item.question).join(', ')}${reverseNote}; `
    + `scored when at least ${subscale.minAnswered} of ${subscale.items.length} items (${Math.round(subscale.minAnsweredShare * 100)}%) are answered, otherwise blank; `
    + `favorable when >= ${instrument.scale.favorableAtLeast}`;
}

function roleOf(instrument: Instrument, name: string, isItem: boolean): CodebookRole {
  if (isItem) return 'item';
  if (name === instrument.demographics.roleGroup || name === instrument.demographics.tenureBand) return 'demographic';
  if (name === instrument.outcomeQuestion) return 'outcome';
  return instrument.comments.includes(name) ? 'comment' : 'question';
}

function questionRow(instrument: Instrument, rules: SubscaleRule[], question: Question, spec: QuestionSpec): CodebookRow {
  const subscale = rules.find((rule) => rule.items.some((item) => item.question === spec.name));
  const isReverseCoded = subscale?.items.find((item) => item.question === spec.name)?.isReversed ?? false;
  const byLanguage = (text: (language: string) => string): Record<string, string> =>
    Object.fromEntries(instrument.languages.map((language) => [language, text(language)]));
  return {
    variable: spec.name,
    role: roleOf(instrument, spec.name, subscale !== undefined),
    texts: byLanguage((language) => localizedText(question, 'title', language) || spec.name),
    type: describeType(spec),
    valueLabels: byLanguage((language) => valueLabelsIn(question, spec, instrument, language)),
    isReverseCoded,
    subscale: subscale?.key ?? '',
    construct: subscale?.construct ?? '',
    scoringRule: subscale
      ? `${isReverseCoded ? `reverse coded (${describeReverse(instrument)}), then ` : ''}averaged into ${scoreVariable(subscale.key)}`
      : '',
  };
}

/** Every question of the instrument, then every subscale score, as codebook rows. */
export function buildCodebook(instrument: Instrument): CodebookRow[] {
  const model = new Model(instrument.survey);
  const rules = scoringRules(instrument);
  const rows = instrument.questions.map((spec) => {
    const question = model.getQuestionByName(spec.name);
    return questionRow(instrument, rules.subscales, question, spec);
  });
  const scoreRows = instrument.subscales.map((subscale, index): CodebookRow => {
    const rule = rules.subscales[index];
    return {
      variable: scoreVariable(subscale.key),
      role: 'score',
      texts: Object.fromEntries(instrument.languages.map((language) => [language, subscale.title[language] ?? subscale.key])),
      type: `score (${instrument.scale.min} to ${instrument.scale.max}, decimal)`,
      valueLabels: Object.fromEntries(instrument.languages.map((language) => [language, ''])),
      isReverseCoded: false,
      subscale: subscale.key,
      construct: subscale.construct,
      scoringRule: rule ? describeSubscaleRule(rule, instrument) : '',
    };
  });
  return [...rows, ...scoreRows];
}

/**
 * The codebook as a flat table, shared by the page and the CSV: question text in each of the
 * instrument's languages; value labels in the first language as `value_labels`, others as
 * `value_labels_<language>`.
 */
export function codebookTable(instrument: Instrument, rows: readonly CodebookRow[]): CodebookTable {
  const [firstLanguage = 'en', ...otherLanguages] = instrument.languages;
  return {
    columns: [
      'variable', 'role', ...instrument.languages.map((language) => `question_${language}`), 'type',
      'value_labels', ...otherLanguages.map((language) => `value_labels_${language}`),
      'reverse_coded', 'subscale', 'construct', 'scoring_rule',
    ],
    rows: rows.map((row) => [
      row.variable, row.role, ...instrument.languages.map((language) => row.texts[language] ?? ''), row.type,
      row.valueLabels[firstLanguage] ?? '', ...otherLanguages.map((language) => row.valueLabels[language] ?? ''),
      String(row.isReverseCoded), row.subscale, row.construct, row.scoringRule,
    ]),
  };
}
