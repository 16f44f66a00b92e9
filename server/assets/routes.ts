import path from 'node:path';
import { z } from 'zod';
import { publicAccess } from '../http/access.js';
import { AppError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { type Encoding, findAsset } from './service.js';

const FileInput = z.object({ params: z.object({ file: z.string().max(100) }) });
const aYear = 'public, max-age=31536000, immutable';
const encodings: readonly Encoding[] = ['br', 'gzip'];

export const assetRoutes = [
  defineRoute({
    method: 'get', path: '/assets/:file', access: publicAccess, input: FileInput,
    handler({ input, req }, res) {
      const asset = findAsset(input.params.file);
      if (!asset) throw new AppError('not_found', 'There is no page at this address.');
      // Browsers list gzip before br at equal weight, yet br is about a quarter smaller: prefer it.
      const encoding = encodings.find((each) => req.acceptsEncodings(each) === each && asset.variants[each]);
      res.type(path.extname(asset.name)).set({ 'Cache-Control': aYear, Vary: 'Accept-Encoding' });
      if (encoding) res.set('Content-Encoding', encoding);
      res.sendFile((encoding && asset.variants[encoding]) ?? asset.file, { cacheControl: false });
    },
  }),
];
