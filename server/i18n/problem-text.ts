import type { Translate } from './translate.js';

/**
 * Problems that quote what was typed, a date or a limit, so no catalogue key matches them whole
 * (the schemas and services word them in English, and the JSON API keeps that wording). Each
 * English pattern is itself the catalogue key; its slots are read back from the message and put
 * into the translation. A `role` slot is one of our words and is translated; a `problem` or
 * `problems` slot holds further problems.
 */
const problemPatterns: readonly string[] = [
  'The request is not valid. {problems}',
  'Too many sign-in attempts for this account. Wait {minutes} minutes and try again.',
  'Too many password reset requests for this address. Wait {minutes} minutes and try again.',
  'there is already a unit called "{name}"',
  'there is already an organization called "{name}"',
  'must be at least {count} characters',
  'must be at most {count} characters',
  'already holds the {role} role here',
  '{email} is already {role} in this organization.',
  '"{name}" is part of a survey wave, so it keeps its history: archive it instead.',
  'must be on or after the open date ({date})',
  'must be today ({date}) or later',
  'must be on or before the close date, {date}',
  'there is already a wave called "{name}"',
  'invitations were already issued for {units}; keep them in the wave',
  'must be at most {count} lines',
  'line {line}: {problem}',
  '"{email}" is not an e-mail address',
  '"{unit}" is not a unit of this wave',
  '"{language}" is not a language of the invitation (en or es)',
  '{email} is already on line {line}',
  '{email} was already invited to this wave',
  'at most {count} addresses at a time',
  'A wave has at most {count} reminders.',
  "This wave's results were first shown on {date}, so it is final and cannot be reopened. Start a new wave instead, or next time extend the close date before it passes.",
  'The close date ({date}) has passed. Set a later close date first, then open the wave.',
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const patterns = problemPatterns.map((english) => ({
  english,
  names: [...english.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''),
  pattern: new RegExp(`^${english.split(/\{\w+\}/).map(escapeRegExp).join('(.+?)')}$`, 's'),
}));

function translateSlots(t: Translate, slots: Record<string, string>): Record<string, string> {
  const translated = { ...slots };
  if (slots.role !== undefined) translated.role = t(slots.role);
  for (const name of ['problem', 'problems']) {
    const inner = slots[name];
    if (inner !== undefined) translated[name] = translateProblem(t, inner);
  }
  return translated;
}

/** One problem's translation, or undefined when neither the catalogue nor a pattern knows it. */
function translateOne(t: Translate, message: string): string | undefined {
  const whole = t(message);
  if (whole !== message) return whole;
  for (const { english, names, pattern } of patterns) {
    const found = pattern.exec(message);
    if (found) return t(english, translateSlots(t, Object.fromEntries(names.map((name, index) => [name, found[index + 1] ?? '']))));
  }
  // "email: must be an email address": the field name is the form's, the problem is ours.
  const named = /^([\w.()]+): (.+)$/s.exec(message);
  const problem = named ? translateOne(t, named[2] ?? '') : undefined;
  return problem === undefined ? undefined : `${named?.[1] ?? ''}: ${problem}`;
}

/**
 * A form problem (or several, joined by "; " as FormProblems joins them) in the page's language.
 * A typed name may itself hold "; ", so the parts are used only when each one is known; text
 * with no translation stays as it is.
 */
export function translateProblem(t: Translate, message: string): string {
  const parts = message.split('; ');
  const translatedParts = parts.map((part) => translateOne(t, part));
  if (parts.length > 1 && translatedParts.every((part) => part !== undefined)) return translatedParts.join('; ');
  return translateOne(t, message) ?? parts.map((part, index) => translatedParts[index] ?? part).join('; ');
}

/** Every problem of a form, by field, in the page's language. */
export function translateProblems(t: Translate, fields: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, translateProblem(t, message)]));
}

/** A refused form's problems for its page: each field's, and the one about the form as a whole. */
export function translateFormProblems(t: Translate, problems: { message: string; fields: Readonly<Record<string, string>> } | undefined): { problems: Record<string, string>; formProblem: string } {
  return { problems: translateProblems(t, problems?.fields ?? {}), formProblem: translateProblem(t, problems?.message ?? '') };
}
