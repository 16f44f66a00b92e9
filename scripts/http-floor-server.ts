/**
 * The HTTP floor for `npm run bench:submit`: Express 5 with helmet and the JSON body parser,
 * answering each POST with 201 at once, touching no database. Every submission pays at least
 * this before PeerClimate's own work starts, so its rate bounds what the submission path can reach.
 */
import express from 'express';
import helmet from 'helmet';

const app = express();
app.use(helmet());
app.use(express.json());
app.post('/s/:code', (_req, res) => {
  res.status(201).json({ next: '/s/thanks' });
});
app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
