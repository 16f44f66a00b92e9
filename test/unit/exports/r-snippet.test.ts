import fs from 'node:fs';
import { expect } from 'chai';
import { buildRSnippet } from '../../../server/exports/r-snippet.js';

describe('buildRSnippet', () => {
  const snippet = buildRSnippet({ dataFile: 'spring-wave-responses.csv', codebookFile: 'spring-wave-codebook.csv' });

  it('reads both files, with or without a byte-order mark, empty cells as NA', () => {
    expect(snippet).to.include('read.csv("spring-wave-responses.csv", fileEncoding = "UTF-8-BOM", na.strings = ""');
    expect(snippet).to.include('read.csv("spring-wave-codebook.csv", fileEncoding = "UTF-8-BOM", na.strings = ""');
  });

  it('quotes file names as R strings', () => {
    expect(buildRSnippet({ dataFile: 'a "b".csv', codebookFile: 'c.csv' })).to.include('read.csv("a \\"b\\".csv"');
  });

  it('is the snippet README shows (README stays true)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(/```r\n([\s\S]*?)```/.exec(readme)?.[1]).to.equal(snippet);
  });
});
