/** Every file an export offers, by kind; downloads are named `<stem>-<file>`. */
export const exportFiles = {
  responses: 'responses.csv', coarsening: 'coarsening.csv', aggregated: 'aggregated.csv', codebook: 'codebook.csv', spss: 'responses.sps',
  stata: 'responses.do',
} as const;
export type ExportKind = keyof typeof exportFiles;

/** A file-name stem from a wave's or instrument's name: lower-case ASCII letters (accents dropped), digits and dashes. */
export function fileStemOf(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'export';
}

export function fileNameOf(stem: string, kind: ExportKind): string {
  return `${stem}-${exportFiles[kind]}`;
}

/** The stem of an export of every wave with the questions of one instrument version. */
export function seriesStemOf(instrumentKey: string, version: number): string {
  return `${instrumentKey}-v${version}-all-waves`;
}
