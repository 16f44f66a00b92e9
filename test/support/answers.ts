import type { Db } from '../../server/db/db.js';
import type { Instrument } from '../../server/instruments/definition.js';
import { openSurveyPage } from '../../server/respond/service.js';

/** A complete, valid set of answers: every rating gets a value, every text a sentence. */
export function buildCompleteAnswers(instrument: Instrument, seed = 1): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  instrument.questions.forEach((question, index) => {
    switch (question.kind) {
      case 'rating':
        answers[question.name] = question.values[(index + seed) % question.values.length];
        break;
      case 'single_choice':
        answers[question.name] = question.values[0];
        break;
      case 'multiple_choice':
        answers[question.name] = question.values.slice(0, 1);
        break;
      case 'boolean':
        answers[question.name] = true;
        break;
      case 'text':
        answers[question.name] = `Answer to ${question.name} <script>alert(1)</script>`;
        break;
    }
  });
  return answers;
}

/** The form token a survey page hands out (open links only), or undefined when the page gives none. */
export async function fetchFormToken(baseUrl: string, code: string): Promise<string | undefined> {
  const html = await (await fetch(`${baseUrl}/s/${code}`, { headers: { Accept: 'text/html' } })).text();
  return /\b(\d{10}\.[A-Za-z0-9_-]{43})\b/.exec(html)?.[1];
}

/**
 * Posts a survey submission as the survey page's script does: it first opens the page for its
 * form token, unless the body is raw text or already names one.
 */
export async function postAnswers(baseUrl: string, code: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const needsToken = typeof body === 'object' && body !== null && !('formToken' in body);
  const formToken = needsToken ? await fetchFormToken(baseUrl, code) : undefined;
  const sent = formToken === undefined ? body : { ...(body as object), formToken };
  return fetch(`${baseUrl}/s/${code}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: typeof sent === 'string' ? sent : JSON.stringify(sent),
  });
}

/**
 * Form tokens of an open link issued straight through the service, as if `count` survey pages
 * had been opened: for tests that submit in bulk or while the server is stopping.
 */
export async function issueFormTokens(db: Db, code: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const page = await openSurveyPage(db, code, Number.MAX_SAFE_INTEGER, 'en');
    if (page.formToken === undefined) throw new Error('the link gave no form token: is it an open link?');
    tokens.push(page.formToken);
  }
  return tokens;
}
