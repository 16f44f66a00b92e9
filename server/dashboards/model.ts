import { canShowComments } from '../disclosure/comments.js';
import { buildCodebook } from '../instruments/codebook.js';
import type { Instrument } from '../instruments/definition.js';
import { type SuggestedActions, suggestActions } from './actions.js';
import {
  type ConstructStat, constructStat, decisionFor, type DriverRow, type GroupSelector, type ItemStat, itemStat, ratingItems, roleValues, type WaveFigures,
} from './assemble.js';
import type { CommentRow } from './queries.js';

/** Drivers need this many scored respondents before a correlation means anything. */
export const minimumDriverRespondents = 25;

const roleLabels: Record<string, string> = { peer_staff: 'Peer staff', supervisor: 'Supervisors', clinical_other: 'Clinical and other staff' };

export type Group = { id: string; label: string };
export type ConstructRow = { key: string; construct: string; title: string; headline: ConstructStat; breakdown: ConstructStat[] };
export type Change = { key: string; title: string; change: { isShown: true; meanChange: number; favorableChange: number } | { isShown: false } };
export type GapRow = { key: string; title: string; gap: { isShown: true; peerMean: number; staffMean: number; difference: number } | { isShown: false } };

export type Dashboard = {
  /** `commentThreshold` is the one in force: never below k. */
  wave: { id: string; name: string; instrumentTitle: string; k: number; commentThreshold: number; isClosed: boolean };
  headline: { label: string; count: { isShown: true; n: number } | { isShown: false } };
  roleGroups: Group[];
  participation: Array<Group & { count: { isShown: true; n: number; invited: number | null; ratePercent: number | null } | { isShown: false } }>;
  results: {
    breakdownOf: 'unit' | 'role';
    groups: Group[];
    constructs: ConstructRow[];
    items: Array<{ question: string; text: string; subscale: string; isReversed: boolean; stat: ItemStat }>;
    change: { previousWave: string | null; rows: Change[] };
    gap: { companionWave: string | null; rows: GapRow[] };
    drivers: { outcome: string | null; outcomeText: string | null; minimum: number; ranking: Array<{ key: string; title: string; r: number }> };
    actions: SuggestedActions[];
    comments: { isShown: boolean; reason: string; isSample: boolean; items: Array<{ responseId: string; question: string; text: string }> };
  } | null;
  resultsMessage: string | null;
};

export type DashboardInput = {
  wave: { id: string; name: string; k: number; commentThreshold: number; isClosed: boolean; instrumentTitle: string };
  instrument: Instrument;
  units: Group[];
  filter: GroupSelector;
  figures: WaveFigures;
  rawTotals: { total: number; group: number };
  invitedByUnit: Map<string, number>;
  previous: { name: string; figures: WaveFigures } | null;
  companion: { name: string; instrument: Instrument; figures: WaveFigures } | null;
  drivers: DriverRow[];
  /** A random sample of the group's comments, at most `commentLimit`. */
  comments: CommentRow[];
  commentLimit: number;
};

function titleOf(instrument: Instrument, key: string): string {
  return instrument.subscales.find((subscale) => subscale.key === key)?.title.en ?? key;
}

function breakdownGroups(input: DashboardInput): { of: 'unit' | 'role'; groups: Group[]; selectors: GroupSelector[] } {
  if (input.filter.unitId !== undefined) {
    const roles = roleValues(input.instrument);
    return { of: 'role', groups: roles.map((role) => ({ id: role, label: roleLabels[role] ?? role })), selectors: roles.map((role) => ({ unitId: input.filter.unitId, role })) };
  }
  return { of: 'unit', groups: input.units, selectors: input.units.map((unit) => ({ unitId: unit.id, role: input.filter.role })) };
}

function describeChange(current: ConstructStat, previous: ConstructStat | undefined): Change['change'] {
  if (!current.isShown || previous?.isShown !== true) return { isShown: false };
  return { isShown: true, meanChange: current.mean - previous.mean, favorableChange: current.percentFavorable - previous.percentFavorable };
}

function commentThresholdOf(wave: DashboardInput['wave']): number {
  return Math.max(wave.commentThreshold, wave.k);
}

function buildComments(input: DashboardInput, headline: ReturnType<typeof decisionFor>): NonNullable<Dashboard['results']>['comments'] {
  const threshold = commentThresholdOf(input.wave);
  if (!canShowComments(headline, threshold)) {
    return { isShown: false, reason: `Comments are shown only for groups of ${threshold} or more respondents.`, isSample: false, items: [] };
  }
  // The rest of the wave must be empty or large too: wave comments minus this group's would be theirs.
  const rest = input.rawTotals.total - input.rawTotals.group;
  if (rest > 0 && rest < threshold) {
    return { isShown: false, reason: 'Comments for this group are not shown: the rest of the wave is too small, so its comments could be singled out.', isSample: false, items: [] };
  }
  return { isShown: true, reason: '', isSample: input.comments.length >= input.commentLimit, items: input.comments };
}

/**
 * The whole dashboard of one wave for one group (the wave, a unit, or a role group), from
 * figures the disclosure module has already decided. Results appear only once the wave has
 * closed: while it is open, two views a day apart would differ by single responses.
 */
export function buildDashboard(input: DashboardInput): Dashboard {
  const { instrument, figures, filter } = input;
  const headlineCount = decisionFor(figures.respondents, filter);
  const headlineLabel = filter.unitId !== undefined
    ? (input.units.find((unit) => unit.id === filter.unitId)?.label ?? 'Unit')
    : filter.role !== undefined ? (roleLabels[filter.role] ?? filter.role) : 'Whole wave';
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
      id: input.wave.id, name: input.wave.name, instrumentTitle: input.wave.instrumentTitle, k: input.wave.k,
      commentThreshold: commentThresholdOf(input.wave), isClosed: input.wave.isClosed,
    },
    headline: { label: headlineLabel, count: headlineCount.isShown ? { isShown: true as const, n: headlineCount.n } : { isShown: false as const } },
    roleGroups: roleValues(instrument).map((role) => ({ id: role, label: roleLabels[role] ?? role })),
    participation,
  };
  if (!input.wave.isClosed) {
    return { ...base, results: null, resultsMessage: 'Results appear when the wave closes, so that no single response can be spotted by comparing two visits.' };
  }
  if (!headlineCount.isShown) {
    return { ...base, results: null, resultsMessage: `Results for ${headlineLabel} are not shown: the group is too small, or showing it would let someone work out a group smaller than ${input.wave.k}.` };
  }
  const breakdown = breakdownGroups(input);
  const constructs = instrument.subscales.map((subscale) => ({
    key: subscale.key, construct: subscale.construct, title: subscale.title.en ?? subscale.key,
    headline: constructStat(figures, subscale.key, filter, instrument.scale),
    breakdown: breakdown.selectors.map((selector) => constructStat(figures, subscale.key, selector, instrument.scale)),
  }));
  const codebook = new Map(buildCodebook(instrument).map((row) => [row.variable, row]));
  const items = ratingItems(instrument)
    .map((question) => {
      const entry = codebook.get(question);
      return { question, text: entry?.texts.en ?? question, subscale: entry?.subscale ?? '', isReversed: entry?.isReverseCoded ?? false, stat: itemStat(figures, instrument, question, filter) };
    })
    .sort((a, b) => (a.stat.isShown ? a.stat.percentFavorable : 101) - (b.stat.isShown ? b.stat.percentFavorable : 101));
  const previous = input.previous;
  const change = {
    previousWave: previous?.name ?? null,
    rows: constructs.map((row) => ({
      key: row.key, title: row.title,
      change: describeChange(row.headline, previous ? constructStat(previous.figures, row.key, filter, instrument.scale) : undefined),
    })),
  };
  const companion = input.companion;
  const gapGroup: GroupSelector = filter.unitId !== undefined ? { unitId: filter.unitId } : {};
  const gap = {
    companionWave: companion?.name ?? null,
    rows: constructs.flatMap((row) => {
      if (!companion?.instrument.subscales.some((subscale) => subscale.key === row.key)) return [];
      const ours = constructStat(figures, row.key, gapGroup, instrument.scale);
      const theirs = constructStat(companion.figures, row.key, gapGroup, companion.instrument.scale);
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
    outcomeText: instrument.outcomeQuestion ? (codebook.get(instrument.outcomeQuestion)?.texts.en ?? instrument.outcomeQuestion) : null,
    minimum: minimumDriverRespondents,
    ranking: input.drivers
      .filter((row): row is DriverRow & { r: number } => row.r !== null && row.n >= minimumDriverRespondents && headlineCount.n >= minimumDriverRespondents)
      .map((row) => ({ key: row.subscale, title: titleOf(instrument, row.subscale), r: row.r }))
      .sort((a, b) => b.r - a.r),
  };
  const actions = suggestActions(constructs.flatMap((row) => (row.headline.isShown ? [{ key: row.key, construct: row.construct, percentFavorable: row.headline.percentFavorable }] : [])));
  return {
    ...base,
    results: {
      breakdownOf: breakdown.of, groups: breakdown.groups, constructs, items, change, gap, drivers, actions,
      comments: buildComments(input, headlineCount),
    },
    resultsMessage: null,
  };
}
