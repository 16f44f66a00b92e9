import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../log.js';
import type { Staff } from '../accounts/roles.js';
import { type Access, enforceAccess, enforceCsrf, identifyVisitor, signedIn, type Visitor } from './access.js';
import { AppError, type ErrorDetail, wantsHtml } from './errors.js';
import { findUnstorableText } from './text.js';
import type { StaffLanguage } from '../i18n/languages.js';
import { type Translate, translator } from '../i18n/translate.js';
import { staffPageLanguage } from './language.js';

/**
 * What every handler may use; built once in main.ts (or by a test) and handed to createApp.
 * `kickMail` asks the delivery loop to send now, after a transaction that queued mail commits
 * (without it, mail goes within a few seconds anyway).
 */
export type AppDeps = { db: Db; log: Logger; config: Config; kickMail?: () => void };

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Parses `{ params, query, body }` of a request; any part may be left out of the schema. */
export type InputSchema = z.ZodType<unknown, { params?: unknown; query?: unknown; body?: unknown }>;

/**
 * `staff` is set on every signedIn, platformAdmin and orgRole route (access has checked it).
 * `t` gives staff-page text in the visitor's `language` (English on public routes, whose survey
 * pages choose among the instrument's own languages).
 */
export type HandlerContext<Input> = {
  input: Input; deps: AppDeps; db: Db; req: Request; staff: Staff | undefined; language: StaffLanguage; t: Translate;
};

/** A rejected form post as its page shows it: the problems by field name and what was typed. */
export type FormProblems = { message: string; fields: Record<string, string>; submitted: Record<string, unknown> };

/**
 * Renders a form's own page again with its problems beside the fields. Its input is the raw
 * request (validation may have been what failed), and access has already been checked.
 */
export type FormPage = (context: HandlerContext<undefined>, problems: FormProblems, res: Response) => Promise<void>;

export type Route = {
  method: Method;
  path: string;
  access: Access;
  input: InputSchema;
  formPage?: FormPage;
  handler(context: HandlerContext<unknown>, res: Response): Promise<void> | void;
};

export type RouteDefinition<Schema extends InputSchema> = {
  method: Method;
  path: string;
  access: Access;
  input: Schema;
  /** For a form post: a browser sees a refusal (4xx) in the form itself, once, not on an error page. */
  formPage?: FormPage;
  handler(context: HandlerContext<z.output<Schema>>, res: Response): Promise<void> | void;
};

export function defineRoute<Schema extends InputSchema>(definition: RouteDefinition<Schema>): Route {
  return definition;
}

/** Headers for pages that hold forms, links or account data: never stored by a cache. */
export const privatePage = { 'Cache-Control': 'no-store' };

/** An input schema for routes that take nothing. */
export const NoInput = z.object({});

export function toErrorDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

function parseInput(route: Route, req: Request): unknown {
  const unstorable = findUnstorableText({ params: req.params, query: req.query, body: req.body as unknown });
  if (unstorable) throw new AppError('invalid_input', `The request is not valid. ${unstorable.path}: ${unstorable.message}`, [unstorable]);
  const parsed = route.input.safeParse({ params: req.params, query: req.query, body: req.body as unknown });
  if (parsed.success) return parsed.data;
  const details = toErrorDetails(parsed.error);
  const summary = details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
  throw new AppError('invalid_input', `The request is not valid. ${summary}`, details);
}

/** The signed-in staff member of a staff route; access has already refused anyone else. */
export function actingStaff(context: { staff: Staff | undefined }): Staff {
  if (!context.staff) throw new AppError('unauthenticated', 'Please sign in to see this page.');
  return context.staff;
}

function checkDeclaration(route: Route): void {
  const name = `${route.method.toUpperCase()} ${route.path}`;
  if (!Object.hasOwn(route, 'access')) throw new Error(`${name} declares no access`);
  if (route.access.kind === 'orgRole' && !route.path.includes('/:orgId')) throw new Error(`${name} declares orgRole access without :orgId`);
}

/**
 * Problems a person can correct in the form. Anything else (missing rights, a stale CSRF token,
 * a malformed address that the form page itself could not be built from) keeps the error page.
 */
const WellFormedId = z.uuid();

/** Form pages are drawn again from the address's ids, so only for an address whose every id is well formed. */
function hasWellFormedIds(req: Request): boolean {
  return Object.values(req.params as Record<string, string>).every((value) => WellFormedId.safeParse(value).success);
}

function isCorrectable(error: unknown): error is AppError {
  if (!(error instanceof AppError) || ![400, 409, 413].includes(error.status)) return false;
  return !error.details.some((detail) => detail.path.startsWith('params'));
}

function toFormProblems(error: AppError, body: unknown): FormProblems {
  const fields: Record<string, string> = {};
  // "body.unitIds.0" belongs to the unitIds field; a field with several problems shows them all.
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\./, '').split('.')[0] ?? detail.path;
    fields[field] = fields[field] === undefined ? detail.message : `${fields[field]}; ${detail.message}`;
  }
  const submitted = typeof body === 'object' && body !== null ? { ...body } : {};
  return { message: error.details.length > 0 ? '' : error.message, fields, submitted };
}

async function runHandler(route: Route, context: Omit<HandlerContext<unknown>, 'input'>, res: Response): Promise<void> {
  try {
    await route.handler({ ...context, input: parseInput(route, context.req) }, res);
  } catch (error) {
    if (!route.formPage || !isCorrectable(error) || !hasWellFormedIds(context.req) || !wantsHtml(context.req) || res.headersSent) throw error;
    res.status(error.status);
    await route.formPage({ ...context, input: undefined }, toFormProblems(error, context.req.body), res);
  }
}

/** Public routes read no cookie (nothing ties a survey request to a staff browser), so they stay English here. */
function visitorLanguage(access: Access, visitor: Visitor, req: Request): StaffLanguage {
  return access.kind === 'public' ? 'en' : staffPageLanguage(req, visitor.staff?.language);
}

/** What every page drawn for this response shows of its visitor (header, forms, language); gives its translator. */
function showPagesAs(res: Response, visitor: Visitor, language: StaffLanguage, currentPath: string): Translate {
  const t = translator(language);
  Object.assign(res.locals, { staff: visitor.staff, csrfToken: visitor.csrfToken, language, t, currentPath });
  return t;
}

/** Mounts a route table: access first, then the CSRF check, then validation, then the handler. */
export function mount(routes: readonly Route[], deps: AppDeps): Router {
  const router = express.Router();
  for (const route of routes) {
    checkDeclaration(route);
    router[route.method](route.path, async (req: Request, res: Response) => {
      const visitor = await identifyVisitor(route.access, req, res, deps.db, deps.config);
      const language = visitorLanguage(route.access, visitor, req);
      const t = showPagesAs(res, visitor, language, req.method === 'GET' ? req.originalUrl : '/');
      enforceAccess(route.access, visitor, req);
      enforceCsrf(route.access, visitor, req);
      await runHandler(route, { deps, db: deps.db, req, staff: visitor.staff, language, t }, res);
    });
  }
  return router;
}

/**
 * An address no route serves still speaks its reader's language: a signed-in staff member's
 * (with their header), else this browser's choice or preference.
 */
export function createNotFoundHandler(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const visitor = await identifyVisitor(signedIn, req, res, deps.db, deps.config);
    showPagesAs(res, visitor, staffPageLanguage(req, visitor.staff?.language), '/');
    throw new AppError('not_found', 'There is no page at this address.');
  };
}
