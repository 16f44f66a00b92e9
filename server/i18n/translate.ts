import { catalogues } from './es/index.js';
import type { StaffLanguage } from './languages.js';

/**
 * Gives a staff page's text in its language. The English text is the key (as in gettext), so a
 * template reads as the page it draws; `{name}` slots are filled from `slots` after translating,
 * so a translation may move them. Text without a translation stays English.
 */
export type Translate = (english: string, slots?: Readonly<Record<string, string | number>>) => string;

/** English text keyed by itself; a Spanish catalogue maps each key to its translation. */
export type Catalogue = Readonly<Record<string, string>>;

function fillSlots(text: string, slots: Readonly<Record<string, string | number>> | undefined): string {
  if (!slots) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(slots, name) ? String(slots[name]) : whole));
}

const translators = new Map<StaffLanguage, Translate>();

/** The language's translator, made once: every request asks for one. */
export function translator(language: StaffLanguage): Translate {
  const made = translators.get(language);
  if (made) return made;
  const catalogue: Catalogue = language === 'en' ? {} : catalogues[language];
  const translate: Translate = (english, slots) => fillSlots(Object.hasOwn(catalogue, english) ? (catalogue[english] ?? english) : english, slots);
  translators.set(language, translate);
  return translate;
}
