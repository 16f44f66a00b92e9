import type { StaffLanguage } from '../languages.js';
import type { Catalogue } from '../translate.js';
import { accounts } from './accounts.js';
import { admin } from './admin.js';
import { common } from './common.js';
import { errors } from './errors.js';
import { organizations } from './organizations.js';

/**
 * Every catalogue, one file per capability of the pages it translates (a text used by several
 * lives in common.ts); test/unit/i18n checks that no key is in two files and none is missing.
 */
export const spanishCatalogues: Readonly<Record<string, Catalogue>> = { common, accounts, organizations, admin, errors };

export const catalogues: Readonly<Record<Exclude<StaffLanguage, 'en'>, Catalogue>> = {
  es: Object.assign({}, ...Object.values(spanishCatalogues)) as Catalogue,
};
