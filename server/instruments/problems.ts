import type { z } from 'zod';
import { translator } from '../i18n/translate.js';

type Slots = Record<string, string | number>;

/**
 * A problem with an instrument file, named by its field. `text` is the English sentence with
 * `{slots}`, which a staff page translates by; `message` is that sentence filled in, as the API,
 * the import command and the logs give it (always English).
 */
export type DefinitionProblem = { path: string; message: string; text: string; slots: Slots };

const english = translator('en');

export function problemAt(path: string, text: string, slots: Slots = {}): DefinitionProblem {
  return { path, message: english(text, slots), text, slots };
}

/** Only the path and the English message leave the server in an error's details. */
export function asErrorDetails(problems: readonly DefinitionProblem[]): Array<{ path: string; message: string }> {
  return problems.map(({ path, message }) => ({ path, message }));
}

type Issue = z.core.$ZodIssue;

function describeSizeIssue(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): { text: string; slots?: Slots } {
  if (issue.code === 'too_big') return { text: 'must be at most {maximum}', slots: { maximum: String(issue.maximum) } };
  const minimum = String(issue.minimum);
  if (issue.origin === 'array') return { text: 'must have at least {minimum} entries', slots: { minimum } };
  if (issue.origin === 'string') return { text: 'must not be empty' };
  return issue.inclusive === false ? { text: 'must be greater than {minimum}', slots: { minimum } } : { text: 'must be at least {minimum}', slots: { minimum } };
}

// zod's own messages are English sentences with no key to translate by; ours say the same by the issue's code.
function describeIssue(issue: Issue): { text: string; slots?: Slots } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? { text: 'is missing' } : { text: 'must be of type {type}', slots: { type: issue.expected } };
    case 'too_small':
    case 'too_big':
      return describeSizeIssue(issue);
    case 'invalid_value':
      return { text: 'must be one of {values}', slots: { values: issue.values.map(String).join(', ') } };
    case 'invalid_key':
      return { text: 'must be a two-letter language code such as en or es' };
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? { text: 'does not match the pattern {pattern}', slots: { pattern: issue.pattern ?? '' } } : { text: issue.message };
    default:
      return { text: issue.message };
  }
}

/** The API and the import command keep zod's message; a staff page shows ours, in its language. */
export function problemOfIssue(issue: Issue): DefinitionProblem {
  const { text, slots } = describeIssue(issue);
  return { ...problemAt(issue.path.map(String).join('.'), text, slots), message: issue.message };
}
