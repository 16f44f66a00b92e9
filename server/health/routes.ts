import { publicAccess } from '../http/access.js';
import { defineRoute, NoInput } from '../http/route.js';
import { checkHealth } from './service.js';

export const healthRoutes = [
  defineRoute({
    method: 'get', path: '/healthz', access: publicAccess, input: NoInput,
    async handler({ db }, res) {
      res.set('Cache-Control', 'no-store').json(await checkHealth(db));
    },
  }),
];
