/**
 * A ready-to-run R snippet (base R only) that reads a respondent-level CSV with its codebook and
 * applies the codebook: coded text columns whose every value is labelled (role group, tenure
 * band, other choices) become factors with their labels; numeric items keep their numbers, and
 * columns such as the unit (whose names are not in the codebook), keep their values with the
 * labels in a "labels" attribute; every column gets its question as a "label" attribute. It reads
 * either file with or without the spreadsheet byte-order mark, and treats empty cells as NA.
 *
 * encoding = "UTF-8" marks the text as UTF-8 without converting it. fileEncoding = "UTF-8-BOM"
 * would convert to the session's locale and, outside a UTF-8 locale (LANG=C), silently stop
 * reading at the first character it cannot convert: 1 of 133 rows, 2 of 48 codebook rows.
 */
export type RSnippetFiles = { dataFile: string; codebookFile: string };

export function buildRSnippet(files: RSnippetFiles): string {
  const quote = (text: string): string => JSON.stringify(text);
  return [
    '# PeerClimate: read a respondent-level export and apply its codebook (base R).',
    '# encoding = "UTF-8" reads every row in any locale; sub() drops a spreadsheet file\'s byte-order mark.',
    'read_export <- function(file) {',
    '  table <- read.csv(file, encoding = "UTF-8", na.strings = "", stringsAsFactors = FALSE, check.names = FALSE)',
    '  names(table)[1] <- sub("^\\ufeff", "", names(table)[1])',
    '  table',
    '}',
    `data <- read_export(${quote(files.dataFile)})`,
    `codebook <- read_export(${quote(files.codebookFile)})`,
    'for (i in seq_len(nrow(codebook))) {',
    '  variable <- codebook$variable[i]',
    '  if (!(variable %in% names(data))) next',
    '  column <- data[[variable]]',
    '  labels <- codebook$value_labels[i]',
    '  if (!is.na(labels) && !startsWith(codebook$type[i], "multiple choice")) {',
    '    pairs <- strsplit(strsplit(labels, "; ", fixed = TRUE)[[1]], "=", fixed = TRUE)',
    '    values <- vapply(pairs, function(pair) pair[1], "")',
    '    texts <- vapply(pairs, function(pair) paste(pair[-1], collapse = "="), "")',
    '    if (!is.numeric(column) && all(column %in% c(values, NA))) {',
    '      column <- factor(column, levels = values, labels = texts)',
    '    } else {',
    '      attr(column, "labels") <- setNames(if (is.numeric(column)) as.numeric(values) else values, texts)',
    '    }',
    '  }',
    '  attr(column, "label") <- codebook[i, grep("^question_", names(codebook))[1]]',
    '  data[[variable]] <- column',
    '}',
    'str(data[, 1:6])',
    '',
  ].join('\n');
}
