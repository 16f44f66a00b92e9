import type { Translate } from '../i18n/translate.js';

/**
 * Problem texts that quote what was typed or a limit, so no catalogue key matches them whole.
 * Each English pattern is the key; its slots are read back from the message and put into the
 * translation. A role slot is itself translated (one of our words, not typed); a problems slot
 * holds further problems.
 */
const problemPatterns = [
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
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matchPattern(pattern: string, message: string): Record<string, string> | undefined {
  const names = [...pattern.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const source = pattern.split(/\{\w+\}/).map(escapeRegExp).join('(.+)');
  const found = new RegExp(`^${source}$`, 's').exec(message);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, index) => [name, found[index + 1] ?? '']));
}

function translateSlots(t: Translate, slots: Record<string, string>): Record<string, string> {
  const translated = { ...slots };
  if (slots.role !== undefined) translated.role = t(slots.role);
  if (slots.problems !== undefined) translated.problems = translateOne(t, slots.problems);
  return translated;
}

function translateOne(t: Translate, message: string): string {
  const whole = t(message);
  if (whole !== message) return whole;
  for (const pattern of problemPatterns) {
    const slots = matchPattern(pattern, message);
    if (slots) return t(pattern, translateSlots(t, slots));
  }
  // "email: must be an email address": the field name is the form's, the problem is ours.
  const named = /^([\w.()]+): (.+)$/s.exec(message);
  return named ? `${named[1] ?? ''}: ${translateOne(t, named[2] ?? '')}` : message;
}

/**
 * A form problem (or several, joined by "; " as FormProblems joins them) in the page's
 * language; text with no translation stays as it is.
 */
export function translateProblem(t: Translate, message: string): string {
  return message.split('; ').map((part) => translateOne(t, part)).join('; ');
}

/** Every problem of a form, by field, in the page's language. */
export function translateProblems(t: Translate, fields: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, translateProblem(t, message)]));
}
