import { ConditionRunner } from 'survey-core';
import { memoizeByObject } from '../memo.js';
import type { AnswerValue, QuestionSpec } from './definition.js';

export type Answers = Record<string, AnswerValue>;
export type AnswerProblem = { path: string; message: string };
export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] };

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
    || (Array.isArray(value) && value.length === 0);
}

function describeRange(values: number[]): string {
  const isConsecutive = values.every((value, index) => index === 0 || value === (values[index - 1] ?? 0) + 1);
  return isConsecutive && values.length > 1 ? `${values[0]} to ${values[values.length - 1]}` : `one of ${values.join(', ')}`;
}

/** Checks one present value against its question; returns the cleaned value or a message. */
function checkValue(question: QuestionSpec, value: unknown): { value: AnswerValue } | { message: string } {
  switch (question.kind) {
    case 'rating':
      return typeof value === 'number' && question.values.includes(value)
        ? { value }
        : { message: `must be ${describeRange(question.values)}` };
    case 'single_choice':
      return (typeof value === 'string' || typeof value === 'number') && question.values.includes(value)
        ? { value }
        : { message: `must be one of the offered choices (${question.values.join(', ')})` };
    case 'multiple_choice': {
      if (!Array.isArray(value)) return { message: 'must be a list of offered choices' };
      const offered = value.filter((item): item is string | number => question.values.includes(item as string | number));
      if (offered.length !== value.length) return { message: `must contain only offered choices (${question.values.join(', ')})` };
      if (new Set(offered).size !== offered.length) return { message: 'must not repeat a choice' };
      return { value: offered };
    }
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { message: 'must be true or false' };
    case 'text': {
      if (typeof value !== 'string') return { message: 'must be text' };
      const text = value.trim();
      return text.length <= question.maxLength ? { value: text } : { message: `must be at most ${question.maxLength} characters` };
    }
  }
}

// Parsed once per instrument, not once per submission.
const questionNames = memoizeByObject((questions: readonly QuestionSpec[]): ReadonlySet<string> => new Set(questions.map((question) => question.name)));
const visibilityRule = memoizeByObject((question: QuestionSpec) => (question.visibleIf === undefined ? undefined : new ConditionRunner(question.visibleIf)));

function isVisible(question: QuestionSpec, answers: Record<string, unknown>): boolean {
  return visibilityRule(question)?.runValues(answers) ?? true;
}

/**
 * Re-validates a respondent's answers against the instrument: no unknown names, required
 * questions answered when shown, values within what was offered. Blank answers are dropped,
 * since skipping is every respondent's right. Text is kept as typed (trimmed), never as HTML.
 */
export function validateAnswers(questions: readonly QuestionSpec[], answers: Record<string, unknown>): AnswerCheck {
  const problems: AnswerProblem[] = [];
  const known = questionNames(questions);
  for (const name of Object.keys(answers)) {
    if (!known.has(name)) problems.push({ path: name, message: 'is not a question in this survey' });
  }
  const cleaned: Answers = {};
  for (const question of questions) {
    const value = answers[question.name];
    const shown = isVisible(question, answers);
    if (isMissing(value)) {
      if (question.isRequired && shown) problems.push({ path: question.name, message: 'is required' });
      continue;
    }
    if (!shown) {
      problems.push({ path: question.name, message: 'was not asked, given the other answers' });
      continue;
    }
    const checked = checkValue(question, value);
    if ('message' in checked) problems.push({ path: question.name, message: checked.message });
    else cleaned[question.name] = checked.value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers: cleaned };
}
