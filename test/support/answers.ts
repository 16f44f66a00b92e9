import type { Instrument } from '../../server/instruments/definition.js';

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

/** Posts a survey submission as the survey page's script does. */
export function postAnswers(baseUrl: string, code: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/s/${code}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
