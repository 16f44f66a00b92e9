import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Catalogue } from '../../server/i18n/translate.js';
import { checkAccessibility } from './browser.js';

export type EnglishText = { english: string; pattern: RegExp };

const letterWords = (text: string): number => text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;

/**
 * The English texts of catalogues that a Spanish page must not show: each of two words or more
 * (a single word such as "Email" may be typed data), markup taken out, as a pattern whose slots
 * match any value. One found on a Spanish page is text that bypassed t().
 */
export function englishTextsOf(...catalogues: Catalogue[]): EnglishText[] {
  return catalogues.flatMap((catalogue) => Object.keys(catalogue))
    .map((english) => english.replace(/<[^>]*>/g, ''))
    .filter((english) => letterWords(english.replace(/\{\w+\}/g, ' ')) >= 2)
    .map((english) => ({ english, pattern: new RegExp(english.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+?')) }));
}

export type SpanishPageCheck = {
  heading: string | RegExp;
  /** The heading may be any heading of the page, not only its h1 (a section reached by a link). */
  isSectionHeading?: boolean;
  english: readonly EnglishText[];
  /** Other English the page must not show (an instrument's English names). */
  alsoAbsent?: readonly string[];
  /** The text to search; by default the body's visible text. */
  textOf?: (page: Page) => Promise<string>;
};

/** Checks a page the way a Spanish reader meets it: lang="es", its first heading, no English left, axe-clean. Returns its text. */
export async function expectSpanishPage(page: Page, check: SpanishPageCheck): Promise<string> {
  expect(await page.locator('html').getAttribute('lang'), page.url()).to.equal('es');
  if (check.isSectionHeading) await page.getByRole('heading', { name: check.heading, exact: true }).first().waitFor();
  else {
    const h1 = ((await page.locator('h1').first().textContent()) ?? '').trim();
    if (typeof check.heading === 'string') expect(h1, page.url()).to.equal(check.heading);
    else expect(h1, page.url()).to.match(check.heading);
  }
  const text = (await (check.textOf ?? ((shown) => shown.locator('body').innerText()))(page)).replace(/\s+/g, ' ');
  const left = [...check.english.filter(({ pattern }) => pattern.test(text)).map(({ english }) => english), ...(check.alsoAbsent ?? []).filter((english) => text.includes(english))];
  expect(left, page.url()).to.deep.equal([]);
  expect(await checkAccessibility(page), page.url()).to.deep.equal([]);
  return text;
}
