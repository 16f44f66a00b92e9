import type { Request } from 'express';
import { chooseStaffLanguage, type StaffLanguage, staffLanguages } from '../i18n/languages.js';
import { languageCookie, readCookies } from './cookies.js';

/** A staff page's language: the account's choice, else this browser's (the switch's cookie), else its preference. */
export function staffPageLanguage(req: Request, accountLanguage?: StaffLanguage): StaffLanguage {
  return chooseStaffLanguage({ account: accountLanguage, cookie: readCookies(req).get(languageCookie), preferred: req.acceptsLanguages([...staffLanguages]) });
}
