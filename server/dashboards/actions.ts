import { type Translate, translator } from '../i18n/translate.js';

/**
 * What a director can do next when a construct scores low. The actions come from the research
 * behind PeerClimate (DOMAIN.md, "Actionable items": JMIR 2020 doi 10.2196/17053; Health & Social
 * Care in the Community doi 10.1111/hsc.12072).
 */
const actionsByConstruct: Record<string, readonly string[]> = {
  role_clarity: [
    'Co-write a peer job description with peer staff and their supervisors.',
    'Define the peer scope of practice beside the clinical roles on each team.',
    'Set evaluation criteria that fit peer work, and share them with peer staff.',
  ],
  microaggressions_stigma: [
    'Train clinical staff on the recovery model and on what the peer role is for.',
    'Agree team norms about language: no jokes or labels about mental illness or addiction.',
    'Include peer staff in team meetings and give them access to care records.',
    'Give peer staff a safe, confidential route to raise incidents.',
  ],
  perceived_value_support: [
    'Train clinical staff on the recovery model and the value of peer work.',
    'Ask for peer staff views in team decisions, and say how they were used.',
    'Include peer staff in team meetings and care records as colleagues.',
  ],
  supervision_support: [
    'Train supervisors in peer work, or arrange supervision by an experienced peer.',
    'Hold regular, scheduled supervision for every peer staff member.',
    'Start peer supervision or a community of practice; offer training and a career ladder.',
  ],
  job_conditions_wellbeing: [
    'Review peer pay against comparable roles, and review job security and caseloads.',
    'Support self-care and respect wellness plans as a workplace right.',
  ],
  recovery_culture: [
    'Involve peer staff in service design and decisions (co-design).',
    'Use recovery-oriented, person-first language in meetings, records and policies.',
  ],
};

/** Below this % favorable an area counts as low. */
export const lowFavorableShare = 60;
/** At most this many areas are ranked, each with at most this many first actions: a place to start, not a plan. */
export const maxRankedAreas = 3;
export const actionsPerArea = 2;
/** A gap or drop this large is named in the reason (mean points; % favorable points). */
const notableGap = 0.25;
const notableDrop = 5;

/**
 * One area's shown figures: `percentFavorable` as the dashboard defines it (see assemble.ts);
 * `gap` peer staff minus supervisors/clinical staff in mean points, `change` in % favorable
 * points since the previous wave; null where not shown.
 */
export type ConstructResult = { key: string; construct: string; title: string; percentFavorable: number | null; gap: number | null; change: number | null };
export type SuggestedActions = { key: string; construct: string; rank: number; reason: string; actions: readonly string[] };

const round = (value: number): string => String(Math.round(value));

function describeReason(result: ConstructResult & { percentFavorable: number }, shownAreas: number, isLowest: boolean, t: Translate): string {
  const favorable = round(result.percentFavorable);
  const parts = [result.percentFavorable < lowFavorableShare
    ? t('{favorable}% favorable, {points} points below {low}%', { favorable, points: round(lowFavorableShare - result.percentFavorable), low: lowFavorableShare })
    : t('{favorable}% favorable', { favorable })];
  if (isLowest) parts.push(t('the lowest of the {count} areas shown', { count: shownAreas }));
  if (result.gap !== null && result.gap <= -notableGap) parts.push(t('peer staff rate it {gap} lower than supervisors and clinical staff', { gap: Math.abs(result.gap).toFixed(2) }));
  if (result.change !== null && result.change <= -notableDrop) parts.push(t('down {points} points since the previous wave', { points: round(Math.abs(result.change)) }));
  return parts.join('; ');
}

/**
 * The documented rule: areas are ranked by % favorable, lowest first (ties: the larger gap
 * against supervisors and clinical staff first, then key); the one to three areas below 60%
 * come first, and when none is, the lowest alone, so a director always has a place to start.
 * Each says why with its figures, and lists its first actions from the research. Only areas
 * whose % favorable is shown are passed in usefully; others and those without actions are skipped.
 * Reasons and actions are in the language of `t` (English by default); figures are the same in each.
 */
export function suggestActions(results: readonly ConstructResult[], t: Translate = translator('en')): SuggestedActions[] {
  const ranked = results
    .filter((result): result is ConstructResult & { percentFavorable: number } => result.percentFavorable !== null && actionsByConstruct[result.construct] !== undefined)
    .sort((a, b) => a.percentFavorable - b.percentFavorable || (a.gap ?? 0) - (b.gap ?? 0) || a.key.localeCompare(b.key));
  const low = ranked.filter((result) => result.percentFavorable < lowFavorableShare).slice(0, maxRankedAreas);
  const chosen = low.length > 0 ? low : ranked.slice(0, 1);
  return chosen.map((result, index) => ({
    key: result.key, construct: result.construct, rank: index + 1,
    reason: describeReason(result, results.filter((entry) => entry.percentFavorable !== null).length, index === 0, t),
    actions: (actionsByConstruct[result.construct] ?? []).slice(0, actionsPerArea).map((action) => t(action)),
  }));
}
