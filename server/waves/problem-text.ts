import type { Translate } from '../i18n/translate.js';

/**
 * Form problems the wave pages show beside their fields, as the schemas and services word them
 * in English (the JSON API keeps that wording). `{name}` marks a value the message carries, so
 * a problem is found by its shape and its values are carried into the translation.
 */
const problemTexts: readonly string[] = [
  'is required',
  'must be at most 200 characters',
  'must be a date (YYYY-MM-DD)',
  'must be a whole number',
  'must be at least 3',
  'must be at most 1000',
  'must be at least the minimum group size k',
  'must be a unit id',
  'choose at least one unit',
  'choose one of the published instruments',
  'choose open links or single-use invitations',
  'choose yes or no',
  'choose among the active units of this organization',
  'can be changed only while the wave is a draft',
  'must be on or after the open date ({date})',
  'must be today ({date}) or later',
  'must be today or later',
  'must be on or before the close date, {date}',
  'there is already a wave called "{name}"',
  'invitations were already issued for {units}; keep them in the wave',
  'must be a unit of this wave',
  'must be at most {count} lines',
  'line {line}: {problem}',
  '"{email}" is not an e-mail address',
  'no unit: add ",unit name" or choose a unit for the whole list',
  '"{unit}" is not a unit of this wave',
  '"{language}" is not a language of the invitation (en or es)',
  'too many fields: give email,unit or email,unit,language',
  '{email} is already on line {line}',
  '{email} was already invited to this wave',
  'the list is empty: give one address per line',
  'at most {count} addresses at a time',
  'The minimum group size and the comment threshold are fixed once a wave has opened: the survey page promised them to every respondent.',
  'A wave has at most {count} reminders.',
  "This wave's results were first shown on {date}, so it is final and cannot be reopened. Start a new wave instead, or next time extend the close date before it passes.",
  'The close date ({date}) has passed. Set a later close date first, then open the wave.',
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

const patterns = problemTexts.map((english) => ({
  english,
  names: [...english.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''),
  pattern: new RegExp(`^${escapeRegExp(english).replace(/\{\w+\}/g, '(.+?)')}$`, 's'),
}));

function findTranslation(message: string, t: Translate): string | undefined {
  for (const { english, names, pattern } of patterns) {
    const match = pattern.exec(message);
    if (!match) continue;
    const slots: Record<string, string> = {};
    names.forEach((name, index) => {
      slots[name] = match[index + 1] ?? '';
    });
    // A line's problem must itself be one of these texts; else the message is several problems joined.
    if (slots.problem !== undefined) {
      const problem = findTranslation(slots.problem, t);
      if (problem === undefined) continue;
      slots.problem = problem;
    }
    return t(english, slots);
  }
  return undefined;
}

/**
 * A form problem in the page's language: each of its parts (a field with several problems
 * joins them with "; ") is translated when it is one of the texts above or has a translation
 * of its own; anything else stays as written.
 */
export function translateProblem(message: string, t: Translate): string {
  if (message === '') return '';
  const parts = message.split('; ');
  const translatedParts = parts.map((part) => findTranslation(part, t));
  if (parts.length > 1 && translatedParts.every((part) => part !== undefined)) return translatedParts.join('; ');
  return findTranslation(message, t) ?? parts.map((part, index) => translatedParts[index] ?? t(part)).join('; ');
}

/** Every field's problem of a refused form, translated. */
export function translateProblems(fields: Readonly<Record<string, string>>, t: Translate): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, translateProblem(message, t)]));
}
