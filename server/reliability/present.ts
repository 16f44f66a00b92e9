import { type CsvCell, type CsvFlavour, formatCsv } from '../exports/csv.js';
import { fileStemOf } from '../exports/files.js';
import { parseValueLabels } from '../exports/spss.js';
import { buildCodebook } from '../instruments/codebook.js';
import { instrumentLanguageFor } from '../instruments/translations.js';
import { type Translate, translator } from '../i18n/translate.js';
import type { GroupResult, SubscaleResult } from './report.js';
import type { WaveReliability } from './service.js';

/** The CSV is data for statistics software: its notes stay English, whatever the page's language. */
export const missingDataRule = 'listwise: only respondents who answered every item of the subscale';
const hiddenNote = 'not shown: too few respondents, or hidden so that another group cannot be worked out';
const english = translator('en');

type Labels = { group: (group: GroupResult) => string; subscale: (key: string) => string; item: (question: string) => string };

/** Group, area and question names: the page's words through `t`, the instrument's own in `language` (its Spanish on a Spanish page). */
function labelsOf(result: WaveReliability, t: Translate, language: string): Labels {
  const { instrument } = result;
  const codebook = new Map(buildCodebook(instrument).map((row) => [row.variable, row]));
  const roles = new Map(parseValueLabels(codebook.get(instrument.demographics.roleGroup)?.valueLabels[language] ?? ''));
  const units = new Map(result.units.map((unit) => [unit.id, unit.name]));
  return {
    group: (group) => {
      if (group.kind === 'wave') return t('Whole wave');
      if (group.kind === 'unit') return units.get(group.id ?? '') ?? t('Unit');
      return group.id === null ? t('Role group not given') : (roles.get(group.id) ?? group.id);
    },
    subscale: (key) => instrument.subscales.find((subscale) => subscale.key === key)?.title[language] ?? key,
    item: (question) => codebook.get(question)?.texts[language] ?? question,
  };
}

const decimals = (value: number | null, t: Translate): string => (value === null ? t('n/a') : value.toFixed(2));

function describeCount(subscale: SubscaleResult, minimum: number, t: Translate): { n: string; note: string } {
  if (!subscale.count.isShown) return { n: t('Not shown'), note: t(hiddenNote) };
  if (subscale.reliability === null) return { n: String(subscale.count.n), note: t('fewer than {minimum} complete responses', { minimum }) };
  return { n: String(subscale.count.n), note: '' };
}

function presentSubscale(subscale: SubscaleResult, respondents: number | null, minimum: number, labels: Labels, t: Translate) {
  const { n, note } = describeCount(subscale, minimum, t);
  const reliability = subscale.reliability;
  return {
    key: subscale.key,
    title: labels.subscale(subscale.key),
    n,
    leftOut: subscale.count.isShown && respondents !== null ? String(respondents - subscale.count.n) : '',
    note,
    alpha: reliability ? decimals(reliability.alpha, t) : '',
    omega: reliability ? decimals(reliability.omegaTotal, t) : '',
    items: (reliability?.items ?? []).map((item) => ({
      question: item.question, text: labels.item(item.question),
      itemRest: decimals(item.itemRestCorrelation, t), alphaIfDeleted: decimals(item.alphaIfDeleted, t),
    })),
  };
}

const sectionTitles = { wave: 'Whole wave', role: 'By role group', unit: 'By unit' } as const;

type PageLinks = { organizationName: string; organization: string; dashboard: string; exports: string; csv: string };

/** The page: one section per breakdown, a table per group that may be shown, a note for each that may not. */
export function presentReliabilityPage(result: WaveReliability, links: PageLinks, t: Translate, pageLanguage: string) {
  const language = instrumentLanguageFor(result.instrument.languages, pageLanguage);
  const labels = labelsOf(result, t, language);
  const { report } = result;
  return {
    title: t('Reliability: {wave}', { wave: result.wave.name }),
    wave: { name: result.wave.name, instrumentTitle: result.instrument.title[language] ?? result.wave.instrumentTitle, k: report.k },
    minimum: report.minimum,
    missingDataRule: t(missingDataRule),
    links,
    sections: (['wave', 'role', 'unit'] as const).map((kind) => ({
      kind,
      title: t(sectionTitles[kind]),
      groups: report.groups.filter((group) => group.kind === kind).map((group, index) => ({
        id: `${kind}-${index}`,
        label: labels.group(group),
        respondents: group.respondents.isShown ? String(group.respondents.n) : null,
        subscales: group.subscales.map((subscale) => presentSubscale(subscale, group.respondents.isShown ? group.respondents.n : null, report.minimum, labels, t)),
      })),
    })),
  };
}

export const reliabilityColumns = [
  'wave', 'group_type', 'group', 'subscale', 'item', 'respondents', 'n_complete', 'left_out_incomplete',
  'alpha', 'omega_total', 'item_rest_r', 'alpha_if_deleted', 'missing_data', 'suppressed', 'note',
];

function csvRows(waveName: string, group: GroupResult, labels: Labels, minimum: number): CsvCell[][] {
  const groupCells = [waveName, group.kind === 'role' ? 'role group' : group.kind, group.kind === 'role' ? (group.id ?? '') : labels.group(group)];
  const respondents = group.respondents.isShown ? group.respondents.n : null;
  return group.subscales.flatMap((subscale) => {
    const reliability = subscale.reliability;
    const shown = subscale.count.isShown ? subscale.count.n : null;
    const head: CsvCell[] = [...groupCells, subscale.key, '', respondents, shown, shown !== null && respondents !== null ? respondents - shown : null,
      reliability?.alpha, reliability?.omegaTotal, null, null, missingDataRule, !subscale.count.isShown, describeCount(subscale, minimum, english).note];
    const items = (reliability?.items ?? []).map((item): CsvCell[] => [...groupCells, subscale.key, item.question, respondents, shown, null,
      null, null, item.itemRestCorrelation, item.alphaIfDeleted, missingDataRule, false, '']);
    return [head, ...items];
  });
}

/**
 * The report as CSV: a row per group × subscale (alpha, omega total), then a row per item
 * (item-rest r, alpha if deleted); numbers unrounded, empty where not shown or not computable.
 * For spreadsheets: a UTF-8 byte-order mark (Excel reads UTF-8 only with one) and the formula guard.
 */
export function presentReliabilityCsv(result: WaveReliability, flavour: CsvFlavour): { fileName: string; body: string } {
  const labels = labelsOf(result, english, 'en');
  const rows = [reliabilityColumns, ...result.report.groups.flatMap((group) => csvRows(result.wave.name, group, labels, result.report.minimum))];
  const suffix = flavour === 'spreadsheet' ? '-for-spreadsheets' : '';
  return { fileName: `${fileStemOf(result.wave.name)}-reliability${suffix}.csv`, body: (flavour === 'spreadsheet' ? '\uFEFF' : '') + formatCsv(rows, flavour) };
}
