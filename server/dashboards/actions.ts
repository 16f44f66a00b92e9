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

/** Below this share of favorable respondents, a construct always counts as low. */
export const lowFavorableShare = 60;

export type ConstructResult = { key: string; construct: string; percentFavorable: number };
export type SuggestedActions = { key: string; construct: string; reason: string; actions: readonly string[] };

/**
 * The documented rule: a construct is low when fewer than 60% of scored respondents are
 * favorable (mean item score at or above "Agree"), and the lowest construct of the wave is
 * always listed too, so a director always has a first place to start. Only constructs whose
 * results may be shown are passed in; constructs without known actions are skipped.
 */
export function suggestActions(results: readonly ConstructResult[]): SuggestedActions[] {
  const lowest = [...results].sort((a, b) => a.percentFavorable - b.percentFavorable)[0];
  return results
    .filter((result) => result.percentFavorable < lowFavorableShare || result === lowest)
    .sort((a, b) => a.percentFavorable - b.percentFavorable)
    .flatMap((result) => {
      const actions = actionsByConstruct[result.construct];
      if (!actions) return [];
      const favorable = `${Math.round(result.percentFavorable)}% favorable`;
      const reason = result.percentFavorable < lowFavorableShare ? `${favorable}, below ${lowFavorableShare}%` : `${favorable}, the lowest of this wave`;
      return [{ key: result.key, construct: result.construct, reason, actions }];
    });
}
