import type { Translate } from '../i18n/translate.js';
import type { ConstructStat } from './assemble.js';
import { type HeatColour, heatColour } from './heat-colour.js';
import type { CommentCount, Dashboard } from './model.js';
import type { DashboardFilter } from './schema.js';

/**
 * Every suppressed figure reads the same, so a reader cannot tell small hidden groups from large
 * ones; the page and the PDF print it in the reader's language (`t(suppressedLabel)`).
 */
export const suppressedLabel = 'Suppressed';

export type Cell = { text: string; isSuppressed: boolean; shade: HeatColour | null };

/** A mean as printed, its heatmap shade computed from the printed text so equal text means equal shade. */
function formatMean(stat: ConstructStat, scale: { min: number; max: number }, suppressed: string): Cell {
  if (!stat.isShown) return { text: suppressed, isSuppressed: true, shade: null };
  const text = stat.mean.toFixed(2);
  return { text, isSuppressed: false, shade: heatColour(text, scale) };
}

function formatPercent(value: number | null, suppressed: string): string {
  return value === null ? suppressed : `${Math.round(value)}%`;
}

/** The one definition of % favorable, printed on the page and in the PDF (README "Dashboards"). */
/** The column of % favorable: the same words in Spanish (the glossary's), so no catalogue entry. */
export const favorableHeading = '% favorable';

// One literal (not joined pieces), so the Spanish catalogue finds it as its key.
export const favorableDefinition = `% favorable is the share of answers that are 4 "Agree" or 5 "Strongly agree" (after reverse coding). For an area it counts every answer to the area's items, so an area's % favorable always lies between those of its items. The page, the charts, "What to do next", the PDF and the exports all use it.`;

function formatCommentCount(count: CommentCount | null, k: number, t: Translate): string {
  if (count === null) return '';
  if (!count.isShown) return t('fewer than {k} comments', { k });
  return count.n === 1 ? t('{count} comment', { count: count.n }) : t('{count} comments', { count: count.n });
}

/** What the counted comments match, after their count ("12 comments" match "pay" in the theme Supervision.). */
function describeMatches(comments: { search: string; theme: string | null; themes: ReadonlyArray<{ key: string; label: string }> }, t: Translate): string {
  const theme = comments.themes.find((entry) => entry.key === comments.theme)?.label;
  if (comments.search !== '' && theme !== undefined) return t('match “{search}” in the theme {theme}.', { search: comments.search, theme });
  if (comments.search !== '') return t('match “{search}”.', { search: comments.search });
  return theme === undefined ? '' : t('in the theme {theme}.', { theme });
}

function describeDirection(meanChange: number, t: Translate): string {
  if (meanChange > 0.05) return t('better');
  return meanChange < -0.05 ? t('worse') : t('about the same');
}

function formatSigned(value: number, digits: number): string {
  const rounded = value.toFixed(digits);
  return `${value > 0 ? '+' : value < 0 ? '' : '±'}${rounded}`;
}

export type DashboardReport = ReturnType<typeof presentReport>;
export type DashboardPage = ReturnType<typeof presentDashboard>;

/**
 * The dashboard's figures formatted for reading, "Suppressed" for every hidden one: the page and
 * the PDF both print this, so a figure hidden on one is hidden on the other.
 */
export function presentReport(dashboard: Dashboard, t: Translate) {
  const suppressed = t(suppressedLabel);
  const { k } = dashboard.wave;
  const isWholeWave = dashboard.headline.label === t('Whole wave');
  return {
    title: t('{wave}: dashboard', { wave: dashboard.wave.name }),
    wave: dashboard.wave,
    suppressed,
    favorableHeading,
    favorableDefinition: t(favorableDefinition),
    headline: {
      label: dashboard.headline.label,
      count: dashboard.progress ? t('{count} or more (counted in steps of {step} while the wave is open)', { count: dashboard.progress.responsesAtLeast, step: dashboard.progress.step })
        : dashboard.headline.count.isShown ? String(dashboard.headline.count.n) : suppressed,
    },
    areasHeading: isWholeWave ? t('How the wave rates each area') : t('How {group} rates each area', { group: dashboard.headline.label }),
    participation: dashboard.progress
      ? dashboard.progress.units.map((unit) => ({
        label: unit.label, responses: unit.hasReachedK ? t('{k} or more', { k }) : t('fewer than {k} so far', { k }), rate: t('after close'), isSuppressed: false,
      }))
      : dashboard.participation.map((unit) => ({
        label: unit.label,
        responses: unit.count.isShown ? String(unit.count.n) : suppressed,
        rate: unit.count.isShown && unit.count.ratePercent !== null ? formatPercent(unit.count.ratePercent, suppressed) : unit.count.isShown ? t('open link') : suppressed,
        isSuppressed: !unit.count.isShown,
      })),
    resultsMessage: dashboard.resultsMessage,
    results: presentResults(dashboard, t, suppressed),
  };
}

function presentResults(dashboard: Dashboard, t: Translate, suppressed: string) {
  const results = dashboard.results;
  return results && {
      breakdownOf: results.breakdownOf,
      groups: results.groups,
      constructs: results.constructs.map((row) => ({
        key: row.key,
        title: row.title,
        mean: formatMean(row.headline, results.scale, suppressed),
        favorable: row.headline.isShown ? formatPercent(row.headline.percentFavorable, suppressed) : suppressed,
        n: row.headline.isShown ? String(row.headline.n) : suppressed,
        sd: row.headline.isShown && row.headline.sd !== null ? row.headline.sd.toFixed(2) : '–',
        distribution: row.headline.isShown ? [row.headline.categories.unfavorable, row.headline.categories.neutral, row.headline.categories.favorable].map(String) : [],
        breakdown: row.breakdown.map((stat) => formatMean(stat, results.scale, suppressed)),
      })),
      items: results.items.map((item) => ({
        question: item.question,
        text: item.text,
        isReversed: item.isReversed,
        subscale: item.subscale,
        mean: item.stat.isShown ? item.stat.mean.toFixed(2) : suppressed,
        favorable: item.stat.isShown ? formatPercent(item.stat.percentFavorable, suppressed) : suppressed,
      })),
      change: {
        previousWave: results.change.previousWave,
        rows: results.change.rows.map((row) => ({
          title: row.title,
          mean: row.change.isShown ? formatSigned(row.change.meanChange, 2) : suppressed,
          favorable: row.change.isShown && row.change.favorableChange !== null ? t('{change} pt', { change: formatSigned(row.change.favorableChange, 0) }) : suppressed,
          direction: row.change.isShown ? describeDirection(row.change.meanChange, t) : '',
        })),
      },
      gap: {
        companionWave: results.gap.companionWave,
        rows: results.gap.rows.map((row) => ({
          title: row.title,
          peer: row.gap.isShown ? row.gap.peerMean.toFixed(2) : suppressed,
          staff: row.gap.isShown ? row.gap.staffMean.toFixed(2) : suppressed,
          difference: row.gap.isShown ? formatSigned(row.gap.difference, 2) : suppressed,
        })),
      },
      drivers: { ...results.drivers, ranking: results.drivers.ranking.map((row) => ({ title: row.title, r: row.r.toFixed(2) })) },
      actions: results.actions.map((entry) => ({ ...entry, title: results.constructs.find((row) => row.key === entry.key)?.title ?? entry.key })),
      trend: {
        waves: results.trend.waves,
        rows: results.trend.rows.map((row) => ({ title: row.title, means: row.means.map((mean) => (mean === null ? suppressed : mean.toFixed(2))) })),
      },
      comments: {
        ...results.comments,
        matches: formatCommentCount(results.comments.matches, dashboard.wave.k, t),
        matchesText: describeMatches(results.comments, t),
        themes: results.comments.themes.map((theme) => ({ ...theme, count: formatCommentCount(theme.count, dashboard.wave.k, t) })),
      },
  };
}

type PageContext = { orgId: string; organizationName: string; query: DashboardFilter; isManager: boolean };

/** The dashboard's own address with the given filter (unit or role, comment search and theme). */
function dashboardHref(base: string, query: DashboardFilter): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  const search = new URLSearchParams(entries).toString();
  return search ? `${base}?${search}` : base;
}

/** Links of the page: breadcrumbs, filters (group only), downloads (same filter), comment themes (within the same group). */
function buildLinks(dashboard: Dashboard, context: PageContext) {
  const organization = `/orgs/${context.orgId}`;
  const wave = `${organization}/waves/${dashboard.wave.id}`;
  const base = `${wave}/dashboard`;
  const group: DashboardFilter = { ...(context.query.unit ? { unit: context.query.unit } : {}), ...(context.query.role ? { role: context.query.role } : {}) };
  const withQuery = (path: string): string => dashboardHref(path, context.query);
  return {
    organization, organizationName: context.organizationName, wave: context.isManager ? wave : null,
    self: dashboardHref(base, group), whole: base, json: withQuery(`${base}.json`), pdf: withQuery(`${base}.pdf`),
    units: dashboard.participation.map((unit) => ({ id: unit.id, label: unit.label, href: dashboardHref(base, { unit: unit.id }) })),
    roles: dashboard.roleGroups.map((role) => ({ ...role, href: dashboardHref(base, { role: role.id }) })),
    allThemes: dashboardHref(base, { ...group, ...(context.query.q ? { q: context.query.q } : {}) }),
    themes: (dashboard.results?.comments.themes ?? []).map((theme) => ({ key: theme.key, href: dashboardHref(base, { ...group, ...(context.query.q ? { q: context.query.q } : {}), theme: theme.key }) })),
    group, hideConfirm: `${wave}/comments/hide/confirm`,
  };
}

/** The dashboard as an HTML page's view model: the report, its links and whether the reader may hide comments. */
export function presentDashboard(dashboard: Dashboard, context: PageContext, t: Translate) {
  return { ...presentReport(dashboard, t), links: buildLinks(dashboard, context), canHideComments: context.isManager, query: context.query };
}
