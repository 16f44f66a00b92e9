import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { accountRoutes } from './accounts/routes.js';
import { assetRoutes } from './assets/routes.js';
import { assetUrl } from './assets/service.js';
import { auditRoutes } from './audit/routes.js';
import { healthRoutes } from './health/routes.js';
import { helpRoutes } from './help/routes.js';
import { commentRoutes } from './dashboards/comments/routes.js';
import { dashboardRoutes } from './dashboards/routes.js';
import { summarizeClosedWave } from './dashboards/service.js';
import { exportsRoutes } from './exports/routes.js';
import { prepareClosedWaveExport } from './exports/service.js';
import { languageNames } from './i18n/languages.js';
import { splitMarkedSentence } from './i18n/marked-sentence.js';
import { translator } from './i18n/translate.js';
import { AppError, createErrorHandler } from './http/errors.js';
import { type AppDeps, createNotFoundHandler, mount, type Route } from './http/route.js';
import { mailRoutes } from './mail/routes.js';
import { ownInstrumentRoutes } from './instruments/own/routes.js';
import { instrumentRoutes } from './instruments/routes.js';
import type { Logger } from './log.js';
import { colleagueRoutes } from './organizations/colleagues/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { reliabilityRoutes } from './reliability/routes.js';
import { respondRoutes } from './respond/routes.js';
import { cardRoutes } from './waves/invitations/cards/routes.js';
import { waveEditingRoutes } from './waves/editing/routes.js';
import { createWaveRoutes } from './waves/routes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every route the app serves; the access-matrix test walks this list. The static files under
 * /static are the only other thing served.
 */
export const routes: readonly Route[] = [
  ...healthRoutes, ...assetRoutes, ...respondRoutes, ...instrumentRoutes, ...accountRoutes, ...organizationRoutes, ...colleagueRoutes,
  // Closing a wave derives its final results and its export lines once.
  ...createWaveRoutes([summarizeClosedWave, prepareClosedWaveExport]), ...waveEditingRoutes, ...cardRoutes, ...dashboardRoutes, ...commentRoutes, ...auditRoutes, ...exportsRoutes,
  ...reliabilityRoutes, ...helpRoutes, ...ownInstrumentRoutes, ...mailRoutes,
];

/**
 * Logs one line per request with the route pattern, never the URL (it may hold a link code),
 * and never the IP address or user agent (anonymity rule 2).
 */
function logRequests(log: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      const route = req.route as { path?: string } | undefined;
      log.info('request', {
        requestId,
        method: req.method,
        route: route?.path ? req.baseUrl + route.path : 'unmatched',
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      });
    });
    next();
  };
}

const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // SurveyJS positions elements with inline style attributes; inline scripts stay forbidden.
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // Survey links carry codes; never hand them to another site.
  referrerPolicy: { policy: 'no-referrer' },
  // Sent only over TLS (below): over plain HTTP a browser ignores it, and an intranet install
  // reached by http:// must not advertise a promise it does not keep.
  strictTransportSecurity: false,
});

/** HSTS when the request came over TLS (directly or, with TRUST_PROXY, via the proxy). */
const strictTransportSecurity: RequestHandler = (req, res, next) => {
  if (req.secure) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
};

/**
 * With ALLOWED_HOSTS, a request naming another host is refused before anything reads it, so a
 * forged Host header never reaches a set-password link, a QR code or a link list.
 */
function refuseUnknownHosts(allowedHosts: readonly string[] | undefined): RequestHandler {
  return (req, _res, next) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (allowedHosts && !allowedHosts.includes(host)) next(new AppError('host_not_allowed', 'This server does not answer for that host name.'));
    else next();
  };
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Only so req.secure and req.protocol see TLS ended at a proxy; IP addresses are never read.
  app.set('trust proxy', deps.config.trustProxy);
  app.set('views', path.join(root, 'views'));
  app.set('view engine', 'ejs');
  // Express caches compiled templates only under NODE_ENV=production; without it every survey page
  // read and compiled its template again (a CPU profile under bench:submit showed EJS compiling).
  app.enable('view cache');
  app.locals.assetUrl = assetUrl;
  // Pages drawn before any route or handler has chosen a language (a refused host) are in English.
  Object.assign(app.locals, { language: 'en', t: translator('en'), languageNames, splitMarkedSentence });
  app.use(logRequests(deps.log));
  app.use(securityHeaders);
  app.use(strictTransportSecurity);
  app.use(refuseUnknownHosts(deps.config.allowedHosts));
  // Survey pages carry the whole survey in an attribute (about 30 KB); on a phone's slow link
  // gzip saves a round trip or two. Only HTML pages of the survey: streamed exports stay as they are.
  // Only pages are fetched with GET here; submissions skip the middleware's per-response wrapping.
  const compressPages = compression({ filter: (_req, res) => /^text\/html/.test(String(res.getHeader('Content-Type'))) });
  app.use('/s', (req, res, next) => (req.method === 'GET' ? compressPages(req, res, next) : next()));
  app.use('/static', express.static(path.join(root, 'public'), { index: false, maxAge: '1h' }));
  app.use(express.json({ limit: deps.config.bodyLimitBytes }));
  // Staff forms post urlencoded fields; flat keys only (no nested objects from field names).
  app.use(express.urlencoded({ extended: false, limit: deps.config.bodyLimitBytes, parameterLimit: 2000 }));
  app.use(mount(routes, deps));
  app.use(createNotFoundHandler(deps));
  app.use(createErrorHandler(deps.log, routes.map((route) => route.path)));
  return app;
}
