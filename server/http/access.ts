import type { Request } from 'express';

/**
 * Who may call a route. Every route declares one; respondents never sign in, so survey
 * pages are `public`. Staff kinds (signed in, platform admin, organization role) join this
 * union with accounts, each with its check below.
 */
export type Access = { kind: 'public' };

export const publicAccess: Access = { kind: 'public' };

type AccessCheck = (req: Request) => void;

const accessChecks: Record<Access['kind'], AccessCheck> = {
  public: () => undefined,
};

/** Throws the matching AppError when the request may not reach the route. */
export function enforceAccess(access: Access, req: Request): void {
  accessChecks[access.kind](req);
}
