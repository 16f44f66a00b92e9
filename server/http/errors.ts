import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log.js';

/** The closed list of error codes a client can see. */
export const errorCodes = {
  invalid_input: 400,
  malformed_json: 400,
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
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('malformed_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
    case 'parameters.too.many':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The request body must be UTF-8 JSON.');
    default:
      return undefined;
  }
}

function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

/** Only a path on this site, so a `next` parameter cannot send a person elsewhere. */
export function isLocalPath(value: string): boolean {
  return /^\/(?![/\\])/.test(value);
}

function sendError(req: Request, res: Response, error: AppError): void {
  if (error.code === 'unauthenticated' && wantsHtml(req)) {
    const next = req.method === 'GET' && isLocalPath(req.originalUrl) ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    res.redirect(303, `/login${next}`);
    return;
  }
  res.status(error.status);
  if (wantsHtml(req)) {
    // After a form post, "Go back" returns to the filled-in form (the browser keeps its fields).
    res.render('errors/error', { title: titleFor(error), message: error.message, details: error.details, canGoBack: req.method === 'POST' });
    return;
  }
  res.json({ error: { code: error.code, message: error.message, details: error.details } });
}

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

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(req, res, new AppError('not_found', 'There is no page at this address.'));
};

/** The one error exit. Unknown errors become a bare 500; the log gets the stack, never the body. */
export function createErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent || res.destroyed) {
      // A response already under way cannot change status; cutting it marks it visibly broken.
      log.error('error after response started', {
        requestId: String(res.locals.requestId ?? ''),
        stack: error instanceof Error ? (error.stack ?? error.message) : 'non-error thrown',
      });
      res.destroy();
      return;
    }
    const known = error instanceof AppError ? error : fromBodyParser(error);
    if (known) {
      sendError(req, res, known);
      return;
    }
    log.error('unhandled error', {
      requestId: String(res.locals.requestId ?? ''),
      stack: error instanceof Error ? (error.stack ?? error.message) : 'non-error thrown',
    });
    sendError(req, res, new AppError('internal_error', 'The server could not complete this request. Please try again.'));
  };
}
