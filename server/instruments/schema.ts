import { z } from 'zod';
import { staffLanguages } from '../i18n/languages.js';

/**
 * The catalogue and codebooks are public pages, which read no language cookie; a staff page
 * that links to them names its language in the address instead (English without it).
 */
const PublicPageQuery = z.object({ lang: z.enum(staffLanguages).default('en') });

export const CataloguePageInput = z.object({ query: PublicPageQuery });

export const CodebookInput = z.object({ params: z.object({ versionId: z.uuid('must be an instrument version id') }), query: PublicPageQuery });

export type CodebookParams = z.output<typeof CodebookInput>['params'];
