import { signedIn } from '../http/access.js';
import { defineRoute, NoInput, privatePage } from '../http/route.js';

/** Help for program directors: how anonymity works, what k means, how to run a wave. */
export const helpRoutes = [
  defineRoute({
    method: 'get', path: '/help', access: signedIn, input: NoInput,
    handler({ t }, res) {
      res.set(privatePage).render('help/directors', { title: t('How anonymity works and how to run a wave') });
    },
  }),
];
