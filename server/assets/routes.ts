import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { publicAccess } from '../http/access.js';
import { AppError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => path.dirname(require.resolve(name));

/**
 * Browser libraries served from node_modules, never from a CDN. A Map, so `__proto__` or
 * `constructor` in the address finds nothing instead of an object's built-in members.
 */
const vendorFiles: ReadonlyMap<string, string> = new Map(Object.entries({
  'survey-core.min.js': path.join(packageDir('survey-core'), 'survey.core.min.js'),
  'survey-core.fontless.min.css': path.join(packageDir('survey-core'), 'survey-core.fontless.min.css'),
  'survey-core.spanish.min.js': path.join(packageDir('survey-core'), 'i18n', 'spanish.min.js'),
  'survey-js-ui.min.js': path.join(packageDir('survey-js-ui'), 'survey-js-ui.min.js'),
  'chart.umd.min.js': path.join(packageDir('chart.js'), 'chart.umd.min.js'),
}));

export const assetRoutes = [
  defineRoute({
    method: 'get', path: '/vendor/:file', access: publicAccess, input: z.object({ params: z.object({ file: z.string().max(100) }) }),
    handler({ input }, res) {
      const file = vendorFiles.get(input.params.file);
      if (!file) throw new AppError('not_found', 'There is no page at this address.');
      res.set('Cache-Control', 'public, max-age=86400').sendFile(file);
    },
  }),
];
