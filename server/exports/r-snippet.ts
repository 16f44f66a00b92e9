/**
 * A ready-to-run R snippet (base R only) that reads a respondent-level CSV with its codebook and
 * applies the codebook: coded text columns whose every value is labelled (role group, tenure
 * band, other choices) become factors with their labels; numeric items keep their numbers, and
 * columns such as the unit (whose names are not in the codebook), keep their values with the
 * labels in a "labels" attribute; every column gets its question as a "label" attribute. It reads
 * either file with or without the Excel byte-order mark, and treats empty cells as NA.
 */
export type RSnippetFiles = { dataFile: string; codebookFile: string };

export function buildRSnippet(files: RSnippetFiles): string {
  const quote = (text: string): string => JSON.stringify(text);
  return [
    '# PeerClimate: read a respondent-level export and apply its codebook (base R).',
    `data <- read.csv(${quote(files.dataFile)}, fileEncoding = "UTF-8-BOM", na.strings = "",`,
    '                 stringsAsFactors = FALSE, check.names = FALSE)',
    `codebook <- read.csv(${quote(files.codebookFile)}, fileEncoding = "UTF-8-BOM", na.strings = "",`,
    '                     stringsAsFactors = FALSE, check.names = FALSE)',
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
