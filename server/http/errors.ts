import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Translate } from '../i18n/translate.js';
import type { Logger } from '../log.js';
import { translateProblem } from '../i18n/problem-text.js';
import { literalRouteWords, redact, requestSecrets } from './redact.js';

/** The closed list of error codes a client can see. */
export const errorCodes = {
  invalid_input: 400,
  malformed_json: 400,
  host_not_allowed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  sign_in_failed: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  link_unknown: 404,
  name_taken: 409,
  link_used: 409,
  invalid_state: 409,
  wave_closed: 410,
  too_many_attempts: 429,
  instrument_retired: 410,
  form_token_expired: 410,
  form_token_used: 409,
  link_busy: 429,
  link_full: 409,
  token_invalid: 403,
  token_used: 409,
  token_already_issued: 409,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;
export type ErrorDetail = { path: string; message: string };

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    status: number = errorCodes[code],
  ) {
    super(message);
    this.status = status;
  }
}

/** Errors thrown by Express's own body parser carry a `type`; map them to our codes. */
function fromBodyParser(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  switch ('type' in error ? error.type : undefined) {
    case 'entity.parse.failed':
      return new AppError('malformed_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
    case 'parameters.too.many':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The request body must be UTF-8 JSON.');
    default:
      return fromClientError(error);
  }
}

/**
 * Express's router (a path parameter that is not valid percent-encoding) and the body parser (a
 * body that is not valid gzip, an aborted upload) mark the client's mistakes with a 4xx status.
 * Their messages quote what the client sent, so the answer uses our own words instead.
 */
function fromClientError(error: object): AppError | undefined {
  const status = 'status' in error && typeof error.status === 'number' ? error.status : 0;
  if (status < 400 || status > 499) return undefined;
  if (error instanceof URIError) return new AppError('invalid_input', 'The address is not valid: it holds a malformed percent-encoding.');
  if (status === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (status === 415) return new AppError('unsupported_media_type', 'The request body must be UTF-8 JSON or a form.');
  return new AppError('invalid_input', 'The request body could not be read.', [], status);
}

export function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

/** Only a path on this site, so a `next` parameter cannot send a person elsewhere. */
export function isLocalPath(value: string): boolean {
  return /^\/(?![/\\])/.test(value);
}

function sendError(req: Request, res: Response, error: AppError): void {
  // An error page may quote the visitor's input or a one-time link's state; no cache keeps it.
  res.set('Cache-Control', 'no-store');
  if (error.code === 'unauthenticated' && wantsHtml(req)) {
    const next = req.method === 'GET' && isLocalPath(req.originalUrl) ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    res.redirect(303, `/login${next}`);
    return;
  }
  res.status(error.status);
  if (wantsHtml(req)) {
    // The page's language was chosen with its route (English before one was, as app.locals say).
    const t = (res.locals.t ?? req.app.locals.t) as Translate;
    const details = error.details.map((detail) => ({ path: detail.path, message: translateProblem(t, detail.message) }));
    // After a form post, "Go back" returns to the filled-in form (the browser keeps its fields).
    res.render('errors/error', { title: titleFor(error), message: translateProblem(t, error.message), details, canGoBack: req.method === 'POST' });
    return;
  }
  res.json({ error: { code: error.code, message: error.message, details: error.details } });
}

/** The page title, in English: the error page translates it. */
function titleFor(error: AppError): string {
  if (error.status === 404) return 'Page not found';
  if (error.code === 'wave_closed' || error.code === 'instrument_retired') return 'This survey is closed';
  if (error.code === 'link_used') return 'This link has already been used';
  if (error.code === 'too_many_attempts') return 'Too many attempts';
  if (error.code === 'sign_in_failed') return 'Sign-in failed';
  if (error.status === 403) return 'Not allowed';
  if (error.status >= 500) return 'Something went wrong';
  return 'We could not accept that';
}

/**
 * The stack of an unexpected error, with every string the request carried blanked out: a
 * message may quote a link code or token from the path, a query value or a body field.
 */
function describeForLog(error: unknown, req: Request, routeWords: ReadonlySet<string>): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : 'non-error thrown';
  const secrets = requestSecrets({ url: req.originalUrl, cookieHeader: req.headers.cookie, body: req.body as unknown }, routeWords);
  return redact(text, secrets);
}

/**
 * The one error exit. Unknown errors become a bare 500; the log gets the stack (scrubbed of the
 * request's own strings), never the body. `routePaths` are the served paths, whose literal
 * words stay readable in logged stacks.
 */
export function createErrorHandler(log: Logger, routePaths: readonly string[] = []): ErrorRequestHandler {
  const routeWords = literalRouteWords(routePaths);
  return (error: unknown, req, res, _next) => {
    if (res.headersSent || res.destroyed) {
      // A response already under way cannot change status; cutting it marks it visibly broken.
      log.error('error after response started', { requestId: String(res.locals.requestId ?? ''), stack: describeForLog(error, req, routeWords) });
      res.destroy();
      return;
    }
    const known = error instanceof AppError ? error : fromBodyParser(error);
    if (known) {
      sendError(req, res, known);
      return;
    }
    log.error('unhandled error', { requestId: String(res.locals.requestId ?? ''), stack: describeForLog(error, req, routeWords) });
    sendError(req, res, new AppError('internal_error', 'The server could not complete this request. Please try again.'));
  };
}
