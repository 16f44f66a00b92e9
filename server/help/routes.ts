import { signedIn } from '../http/access.js';
import { defineRoute, NoInput, privatePage } from '../http/route.js';

/** Help for program directors: how anonymity works, what k means, how to run a wave. */
export const helpRoutes = [
  defineRoute({
    method: 'get', path: '/help', access: signedIn, input: NoInput,
    handler(_context, res) {
      res.set(privatePage).render('help/directors', { title: 'How anonymity works and how to run a wave' });
    },
  }),
];
