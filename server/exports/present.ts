import { holdsRole, type Staff } from '../accounts/roles.js';
import type { StaffLanguage } from '../i18n/languages.js';
import type { Translate } from '../i18n/translate.js';
import type { OrganizationRow } from '../organizations/queries.js';
import type { WaveRow } from '../waves/queries.js';
import { displayStatus, isClosedOn } from '../waves/schedule.js';
import { type ExportKind, exportFiles, fileNameOf, fileStemOf } from './files.js';
import { buildRSnippet } from './r-snippet.js';

/** `titles`: each instrument version's title by language, so the page names it in the reader's (English when it has none). */
type Listing = {
  waves: readonly WaveRow[];
  series: ReadonlyArray<{ versionId: string; title: string; fileStem: string; waves: readonly WaveRow[] }>;
  titles: ReadonlyMap<string, Readonly<Record<string, string>>>;
};

/** One downloadable set: a wave, or every wave of one instrument's questions. */
export type ExportSetView = {
  id: string;
  title: string;
  description: string;
  isExportable: boolean;
  allowsComments: boolean;
  urls: Record<ExportKind, string>;
  /** The wave's reliability report; null for a set of several waves. */
  reliabilityUrl: string | null;
  rSnippet: string;
};

function describeSet(basePath: string, title: string, description: string, stem: string, waves: readonly WaveRow[], reliabilityUrl: string | null = null): ExportSetView {
  const url = (kind: ExportKind): string =>
    `${basePath}/${kind === 'responses' || kind === 'coarsening' ? 'respondents/' : ''}${exportFiles[kind]}`;
  return {
    id: fileStemOf(basePath),
    title,
    description,
    isExportable: waves.some((wave) => isClosedOn(wave, wave.today)),
    allowsComments: waves.every((wave) => wave.allowCommentExport),
    urls: {
      responses: url('responses'), coarsening: url('coarsening'), aggregated: url('aggregated'), codebook: url('codebook'), spss: url('spss'), stata: url('stata'),
    },
    reliabilityUrl,
    rSnippet: buildRSnippet({ dataFile: fileNameOf(stem, 'responses'), codebookFile: fileNameOf(stem, 'codebook') }),
  };
}

const statusNames = { draft: 'draft', scheduled: 'scheduled', open: 'open', closed: 'closed' };

/** The exports page: every wave (data from closed ones only) and every instrument used by several waves. */
export function presentExportsPage(staff: Staff, organization: OrganizationRow, listing: Listing, reader: { language: StaffLanguage; t: Translate }) {
  const { t } = reader;
  const base = `/orgs/${organization.id}/exports`;
  const titleOf = (versionId: string, english: string): string => listing.titles.get(versionId)?.[reader.language] ?? english;
  return {
    title: t('Exports: {organization}', { organization: organization.name }),
    organization,
    isResearcher: holdsRole(staff, organization.id, 'researcher'),
    waves: listing.waves.map((wave) => describeSet(
      `${base}/waves/${wave.id}`, wave.name,
      t('{instrument} (version {version}) · {status} · k = {k}', {
        instrument: titleOf(wave.instrumentVersionId, wave.instrumentTitle), version: wave.instrumentVersion, status: t(statusNames[displayStatus(wave, wave.today)]), k: wave.minGroupSize,
      }),
      fileStemOf(wave.name), [wave], `/orgs/${organization.id}/waves/${wave.id}/reliability`,
    )),
    series: listing.series.map((series) => {
      const closed = series.waves.filter((wave) => isClosedOn(wave, wave.today));
      return describeSet(
        `${base}/instruments/${series.versionId}`, t('{instrument}: all waves', { instrument: titleOf(series.versionId, series.title) }),
        closed.length > 0 ? t('Closed waves: {waves}', { waves: closed.map((wave) => wave.name).join(', ') }) : t('Closed waves: none yet'),
        series.fileStem, closed,
      );
    }),
  };
}
