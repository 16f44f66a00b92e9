import { formatCsv } from '../exports/csv.js';
import { buildRSnippet } from '../exports/r-snippet.js';
import { buildCodebook, codebookTable } from './codebook.js';
import type { Instrument } from './definition.js';

export type CatalogueEntry = {
  key: string;
  version: number;
  title: string;
  otherTitles: string[];
  audience: string;
  languages: string;
  subscales: string;
  isRetired: boolean;
  codebookUrl: string;
  csvUrl: string;
};

export type CodebookPageView = {
  title: string;
  versionLabel: string;
  isRetired: boolean;
  csvUrl: string;
  columns: string[];
  rows: string[][];
  rSnippet: string;
};

type PublicVersion = { id: string; isRetired: boolean; instrument: Instrument };

const audienceLabels: Record<Instrument['audience'], string> = {
  peer_staff: 'Peer staff',
  supervisor_clinical: 'Supervisors and clinical staff',
};

const codebookUrl = (id: string): string => `/instruments/${id}/codebook`;
const codebookFileName = (instrument: Instrument): string => `${instrument.key}.v${instrument.version}.codebook.csv`;

export function presentCatalogue(versions: readonly PublicVersion[]): { title: string; instruments: CatalogueEntry[] } {
  return {
    title: 'Instruments',
    instruments: versions.map(({ id, isRetired, instrument }) => {
      const [first = 'en', ...others] = instrument.languages;
      return {
        key: instrument.key,
        version: instrument.version,
        title: instrument.title[first] ?? instrument.key,
        otherTitles: others.map((language) => instrument.title[language] ?? '').filter(Boolean),
        audience: audienceLabels[instrument.audience],
        languages: instrument.languages.join(', '),
        subscales: instrument.subscales.map((subscale) => `${subscale.title[first] ?? subscale.key} (${subscale.items.length} items)`).join('; '),
        isRetired,
        codebookUrl: codebookUrl(id),
        csvUrl: `${codebookUrl(id)}.csv`,
      };
    }),
  };
}

export function presentCodebookPage({ id, isRetired, instrument }: PublicVersion): CodebookPageView {
  const table = codebookTable(instrument, buildCodebook(instrument));
  return {
    title: `Codebook: ${instrument.title[instrument.languages[0] ?? 'en'] ?? instrument.key}`,
    versionLabel: `${instrument.key}, version ${instrument.version}`,
    isRetired,
    csvUrl: `${codebookUrl(id)}.csv`,
    columns: table.columns,
    rows: table.rows,
    rSnippet: buildRSnippet({ dataFile: 'responses.csv', codebookFile: codebookFileName(instrument) }),
  };
}

/** The codebook as an RFC 4180 CSV document with its download name. */
export function presentCodebookCsv({ instrument }: PublicVersion): { fileName: string; body: string } {
  const table = codebookTable(instrument, buildCodebook(instrument));
  return { fileName: codebookFileName(instrument), body: formatCsv([table.columns, ...table.rows]) };
}
