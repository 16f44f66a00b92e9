import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { spanishCatalogues } from '../../../server/i18n/es/index.js';

const root = path.resolve(import.meta.dirname, '../../..');

function filesUnder(folder: string, extension: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .map((file) => path.join(folder, file));
}

const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

// Survey pages speak the instrument's languages through respond/page-text.ts, not this catalogue.
const respondentViews = new Set(['views/partials/crisis.ejs', 'views/partials/crisis-bar.ejs']);
const staffViews = filesUnder('views', '.ejs').filter((file) => !file.startsWith('views/respond/') && !respondentViews.has(file));
const sources = [...filesUnder('server', '.ts').filter((file) => !file.startsWith('server/i18n/es/')), ...filesUnder('views', '.ejs')];

/** The literal first argument of every `t('…')` call (single, double or back quotes without `${`). */
function translatedLiterals(text: string): string[] {
  const calls = /\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\$]|\\.)*)`)/g;
  return [...text.matchAll(calls)].map((match) => (match[1] ?? match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1'));
}

/**
 * Text a reader would see that no `t()` gives: what is left once EJS tags, scripts and markup are
 * taken out. A lone letter (the statistical n, r) is the same in every language.
 */
function untranslatedText(view: string): string[] {
  const withoutCode = view.replace(/<%[\s\S]*?%>/g, ' ').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ');
  const attributes = [...withoutCode.matchAll(/\b(?:aria-label|placeholder|title|alt)="([^"]*)"/g)].map((match) => match[1] ?? '');
  const text = withoutCode.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
  return [...attributes, ...text.split(/\s{2,}|\n/)].map((part) => part.trim()).filter((part) => /\p{L}{2}/u.test(part.replaceAll('PeerClimate', '')));
}

const slotsOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('the Spanish staff catalogue', () => {
  const entries = Object.entries(spanishCatalogues).flatMap(([file, catalogue]) => Object.entries(catalogue).map(([english, spanish]) => ({ file, english, spanish })));

  it('keeps every slot of each English text in its translation', () => {
    const changed = entries.filter((entry) => slotsOf(entry.english).join() !== slotsOf(entry.spanish).join());
    expect(changed.map((entry) => entry.english)).to.deep.equal([]);
  });

  it('holds each English text in one file only', () => {
    const seen = new Map<string, string>();
    const twice = entries.filter((entry) => seen.has(entry.english) || !seen.set(entry.english, entry.file));
    expect(twice.map((entry) => `${entry.english} (${entry.file} and ${seen.get(entry.english) ?? ''})`)).to.deep.equal([]);
  });

  it('translates every text a staff page or the server asks for by its literal', () => {
    const spanish = Object.assign({}, ...Object.values(spanishCatalogues)) as Record<string, string>;
    const missing = sources.flatMap((file) => translatedLiterals(read(file)).filter((english) => !Object.hasOwn(spanish, english)).map((english) => `${file}: ${english}`));
    expect(missing).to.deep.equal([]);
  });

  it('holds no markup: a marked phrase is a {slot} that the view draws', () => {
    const marked = entries.filter((entry) => /<\/?[a-z][^>]*>/i.test(entry.english) || /<\/?[a-z][^>]*>/i.test(entry.spanish));
    expect(marked.map((entry) => `${entry.file}: ${entry.english}`)).to.deep.equal([]);
  });

  it('holds no text that nothing says any more', () => {
    const everything = sources.map(read).join('\n');
    const unused = entries.filter((entry) => !['\'', '"', '`'].some((quote) => everything.includes(`${quote}${entry.english}${quote}`)));
    expect(unused.map((entry) => `${entry.file}: ${entry.english}`)).to.deep.equal([]);
  });
});

describe('staff views', () => {
  it('print every translation escaped (<%= t(…) %>), so markup comes only from the view', () => {
    const unescaped = filesUnder('views', '.ejs').filter((file) => /<%-\s*t\(/.test(read(file)));
    expect(unescaped).to.deep.equal([]);
  });

  it('split no translation around its slots (.split(\'{\')), which drops text when a translation moves them: partials/marked draws it', () => {
    const splitting = filesUnder('views', '.ejs').filter((file) => /\.split\(\s*['"`]\{/.test(read(file)));
    expect(splitting).to.deep.equal([]);
  });

  for (const file of staffViews) {
    it(`${file} shows no text that does not pass through t()`, () => {
      expect(untranslatedText(read(file))).to.deep.equal([]);
    });
  }
});
