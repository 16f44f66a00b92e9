import type { Answers } from '../instruments/answers.js';
import type { Instrument, QuestionSpec } from '../instruments/definition.js';

/** A seeded generator, so demo data and benchmarks are the same on every run. */
export type Random = { next(): number; normal(): number; pick<T>(items: readonly T[]): T };

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32: small, fast and good enough for synthetic survey data.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/**
 * How one synthetic respondent feels: `climate` is a latent score (0 = neutral, about ±1 is
 * one standard deviation) shared by every subscale, so subscales correlate as in real data.
 */
export type RespondentProfile = { climate: number; roleGroup: string; skipRate: number };

const sampleComments = [
  'Being invited to team meetings has made a real difference.',
  'I wish clinical staff understood what peer support is for.',
  'More training on the recovery model for everyone would help.',
  'Supervision from someone who has done peer work would help me grow.',
  'The workload is heavy and it affects my own wellness.',
  'I feel respected by my direct team.',
];

function clampToScale(value: number, values: readonly number[]): number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return Math.min(max, Math.max(min, Math.round(value)));
}

function answerQuestion(question: QuestionSpec, subscaleLevel: number, isReversed: boolean, random: Random): Answers[string] | undefined {
  switch (question.kind) {
    case 'rating': {
      const middle = (Math.min(...question.values) + Math.max(...question.values)) / 2;
      const favorable = middle + 0.9 * subscaleLevel + 0.6 * random.normal();
      const raw = isReversed ? 2 * middle - favorable : favorable;
      return clampToScale(raw, question.values);
    }
    case 'single_choice':
      return random.pick(question.values);
    case 'multiple_choice':
      return [random.pick(question.values)];
    case 'boolean':
      return random.next() < 0.5;
    case 'text':
      return random.next() < 0.3 ? random.pick(sampleComments) : undefined;
  }
}

/**
 * Answers one synthetic respondent would give: ratings follow the latent climate through each
 * subscale (reverse-worded items answered the other way), the outcome item follows the climate,
 * the role group is the profile's, and each optional question is skipped with `skipRate`.
 */
export function generateAnswers(instrument: Instrument, profile: RespondentProfile, random: Random): Answers {
  const subscaleOf = new Map<string, { key: string; reverse: boolean }>();
  for (const subscale of instrument.subscales) {
    for (const item of subscale.items) subscaleOf.set(item.question, { key: subscale.key, reverse: item.reverse });
  }
  const levels = new Map(instrument.subscales.map((subscale) => [subscale.key, 0.8 * profile.climate + 0.5 * random.normal()]));
  const answers: Answers = {};
  for (const question of instrument.questions) {
    if (question.name === instrument.demographics.roleGroup) {
      answers[question.name] = profile.roleGroup;
      continue;
    }
    if (!question.isRequired && random.next() < profile.skipRate) continue;
    const scored = subscaleOf.get(question.name);
    const level = scored ? (levels.get(scored.key) ?? 0) : profile.climate;
    const value = answerQuestion(question, level, scored?.reverse ?? false, random);
    if (value !== undefined) answers[question.name] = value;
  }
  return answers;
}
