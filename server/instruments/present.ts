import { formatCsv } from '../exports/csv.js';
import { buildRSnippet } from '../exports/r-snippet.js';
import { buildCodebook, codebookTable } from './codebook.js';
import type { Translate } from '../i18n/translate.js';
import type { Instrument } from './definition.js';
import { instrumentLanguageFor } from './translations.js';

export type CatalogueEntry = {
  key: string;
  version: number;
  title: string;
  /** The language of `title` (the page's when the instrument has it), and the titles in its other languages. */
  titleLanguage: string;
  otherTitles: Array<{ language: string; text: string }>;
  audience: string;
  languages: string;
  subscales: string;
  isRetired: boolean;
  codebookUrl: string;
  csvUrl: string;
};

export type CodebookPageView = {
  title: string;
  catalogueUrl: string;
  versionLabel: string;
  isRetired: boolean;
  csvUrl: string;
  columns: string[];
  /** The language of each column's cells: a question or its answer labels in that language, the rest English. */
  columnLanguages: string[];
  rows: string[][];
  rSnippet: string;
};

type PublicVersion = { id: string; isRetired: boolean; instrument: Instrument };

const audienceLabels: Record<Instrument['audience'], string> = {
  peer_staff: 'Peer staff',
  supervisor_clinical: 'Supervisors and clinical staff',
};

const codebookUrl = (id: string): string => `/instruments/${id}/codebook`;
const inLanguage = (url: string, language: string): string => (language === 'en' ? url : `${url}?lang=${language}`);
const codebookFileName = (instrument: Instrument): string => `${instrument.key}.v${instrument.version}.codebook.csv`;

/** question_es and value_labels_es hold Spanish, value_labels the first language, every other column English. */
function columnLanguage(column: string, instrument: Instrument): string {
  const suffix = /^(?:question|value_labels)_([a-z]{2})$/.exec(column)?.[1];
  return suffix ?? (column === 'value_labels' ? (instrument.languages[0] ?? 'en') : 'en');
}

function subscalesOf(instrument: Instrument, language: string, t: Translate): string {
  return instrument.subscales.map((subscale) => {
    const title = subscale.title[language] ?? subscale.key;
    return subscale.items.length === 1 ? t('{subscale} (1 item)', { subscale: title }) : t('{subscale} ({count} items)', { subscale: title, count: subscale.items.length });
  }).join('; ');
}

/** The built-in instruments, named in the page's language where the instrument has it. */
export function presentCatalogue(versions: readonly PublicVersion[], t: Translate, pageLanguage: string): { title: string; instruments: CatalogueEntry[] } {
  return {
    title: t('Instruments'),
    instruments: versions.map(({ id, isRetired, instrument }) => {
      const language = instrumentLanguageFor(instrument.languages, pageLanguage);
      return {
        key: instrument.key,
        version: instrument.version,
        title: instrument.title[language] ?? instrument.key,
        titleLanguage: language,
        otherTitles: instrument.languages.filter((other) => other !== language && instrument.title[other])
          .map((other) => ({ language: other, text: instrument.title[other] ?? '' })),
        audience: t(audienceLabels[instrument.audience]),
        languages: instrument.languages.join(', '),
        subscales: subscalesOf(instrument, language, t),
        isRetired,
        codebookUrl: inLanguage(codebookUrl(id), pageLanguage),
        csvUrl: `${codebookUrl(id)}.csv`,
      };
    }),
  };
}

/** The codebook's table is the CSV's (column names and coding stay as the data files name them). */
export function presentCodebookPage({ id, isRetired, instrument }: PublicVersion, t: Translate, pageLanguage: string): CodebookPageView {
  const table = codebookTable(instrument, buildCodebook(instrument));
  const title = instrument.title[instrumentLanguageFor(instrument.languages, pageLanguage)] ?? instrument.key;
  return {
    title: t('Codebook: {instrument}', { instrument: title }),
    catalogueUrl: inLanguage('/instruments', pageLanguage),
    versionLabel: t('{key}, version {version}', { key: instrument.key, version: instrument.version }),
    isRetired,
    csvUrl: `${codebookUrl(id)}.csv`,
    columns: table.columns,
    columnLanguages: table.columns.map((column) => columnLanguage(column, instrument)),
    rows: table.rows,
    rSnippet: buildRSnippet({ dataFile: 'responses.csv', codebookFile: codebookFileName(instrument) }),
  };
}

/** The codebook as an RFC 4180 CSV document with its download name. */
export function presentCodebookCsv({ instrument }: PublicVersion): { fileName: string; body: string } {
  const table = codebookTable(instrument, buildCodebook(instrument));
  return { fileName: codebookFileName(instrument), body: formatCsv([table.columns, ...table.rows]) };
}
