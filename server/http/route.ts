import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../log.js';
import type { Staff } from '../accounts/roles.js';
import { type Access, enforceAccess, enforceCsrf, identifyVisitor } from './access.js';
import { AppError, type ErrorDetail } from './errors.js';
import { findUnstorableText } from './text.js';

/** What every handler may use; built once in main.ts (or by a test) and handed to createApp. */
export type AppDeps = { db: Db; log: Logger; config: Config };

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Parses `{ params, query, body }` of a request; any part may be left out of the schema. */
export type InputSchema = z.ZodType<unknown, { params?: unknown; query?: unknown; body?: unknown }>;

/** `staff` is set on every signedIn, platformAdmin and orgRole route (access has checked it). */
export type HandlerContext<Input> = { input: Input; deps: AppDeps; db: Db; req: Request; staff: Staff | undefined };

export type Route = {
  method: Method;
  path: string;
  access: Access;
  input: InputSchema;
  handler(context: HandlerContext<unknown>, res: Response): Promise<void> | void;
};

export type RouteDefinition<Schema extends InputSchema> = {
  method: Method;
  path: string;
  access: Access;
  input: Schema;
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

/** Mounts a route table: access first, then the CSRF check, then validation, then the handler. */
export function mount(routes: readonly Route[], deps: AppDeps): Router {
  const router = express.Router();
  for (const route of routes) {
    checkDeclaration(route);
    router[route.method](route.path, async (req: Request, res: Response) => {
      const visitor = await identifyVisitor(route.access, req, res, deps.db, deps.config);
      res.locals.staff = visitor.staff;
      res.locals.csrfToken = visitor.csrfToken;
      enforceAccess(route.access, visitor, req);
      enforceCsrf(route.access, visitor, req);
      const input = parseInput(route, req);
      await route.handler({ input, deps, db: deps.db, req, staff: visitor.staff }, res);
    });
  }
  return router;
}
