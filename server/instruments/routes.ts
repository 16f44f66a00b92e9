import { publicAccess } from '../http/access.js';
import { defineRoute } from '../http/route.js';
import { translator } from '../i18n/translate.js';
import { presentCatalogue, presentCodebookCsv, presentCodebookPage } from './present.js';
import { CataloguePageInput, CodebookInput } from './schema.js';
import { listBuiltInInstruments, loadPublicInstrumentVersion } from './service.js';

// Built-in instruments and their codebooks are public documents: anyone may read what a
// survey asks and how it is scored. Organizations' own (possibly licensed) instruments are not.
export const instrumentRoutes = [
  defineRoute({
    method: 'get', path: '/instruments', access: publicAccess, input: CataloguePageInput,
    async handler({ input, db }, res) {
      const language = input.query.lang;
      const t = translator(language);
      res.render('instruments/catalogue', { ...presentCatalogue(await listBuiltInInstruments(db), t, language), language, t });
    },
  }),
  defineRoute({
    method: 'get', path: '/instruments/:versionId/codebook', access: publicAccess, input: CodebookInput,
    async handler({ input, db }, res) {
      const language = input.query.lang;
      const t = translator(language);
      res.render('instruments/codebook', { ...presentCodebookPage(await loadPublicInstrumentVersion(db, input.params.versionId), t, language), language, t });
    },
  }),
  defineRoute({
    method: 'get', path: '/instruments/:versionId/codebook.csv', access: publicAccess, input: CodebookInput,
    async handler({ input, db }, res) {
      const csv = presentCodebookCsv(await loadPublicInstrumentVersion(db, input.params.versionId));
      res.attachment(csv.fileName).set('Content-Type', 'text/csv; charset=utf-8').send(csv.body);
    },
  }),
];
