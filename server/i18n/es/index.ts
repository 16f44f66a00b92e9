import type { StaffLanguage } from '../languages.js';
import type { Catalogue } from '../translate.js';
import { accounts } from './accounts.js';
import { admin } from './admin.js';
import { common } from './common.js';
import { dashboards } from './dashboards.js';
import { errors } from './errors.js';
import { exportsPage } from './exports.js';
import { help } from './help.js';
import { instruments } from './instruments.js';
import { invitations } from './invitations.js';
import { organizations } from './organizations.js';
import { reliability } from './reliability.js';
import { waves } from './waves.js';

/**
 * Every catalogue, one file per capability of the pages it translates (a text used by several
 * lives in common.ts); test/unit/i18n checks that no key is in two files and none is missing.
 */
export const spanishCatalogues: Readonly<Record<string, Catalogue>> = {
  common, accounts, admin, dashboards, errors, exports: exportsPage, help, instruments, invitations, organizations, reliability, waves,
};

export const catalogues: Readonly<Record<Exclude<StaffLanguage, 'en'>, Catalogue>> = {
  es: Object.assign({}, ...Object.values(spanishCatalogues)) as Catalogue,
};
