import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { healthRoutes } from './health/routes.js';
import { createErrorHandler, notFoundHandler } from './http/errors.js';
import { type AppDeps, mount, type Route } from './http/route.js';
import { instrumentRoutes } from './instruments/routes.js';
import type { Logger } from './log.js';
import { respondRoutes } from './respond/routes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const packageDir = (name: string): string => path.dirname(require.resolve(name));

/** Every route the app serves; the access-matrix test walks this list. */
export const routes: readonly Route[] = [...healthRoutes, ...respondRoutes, ...instrumentRoutes];

/** Browser libraries served from node_modules, never from a CDN. */
const vendorFiles: Record<string, string> = {
  'survey-core.min.js': path.join(packageDir('survey-core'), 'survey.core.min.js'),
  'survey-core.fontless.min.css': path.join(packageDir('survey-core'), 'survey-core.fontless.min.css'),
  'survey-core.spanish.min.js': path.join(packageDir('survey-core'), 'i18n', 'spanish.min.js'),
  'survey-js-ui.min.js': path.join(packageDir('survey-js-ui'), 'survey-js-ui.min.js'),
  'chart.umd.min.js': path.join(packageDir('chart.js'), 'chart.umd.min.js'),
};

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
});

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('views', path.join(root, 'views'));
  app.set('view engine', 'ejs');
  app.use(logRequests(deps.log));
  app.use(securityHeaders);
  app.use('/static', express.static(path.join(root, 'public'), { index: false, maxAge: '1h' }));
  app.get('/vendor/:file', (req, res, next) => {
    const file = vendorFiles[req.params.file];
    if (file) res.set('Cache-Control', 'public, max-age=86400').sendFile(file);
    else next();
  });
  app.use(express.json({ limit: deps.config.bodyLimitBytes }));
  app.use(mount(routes, deps));
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.log));
  return app;
}
