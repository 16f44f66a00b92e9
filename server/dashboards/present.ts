import type { ConstructStat } from './assemble.js';
import { type HeatColour, heatColour } from './heat-colour.js';
import type { Dashboard } from './model.js';

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

function formatSigned(value: number, digits: number, suffix = ''): string {
  const rounded = value.toFixed(digits);
  return `${value > 0 ? '+' : value < 0 ? '' : '±'}${rounded}${suffix}`;
}

export type DashboardReport = ReturnType<typeof presentReport>;
export type DashboardPage = ReturnType<typeof presentDashboard>;
type DashboardLinks = { self: string; json: string; pdf: string; units: Array<{ id: string; label: string; href: string }>; roles: Array<{ id: string; label: string; href: string }>; whole: string };

/**
 * The dashboard's figures formatted for reading, "Suppressed" for every hidden one: the page and
 * the PDF both print this, so a figure hidden on one is hidden on the other.
 */
export function presentReport(dashboard: Dashboard) {
  const results = dashboard.results;
  return {
    title: `${dashboard.wave.name}: dashboard`,
    wave: dashboard.wave,
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
      actions: results.actions,
      comments: results.comments,
    },
  };
}

/** The dashboard as an HTML page's view model: the report, with the filter links and the hide-comment permission. */
export function presentDashboard(dashboard: Dashboard, links: DashboardLinks, canHideComments: boolean) {
  return { ...presentReport(dashboard), links, canHideComments };
}
