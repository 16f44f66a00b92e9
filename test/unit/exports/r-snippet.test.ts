import fs from 'node:fs';
import { expect } from 'chai';
import { buildRSnippet } from '../../../server/exports/r-snippet.js';

describe('buildRSnippet', () => {
  const snippet = buildRSnippet({ dataFile: 'spring-wave-responses.csv', codebookFile: 'spring-wave-codebook.csv' });

  it('reads both files as UTF-8 without converting to the locale, drops a byte-order mark, empty cells as NA', () => {
    expect(snippet).to.include('read.csv(file, encoding = "UTF-8", na.strings = ""');
    expect(snippet).to.not.include('fileEncoding');
    expect(snippet).to.include('names(table)[1] <- sub("^\\ufeff", "", names(table)[1])');
    expect(snippet).to.include('data <- read_export("spring-wave-responses.csv")');
    expect(snippet).to.include('codebook <- read_export("spring-wave-codebook.csv")');
  });

  it('quotes file names as R strings', () => {
    expect(buildRSnippet({ dataFile: 'a "b".csv', codebookFile: 'c.csv' })).to.include('read_export("a \\"b\\".csv")');
  });

  it('is the snippet README shows (README stays true)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(/```r\n([\s\S]*?)```/.exec(readme)?.[1]).to.equal(snippet);
  });
});
