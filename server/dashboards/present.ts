import type { ConstructStat } from './assemble.js';
import { type HeatColour, heatColour } from './heat-colour.js';
import type { CommentCount, Dashboard } from './model.js';
import type { DashboardFilter } from './schema.js';

/** Every suppressed figure reads the same, so a reader cannot tell small hidden groups from large ones. */
export const suppressedLabel = 'Suppressed';

export type Cell = { text: string; isSuppressed: boolean; shade: HeatColour | null };

/** A mean as printed, its heatmap shade computed from the printed text so equal text means equal shade. */
function formatMean(stat: ConstructStat, scale: { min: number; max: number }): Cell {
  if (!stat.isShown) return { text: suppressedLabel, isSuppressed: true, shade: null };
  const text = stat.mean.toFixed(2);
  return { text, isSuppressed: false, shade: heatColour(text, scale) };
}

function formatPercent(value: number | null): string {
  return value === null ? suppressedLabel : `${Math.round(value)}%`;
}

/** The one definition of % favorable, printed on the page and in the PDF (README "Dashboards"). */
export const favorableDefinition = '% favorable is the share of answers that are 4 "Agree" or 5 "Strongly agree" (after reverse coding). '
  + 'For an area it counts every answer to the area\'s items, so an area\'s % favorable always lies between those of its items. '
  + 'The page, the charts, "What to do next", the PDF and the exports all use it.';

function formatCommentCount(count: CommentCount | null, k: number): string {
  if (count === null) return '';
  return count.isShown ? `${count.n} ${count.n === 1 ? 'comment' : 'comments'}` : `fewer than ${k} comments`;
}

function formatSigned(value: number, digits: number, suffix = ''): string {
  const rounded = value.toFixed(digits);
  return `${value > 0 ? '+' : value < 0 ? '' : '±'}${rounded}${suffix}`;
}

export type DashboardReport = ReturnType<typeof presentReport>;
export type DashboardPage = ReturnType<typeof presentDashboard>;

/**
 * The dashboard's figures formatted for reading, "Suppressed" for every hidden one: the page and
 * the PDF both print this, so a figure hidden on one is hidden on the other.
 */
export function presentReport(dashboard: Dashboard) {
  const results = dashboard.results;
  return {
    title: `${dashboard.wave.name}: dashboard`,
    wave: dashboard.wave,
    favorableDefinition,
    headline: {
      label: dashboard.headline.label,
      count: dashboard.progress ? `${dashboard.progress.responsesAtLeast} or more (counted in steps of ${dashboard.progress.step} while the wave is open)`
        : dashboard.headline.count.isShown ? String(dashboard.headline.count.n) : suppressedLabel,
    },
    participation: dashboard.progress
      ? dashboard.progress.units.map((unit) => ({
        label: unit.label, responses: unit.hasReachedK ? `${dashboard.wave.k} or more` : `fewer than ${dashboard.wave.k} so far`, rate: 'after close', isSuppressed: false,
      }))
      : dashboard.participation.map((unit) => ({
        label: unit.label,
        responses: unit.count.isShown ? String(unit.count.n) : suppressedLabel,
        rate: unit.count.isShown && unit.count.ratePercent !== null ? formatPercent(unit.count.ratePercent) : unit.count.isShown ? 'open link' : suppressedLabel,
        isSuppressed: !unit.count.isShown,
      })),
    resultsMessage: dashboard.resultsMessage,
    results: results && {
      breakdownOf: results.breakdownOf,
      groups: results.groups,
      constructs: results.constructs.map((row) => ({
        key: row.key,
        title: row.title,
        mean: formatMean(row.headline, results.scale),
        favorable: row.headline.isShown ? formatPercent(row.headline.percentFavorable) : suppressedLabel,
        n: row.headline.isShown ? String(row.headline.n) : suppressedLabel,
        sd: row.headline.isShown && row.headline.sd !== null ? row.headline.sd.toFixed(2) : '–',
        distribution: row.headline.isShown ? [row.headline.categories.unfavorable, row.headline.categories.neutral, row.headline.categories.favorable].map(String) : [],
        breakdown: row.breakdown.map((stat) => formatMean(stat, results.scale)),
      })),
      items: results.items.map((item) => ({
        question: item.question,
        text: item.text,
        isReversed: item.isReversed,
        subscale: item.subscale,
        mean: item.stat.isShown ? item.stat.mean.toFixed(2) : suppressedLabel,
        favorable: item.stat.isShown ? formatPercent(item.stat.percentFavorable) : suppressedLabel,
      })),
      change: {
        previousWave: results.change.previousWave,
        rows: results.change.rows.map((row) => ({
          title: row.title,
          mean: row.change.isShown ? formatSigned(row.change.meanChange, 2) : suppressedLabel,
          favorable: row.change.isShown && row.change.favorableChange !== null ? formatSigned(row.change.favorableChange, 0, ' pt') : suppressedLabel,
          direction: row.change.isShown ? (row.change.meanChange > 0.05 ? 'better' : row.change.meanChange < -0.05 ? 'worse' : 'about the same') : '',
        })),
      },
      gap: {
        companionWave: results.gap.companionWave,
        rows: results.gap.rows.map((row) => ({
          title: row.title,
          peer: row.gap.isShown ? row.gap.peerMean.toFixed(2) : suppressedLabel,
          staff: row.gap.isShown ? row.gap.staffMean.toFixed(2) : suppressedLabel,
          difference: row.gap.isShown ? formatSigned(row.gap.difference, 2) : suppressedLabel,
        })),
      },
      drivers: { ...results.drivers, ranking: results.drivers.ranking.map((row) => ({ title: row.title, r: row.r.toFixed(2) })) },
      actions: results.actions.map((entry) => ({ ...entry, title: results.constructs.find((row) => row.key === entry.key)?.title ?? entry.key })),
      trend: {
        waves: results.trend.waves,
        rows: results.trend.rows.map((row) => ({ title: row.title, means: row.means.map((mean) => (mean === null ? suppressedLabel : mean.toFixed(2))) })),
      },
      comments: {
        ...results.comments,
        matches: formatCommentCount(results.comments.matches, dashboard.wave.k),
        themes: results.comments.themes.map((theme) => ({ ...theme, count: formatCommentCount(theme.count, dashboard.wave.k) })),
      },
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
export function presentDashboard(dashboard: Dashboard, context: PageContext) {
  return { ...presentReport(dashboard), links: buildLinks(dashboard, context), canHideComments: context.isManager, query: context.query };
}
