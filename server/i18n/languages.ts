/** The languages staff pages speak; English is the source text, every other has a catalogue. */
export const staffLanguages = ['en', 'es'] as const;
export type StaffLanguage = (typeof staffLanguages)[number];

/** Each language named in itself, as the switch offers it. */
export const languageNames: Record<StaffLanguage, string> = { en: 'English', es: 'Español' };

export function isStaffLanguage(value: unknown): value is StaffLanguage {
  return typeof value === 'string' && (staffLanguages as readonly string[]).includes(value);
}

/**
 * The language of a staff page: the signed-in account's choice; before signing in, the choice
 * this browser made (the language cookie); else the browser's own preference; else English.
 * `preferred` is the browser's Accept-Language match, already narrowed to staffLanguages.
 */
export function chooseStaffLanguage(choices: { account?: string; cookie?: string; preferred?: string | false }): StaffLanguage {
  for (const candidate of [choices.account, choices.cookie, choices.preferred]) {
    if (isStaffLanguage(candidate)) return candidate;
  }
  return 'en';
}
