import { type JsonError, Model, type Question } from 'survey-core';
import { z } from 'zod';
import { type DefinitionProblem, problemAt, problemOfIssue } from './problems.js';
import { findMissingTranslations } from './translations.js';

export type { DefinitionProblem } from './problems.js';

/**
 * An instrument file: a SurveyJS form plus the scoring metadata that gives its items meaning.
 * Parsing is pure: it takes the file's name (for messages) and its decoded JSON.
 */
const Localized = z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1));

const SubscaleSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  construct: z.string().regex(/^[a-z][a-z0-9_]*$/),
  title: Localized,
  minAnsweredShare: z.number().gt(0).max(1).default(0.5),
  items: z.array(z.object({ question: z.string().min(1), reverse: z.boolean().default(false) })).min(1),
});

/**
 * Languages a respondent can choose. The survey page has its anonymity promise and crisis
 * resources in each (respond/page-text.ts) and serves SurveyJS's own strings for each.
 */
export const supportedLanguages = ['en', 'es'] as const;

export const InstrumentFileSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case'),
  version: z.number().int().min(1),
  audience: z.enum(['peer_staff', 'supervisor_clinical']),
  languages: z.array(z.enum(supportedLanguages)).min(1)
    .refine((languages) => new Set(languages).size === languages.length, 'must not repeat a language'),
  title: Localized,
  scale: z.object({
    min: z.number().int(),
    max: z.number().int(),
    favorableAtLeast: z.number().int(),
    labels: z.record(z.string(), Localized),
  }),
  demographics: z.object({ roleGroup: z.string().min(1), tenureBand: z.string().min(1).optional() }),
  outcomeQuestion: z.string().min(1).optional(),
  comments: z.array(z.string().min(1)).default([]),
  subscales: z.array(SubscaleSchema).min(1),
  survey: z.record(z.string(), z.unknown()),
});

export type InstrumentFile = z.output<typeof InstrumentFileSchema>;
export type Subscale = z.output<typeof SubscaleSchema>;
export type AnswerValue = string | number | boolean | Array<string | number>;

type QuestionBase = { name: string; isRequired: boolean; visibleIf: string | undefined };
export type QuestionSpec =
  | (QuestionBase & { kind: 'rating'; values: number[] })
  | (QuestionBase & { kind: 'single_choice'; values: Array<string | number> })
  | (QuestionBase & { kind: 'multiple_choice'; values: Array<string | number> })
  | (QuestionBase & { kind: 'boolean' })
  | (QuestionBase & { kind: 'text'; maxLength: number });

export type Instrument = InstrumentFile & { questions: QuestionSpec[] };
export type ParseResult = { ok: true; instrument: Instrument } | { ok: false; problems: DefinitionProblem[] };

/** Longest free text we accept when a question sets no maxLength of its own. */
export const defaultTextMaxLength = 2000;

const supportedTypes: Record<string, (question: Question) => QuestionSpec['kind']> = {
  rating: () => 'rating',
  radiogroup: () => 'single_choice',
  dropdown: () => 'single_choice',
  checkbox: () => 'multiple_choice',
  boolean: () => 'boolean',
  comment: () => 'text',
  text: () => 'text',
};

type ChoiceItem = { value: string | number };

function describeQuestion(question: Question): QuestionSpec | DefinitionProblem {
  const type = question.getType();
  const toKind = supportedTypes[type];
  if (!toKind) return problemAt(`survey.${question.name}`, 'question type "{type}" is not supported', { type });
  const base: QuestionBase = {
    name: question.name,
    isRequired: question.isRequired,
    visibleIf: question.visibleIf || undefined,
  };
  const kind = toKind(question);
  switch (kind) {
    case 'rating':
      return { ...base, kind, values: (question.visibleRateValues as ChoiceItem[]).map((item) => Number(item.value)) };
    case 'single_choice':
    case 'multiple_choice':
      return { ...base, kind, values: (question.choices as ChoiceItem[]).map((item) => item.value) };
    case 'boolean':
      return { ...base, kind };
    case 'text': {
      const maxLength = Number(question.maxLength);
      return { ...base, kind, maxLength: maxLength > 0 ? Math.min(maxLength, defaultTextMaxLength) : defaultTextMaxLength };
    }
  }
}

/** The variable that holds a subscale's score in stored responses, exports and the codebook. */
export function scoreVariable(subscaleKey: string): string {
  return `score_${subscaleKey}`;
}

function checkLocalizedMetadata(file: InstrumentFile): DefinitionProblem[] {
  const texts: Array<[string, Record<string, string>]> = [
    ['title', file.title],
    ...file.subscales.map((subscale, index): [string, Record<string, string>] => [`subscales[${index}].title`, subscale.title]),
    ...Object.entries(file.scale.labels).map(([point, labels]): [string, Record<string, string>] => [`scale.labels.${point}`, labels]),
  ];
  return texts.flatMap(([path, localized]) => {
    const missing = file.languages.filter((language) => !localized[language]);
    return missing.length > 0 ? [problemAt(path, 'has no text in {languages}', { languages: missing.join(', ') })] : [];
  });
}

function checkSubscaleKeys(file: InstrumentFile, questions: Map<string, QuestionSpec>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const keys = new Set<string>();
  file.subscales.forEach((subscale, index) => {
    if (keys.has(subscale.key)) problems.push(problemAt(`subscales[${index}].key`, '"{key}" is used twice', { key: subscale.key }));
    keys.add(subscale.key);
    if (questions.has(scoreVariable(subscale.key))) {
      problems.push(problemAt(`subscales[${index}].key`, 'its score variable "{variable}" is also a question name', { variable: scoreVariable(subscale.key) }));
    }
  });
  return problems;
}

/** Whole sentences per expected kind, so each translates as one. */
type ExpectedKind = 'rating' | 'single_choice' | 'text';
const kindProblems: Record<ExpectedKind, string> = {
  rating: '"{name}" must be a rating question',
  single_choice: '"{name}" must be a single_choice question',
  text: '"{name}" must be a text question',
};

function checkMetadata(file: InstrumentFile, questions: Map<string, QuestionSpec>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [...checkLocalizedMetadata(file), ...checkSubscaleKeys(file, questions)];
  const expectKind = (path: string, name: string, kind: ExpectedKind): void => {
    const question = questions.get(name);
    if (!question) problems.push(problemAt(path, 'names "{name}", which is not a question in the survey', { name }));
    else if (question.kind !== kind) problems.push(problemAt(path, kindProblems[kind], { name }));
  };
  const scaleValues = Array.from({ length: file.scale.max - file.scale.min + 1 }, (_, index) => file.scale.min + index);
  const scored = new Set<string>();
  file.subscales.forEach((subscale, subscaleIndex) => {
    subscale.items.forEach((item, itemIndex) => {
      const path = `subscales[${subscaleIndex}].items[${itemIndex}].question`;
      expectKind(path, item.question, 'rating');
      if (scored.has(item.question)) problems.push(problemAt(path, '"{name}" is already in a subscale', { name: item.question }));
      scored.add(item.question);
      const question = questions.get(item.question);
      if (question?.kind === 'rating' && question.values.join() !== scaleValues.join()) {
        problems.push(problemAt(path, '"{name}" must offer exactly {min} to {max}', { name: item.question, min: file.scale.min, max: file.scale.max }));
      }
    });
  });
  expectKind('demographics.roleGroup', file.demographics.roleGroup, 'single_choice');
  if (file.demographics.tenureBand) expectKind('demographics.tenureBand', file.demographics.tenureBand, 'single_choice');
  if (file.outcomeQuestion) expectKind('outcomeQuestion', file.outcomeQuestion, 'rating');
  file.comments.forEach((name, index) => expectKind(`comments[${index}]`, name, 'text'));
  if (file.scale.favorableAtLeast < file.scale.min || file.scale.favorableAtLeast > file.scale.max) {
    problems.push(problemAt('scale.favorableAtLeast', 'must be between {min} and {max}', { min: file.scale.min, max: file.scale.max }));
  }
  return problems;
}

function describeJsonError(error: JsonError): DefinitionProblem {
  const element = error.jsonObj as { name?: unknown; type?: unknown } | undefined;
  const path = typeof element?.name === 'string' ? `survey.${element.name}` : 'survey';
  if (error.type === 'incorrecttypeproperty' && typeof element?.type === 'string') {
    return problemAt(path, 'question type "{type}" is not known to SurveyJS', { type: element.type });
  }
  return problemAt(path, error.message);
}

/** Validates an instrument file's JSON; every problem names the field it is about. */
export function parseInstrument(json: unknown): ParseResult {
  const parsed = InstrumentFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(problemOfIssue),
    };
  }
  const file = parsed.data;
  const model = new Model(file.survey);
  // survey-core leaves jsonErrors null when the JSON had none.
  const jsonErrors = model.jsonErrors as JsonError[] | null;
  const problems: DefinitionProblem[] = (jsonErrors ?? []).map(describeJsonError);
  const questions = new Map<string, QuestionSpec>();
  for (const question of model.getAllQuestions()) {
    const described = describeQuestion(question);
    if ('kind' in described) {
      if (questions.has(described.name)) problems.push(problemAt(`survey.${described.name}`, 'question name is used twice'));
      questions.set(described.name, described);
    } else {
      problems.push(described);
    }
  }
  if (questions.size === 0) problems.push(problemAt('survey', 'has no questions'));
  problems.push(...findMissingTranslations(model, file.languages), ...checkMetadata(file, questions));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, instrument: { ...file, questions: [...questions.values()] } };
}

/** One line naming the file and every problem's field, for start-up errors and upload answers. */
export function describeProblems(fileName: string, problems: readonly DefinitionProblem[]): string {
  return `${fileName}: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`;
}

/** Parses an instrument from the text of a file; JSON syntax errors are reported like any other problem. */
export function parseInstrumentText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [problemAt('(file)', 'is not valid JSON ({reason})', { reason: (error as Error).message })] };
  }
  return parseInstrument(json);
}
