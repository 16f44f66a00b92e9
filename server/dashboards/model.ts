import { canShowComments, chooseCommentUnits } from '../disclosure/comments.js';
import { describeOpenProgress } from '../disclosure/progress.js';
import { buildCodebook } from '../instruments/codebook.js';
import type { StaffLanguage } from '../i18n/languages.js';
import type { Translate } from '../i18n/translate.js';
import type { Instrument } from '../instruments/definition.js';
import { type SuggestedActions, suggestActions } from './actions.js';
import { matchesSearch, otherTheme, themes } from './comments/themes.js';
import {
  type ConstructStat, constructStat, decisionFor, type DriverRow, type GroupSelector, type ItemStat, itemStat, ratingItems, roleValues, type WaveFigures,
} from './assemble.js';

/** Drivers need this many scored respondents before a correlation means anything. */
export const minimumDriverRespondents = 25;

const roleLabels: Record<string, string> = { peer_staff: 'Peer staff', supervisor: 'Supervisors', clinical_other: 'Clinical and other staff' };

export type Group = { id: string; label: string };
/** A comment as a view lists it: `handle` is sealed afresh for this view (see comments/handles.ts); `themes` from comments/themes.ts. */
export type ShownComment = { handle: string; question: string; text: string; themes: string[] };
/** A count of comments, shown only from k up like every other count (below k: "fewer than k"). */
export type CommentCount = { isShown: true; n: number } | { isShown: false };
export type CommentList = {
  isShown: boolean; reason: string; isSample: boolean; items: ShownComment[];
  search: string; theme: string | null;
  themes: Array<{ key: string; label: string; count: CommentCount }>;
  matches: CommentCount | null;
};
export type ConstructRow = { key: string; construct: string; title: string; headline: ConstructStat; breakdown: ConstructStat[] };
/** `favorableChange` is null when either wave's % favorable is hidden (an item hidden for the group). */
export type Change = { key: string; title: string; change: { isShown: true; meanChange: number; favorableChange: number | null } | { isShown: false } };
/** Each area's mean in every closed wave of the instrument, oldest first; null where that wave hides it for the group. */
export type Trend = { waves: Array<{ id: string; name: string; isCurrent: boolean }>; rows: Array<{ key: string; title: string; means: Array<number | null> }> };
export type GapRow = { key: string; title: string; gap: { isShown: true; peerMean: number; staffMean: number; difference: number } | { isShown: false } };

export type Dashboard = {
  /** `commentThreshold` is the one in force: never below k. */
  wave: { id: string; name: string; instrumentTitle: string; k: number; commentThreshold: number; isClosed: boolean };
  headline: { label: string; count: { isShown: true; n: number } | { isShown: false } };
  roleGroups: Group[];
  participation: Array<Group & { count: { isShown: true; n: number; invited: number | null; ratePercent: number | null } | { isShown: false } }>;
  /** While the wave is open: the total rounded down to a step, and per unit only whether k is reached. */
  progress: { responsesAtLeast: number; step: number; units: Array<Group & { hasReachedK: boolean }> } | null;
  results: {
    breakdownOf: 'unit' | 'role';
    /** The rating scale's ends, for the heatmap's colour scale. */
    scale: { min: number; max: number };
    groups: Group[];
    constructs: ConstructRow[];
    items: Array<{ question: string; text: string; subscale: string; isReversed: boolean; stat: ItemStat }>;
    change: { previousWave: string | null; rows: Change[] };
    gap: { companionWave: string | null; rows: GapRow[] };
    drivers: { outcome: string | null; outcomeText: string | null; minimum: number; ranking: Array<{ key: string; title: string; r: number }> };
    trend: Trend;
    actions: SuggestedActions[];
    comments: CommentList;
  } | null;
  resultsMessage: string | null;
};

export type DashboardInput = {
  wave: { id: string; name: string; k: number; commentThreshold: number; instrumentTitle: string };
  instrument: Instrument;
  units: Group[];
  filter: GroupSelector;
  figures: WaveFigures;
  /** Respondents per unit, for choosing which units' comment lists may be shown. */
  unitTotals: Map<string, number>;
  invitedByUnit: Map<string, number>;
  previous: { name: string; figures: WaveFigures } | null;
  companion: { name: string; instrument: Instrument; figures: WaveFigures } | null;
  /** Every closed wave of the instrument, oldest first, this one included, each decided on its own. */
  trendWaves: Array<{ id: string; name: string; instrument: Instrument; figures: WaveFigures }>;
  drivers: DriverRow[];
  /** A random pool of the group's comments, at most `commentPoolLimit`, in random order; a page lists at most `commentLimit`. */
  comments: ShownComment[];
  commentLimit: number;
  commentPoolLimit: number;
  commentQuery: { search: string; theme: string | null };
};

/**
 * Who reads the dashboard: `t` gives its words in the reader's language, and construct and item
 * names come from the instrument's own text in that `language` when it has one, else English.
 */
export type Reader = { language: StaffLanguage; t: Translate };

/** A text of the instrument in the reader's language, English when the instrument lacks it. */
function inLanguage(texts: Readonly<Record<string, string | undefined>>, language: StaffLanguage, fallback: string): string {
  return texts[language] ?? texts.en ?? fallback;
}

function titleOf(instrument: Instrument, key: string, language: StaffLanguage): string {
  const subscale = instrument.subscales.find((entry) => entry.key === key);
  return subscale ? inLanguage(subscale.title, language, key) : key;
}

function roleLabel(role: string, t: Translate): string {
  const label = roleLabels[role];
  return label === undefined ? role : t(label);
}

/** Role filters a closed wave can fill: only role groups the disclosure module shows for the whole wave. */
function shownRoleGroups(instrument: Instrument, figures: WaveFigures, t: Translate): Group[] {
  return roleValues(instrument).filter((role) => decisionFor(figures.respondents, { role }).isShown).map((role) => ({ id: role, label: roleLabel(role, t) }));
}

function breakdownGroups(input: DashboardInput, t: Translate): { of: 'unit' | 'role'; groups: Group[]; selectors: GroupSelector[] } {
  if (input.filter.unitId !== undefined) {
    // Only role groups the wave shows: a row for a role its audience cannot fill would only ever read "Suppressed".
    const roles = shownRoleGroups(input.instrument, input.figures, t);
    return { of: 'role', groups: roles, selectors: roles.map((role) => ({ unitId: input.filter.unitId, role: role.id })) };
  }
  return { of: 'unit', groups: input.units, selectors: input.units.map((unit) => ({ unitId: unit.id, role: input.filter.role })) };
}

function describeChange(current: ConstructStat, previous: ConstructStat | undefined): Change['change'] {
  if (!current.isShown || previous?.isShown !== true) return { isShown: false };
  const favorableChange = current.percentFavorable !== null && previous.percentFavorable !== null ? current.percentFavorable - previous.percentFavorable : null;
  return { isShown: true, meanChange: current.mean - previous.mean, favorableChange };
}

function commentThresholdOf(wave: DashboardInput['wave']): number {
  return Math.max(wave.commentThreshold, wave.k);
}

const hiddenComments = (reason: string): CommentList => ({ isShown: false, reason, isSample: false, items: [], search: '', theme: null, themes: [], matches: null });

function countComments(n: number, k: number): CommentCount {
  return n >= k ? { isShown: true, n } : { isShown: false };
}

/**
 * Search and themes narrow a list the disclosure rules already allow (the whole wave, or a unit
 * chooseCommentUnits keeps), never the group, so they show no comment the plain list could not;
 * every count they add is shown from k up only, like any count of a group.
 */
function narrowComments(input: DashboardInput, t: Translate): CommentList {
  const { search, theme } = input.commentQuery;
  const searched = search === '' ? input.comments : input.comments.filter((comment) => matchesSearch(comment.text, search));
  const chosen = theme === null ? searched : searched.filter((comment) => comment.themes.includes(theme));
  return {
    isShown: true, reason: '', search, theme,
    isSample: input.comments.length >= input.commentPoolLimit || chosen.length > input.commentLimit,
    items: chosen.slice(0, input.commentLimit),
    themes: [...themes, otherTheme].map((entry) => ({ ...entry, label: t(entry.label), count: countComments(searched.filter((comment) => comment.themes.includes(entry.key)).length, input.wave.k) })),
    matches: search === '' && theme === null ? null : countComments(chosen.length, input.wave.k),
  };
}

function buildComments(input: DashboardInput, headline: ReturnType<typeof decisionFor>, t: Translate): CommentList {
  const threshold = commentThresholdOf(input.wave);
  if (input.filter.role !== undefined) return hiddenComments(t('Comments are listed for the whole wave and by unit, never by role group: two lists could be compared to single out a comment.'));
  if (!canShowComments(headline, threshold)) return hiddenComments(t('Comments are shown only for groups of {threshold} or more respondents.', { threshold }));
  const unitId = input.filter.unitId;
  if (unitId !== undefined) {
    const units = input.units.map((unit) => ({ id: unit.id, n: input.unitTotals.get(unit.id) ?? 0, isShown: decisionFor(input.figures.respondents, { unitId: unit.id }).isShown }));
    if (!chooseCommentUnits(units, threshold).has(unitId)) {
      return hiddenComments(t('Comments for this unit are not shown: the units not listed would be too small, so their comments could be singled out.'));
    }
  }
  return narrowComments(input, t);
}

/** A trend point is the mean that wave's own dashboard shows for the same group, so it adds no figure. */
function buildTrend(input: DashboardInput, language: StaffLanguage): Trend {
  return {
    waves: input.trendWaves.map((wave) => ({ id: wave.id, name: wave.name, isCurrent: wave.id === input.wave.id })),
    rows: input.instrument.subscales.map((subscale) => ({
      key: subscale.key, title: inLanguage(subscale.title, language, subscale.key),
      means: input.trendWaves.map((wave) => {
        const stat = constructStat(wave.figures, subscale.key, input.filter, wave.instrument);
        return stat.isShown ? stat.mean : null;
      }),
    })),
  };
}

/** While a wave is open: no figures, the total in steps of 5 and per unit only whether k is reached, so two visits differ by no single response. */
export function buildOpenDashboard(input: Pick<DashboardInput, 'wave' | 'instrument' | 'units'> & { counts: ReadonlyArray<{ unitId: string; n: number }> }, reader: Reader): Dashboard {
  const { t } = reader;
  const progress = describeOpenProgress(input.counts.map((row) => ({ unit: row.unitId, n: row.n })), input.wave.k);
  return {
    wave: { ...input.wave, instrumentTitle: instrumentTitleOf(input, reader.language), commentThreshold: commentThresholdOf(input.wave), isClosed: false },
    headline: { label: t('Whole wave'), count: { isShown: false } },
    // Nothing is shown by role while a wave is open, so no role filter is offered.
    roleGroups: [],
    participation: input.units.map((unit) => ({ ...unit, count: { isShown: false } })),
    progress: {
      responsesAtLeast: progress.responsesAtLeast, step: progress.step,
      units: input.units.map((unit) => ({ ...unit, hasReachedK: progress.unitsReachingK.has(unit.id) })),
    },
    results: null,
    resultsMessage: t('Results appear when the wave closes, so that no single response can be spotted by comparing two visits.'),
  };
}

function instrumentTitleOf(input: Pick<DashboardInput, 'wave' | 'instrument'>, language: StaffLanguage): string {
  return input.instrument.title[language] ?? input.wave.instrumentTitle;
}

/**
 * The whole dashboard of one wave for one group (the wave, a unit, or a role group), from
 * figures the disclosure module has already decided, for a closed wave (see buildOpenDashboard).
 */
export function buildDashboard(input: DashboardInput, reader: Reader): Dashboard {
  const { instrument, figures, filter } = input;
  const { language, t } = reader;
  const headlineCount = decisionFor(figures.respondents, filter);
  const headlineLabel = filter.unitId !== undefined
    ? (input.units.find((unit) => unit.id === filter.unitId)?.label ?? t('Unit'))
    : filter.role !== undefined ? roleLabel(filter.role, t) : t('Whole wave');
  const participation = input.units.map((unit) => {
    const count = decisionFor(figures.respondents, { unitId: unit.id });
    const invited = input.invitedByUnit.get(unit.id) ?? null;
    return {
      ...unit,
      count: count.isShown ? { isShown: true as const, n: count.n, invited, ratePercent: invited ? (100 * count.n) / invited : null } : { isShown: false as const },
    };
  });
  const base = {
    wave: {
      id: input.wave.id, name: input.wave.name, instrumentTitle: instrumentTitleOf(input, language), k: input.wave.k,
      commentThreshold: commentThresholdOf(input.wave), isClosed: true,
    },
    headline: { label: headlineLabel, count: headlineCount.isShown ? { isShown: true as const, n: headlineCount.n } : { isShown: false as const } },
    roleGroups: shownRoleGroups(instrument, figures, t),
    participation,
    progress: null,
  };
  if (!headlineCount.isShown) {
    const message = t('Results for {group} are not shown: the group is too small, or showing it would let someone work out a group smaller than {k}.', { group: headlineLabel, k: input.wave.k });
    return { ...base, results: null, resultsMessage: message };
  }
  const breakdown = breakdownGroups(input, t);
  const constructs = instrument.subscales.map((subscale) => ({
    key: subscale.key, construct: subscale.construct, title: inLanguage(subscale.title, language, subscale.key),
    headline: constructStat(figures, subscale.key, filter, instrument),
    breakdown: breakdown.selectors.map((selector) => constructStat(figures, subscale.key, selector, instrument)),
  }));
  const codebook = new Map(buildCodebook(instrument).map((row) => [row.variable, row]));
  const items = ratingItems(instrument)
    .map((question) => {
      const entry = codebook.get(question);
      return { question, text: entry ? inLanguage(entry.texts, language, question) : question, subscale: entry?.subscale ?? '', isReversed: entry?.isReverseCoded ?? false, stat: itemStat(figures, instrument, question, filter) };
    })
    .sort((a, b) => (a.stat.isShown ? a.stat.percentFavorable : 101) - (b.stat.isShown ? b.stat.percentFavorable : 101));
  const previous = input.previous;
  const change = {
    previousWave: previous?.name ?? null,
    rows: constructs.map((row) => ({
      key: row.key, title: row.title,
      change: describeChange(row.headline, previous ? constructStat(previous.figures, row.key, filter, instrument) : undefined),
    })),
  };
  const companion = input.companion;
  const gapGroup: GroupSelector = filter.unitId !== undefined ? { unitId: filter.unitId } : {};
  const gap = {
    companionWave: companion?.name ?? null,
    rows: constructs.flatMap((row) => {
      if (!companion?.instrument.subscales.some((subscale) => subscale.key === row.key)) return [];
      const ours = constructStat(figures, row.key, gapGroup, instrument);
      const theirs = constructStat(companion.figures, row.key, gapGroup, companion.instrument);
      const isPeerWave = instrument.audience === 'peer_staff';
      const [peer, staff] = isPeerWave ? [ours, theirs] : [theirs, ours];
      return [{
        key: row.key, title: row.title,
        gap: peer.isShown && staff.isShown ? { isShown: true as const, peerMean: peer.mean, staffMean: staff.mean, difference: peer.mean - staff.mean } : { isShown: false as const },
      }];
    }),
  };
  const drivers = {
    outcome: instrument.outcomeQuestion ?? null,
    outcomeText: instrument.outcomeQuestion ? inLanguage(codebook.get(instrument.outcomeQuestion)?.texts ?? {}, language, instrument.outcomeQuestion) : null,
    minimum: minimumDriverRespondents,
    ranking: input.drivers
      .filter((row): row is DriverRow & { r: number } => row.r !== null && row.n >= minimumDriverRespondents && headlineCount.n >= minimumDriverRespondents)
      .map((row) => ({ key: row.subscale, title: titleOf(instrument, row.subscale, language), r: row.r }))
      .sort((a, b) => b.r - a.r),
  };
  const actions = suggestActions(constructs.flatMap((row) => {
    if (!row.headline.isShown) return [];
    const gapRow = gap.rows.find((entry) => entry.key === row.key)?.gap;
    const changeRow = change.rows.find((entry) => entry.key === row.key)?.change;
    return [{
      key: row.key, construct: row.construct, title: row.title, percentFavorable: row.headline.percentFavorable,
      gap: gapRow?.isShown ? gapRow.difference : null, change: changeRow?.isShown ? changeRow.favorableChange : null,
    }];
  }), t);
  return {
    ...base,
    results: {
      breakdownOf: breakdown.of, scale: { min: instrument.scale.min, max: instrument.scale.max }, groups: breakdown.groups, constructs, items, change, gap, drivers, actions, trend: buildTrend(input, language),
      comments: buildComments(input, headlineCount, t),
    },
    resultsMessage: null,
  };
}
