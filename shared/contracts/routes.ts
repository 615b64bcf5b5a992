import type * as z from 'zod/mini';
import type { Permission } from '../domain/access.js';
import * as account from './areas/account.js';
import * as admin from './areas/admin.js';
import * as auth from './areas/auth.js';
import * as client from './areas/client.js';
import * as coaching from './areas/coaching.js';
import * as directory from './areas/directory.js';
import * as docs from './areas/docs.js';
import * as health from './areas/health.js';
import * as pages from './areas/pages.js';
import * as practice from './areas/practice.js';
import * as progress from './areas/progress.js';
import * as sponsor from './areas/sponsor.js';
import * as tenancy from './areas/tenancy.js';

/**
 * The route table: the single source of truth for the HTTP API, gathered from the areas' contracts
 * (shared/contracts/areas/<area>.ts). CDK creates one API route per entry and one Lambda function per area and auth
 * kind; the local gateway dispatches from it; the OpenAPI document is derived from it; the role, isolation and
 * call-budget tests iterate it. Adding a route is its contract entry in its area's module plus its handler.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `public`: anyone (rate-limited where it matters); `staff`: a verified Cognito token of a firm's staff user (the
 * gateway's JWT authorizer, then the middleware); `link`: an emailed link token in the query (GET) or the form body
 * (POST), verified by the handler: no authorizer, the link itself is the credential (staff links, client links);
 * `session`: a page of the staff web app, authenticated by the browser's session cookie, which the handler checks
 * against its session item (API Gateway's JWT authorizer reads a bearer header, which a browser does not send).
 */
export type AuthKind = 'public' | 'staff' | 'link' | 'session';

/**
 * The parts of the product, each owning its routes. Routes of one area and one auth kind share a Lambda function
 * (`tenancy-staff`, `pages-link`: infra/stacks/route-groups.ts), so a new area is a new name here.
 */
export type Area = 'health' | 'docs' | 'auth' | 'tenancy' | 'pages' | 'coaching' | 'client' | 'progress' | 'sponsor' | 'account' | 'practice' | 'directory' | 'admin';

/**
 * What a function may touch, one AWS operation (or a pair like enable/disable) each. CDK turns the list into the
 * function's IAM policy (infra/stacks/capabilities.ts maps each to its actions); the local gateway refuses any AWS
 * call outside it, so a list here that misses a call fails the tests, and one that names too much shows in review.
 */
export type Capability =
  | 'table:get'
  | 'table:batch-get'
  | 'table:query'
  | 'table:query-index'
  | 'table:put'
  | 'table:update'
  | 'table:delete'
  | 'table:condition-check'
  | 'table:describe'
  | 'email:send'
  | 'email:account'
  | 'identity:create-user'
  | 'identity:delete-user'
  | 'identity:get-user'
  | 'identity:set-password'
  | 'identity:enable-user'
  | 'identity:disable-user'
  | 'identity:update-attributes'
  | 'identity:global-sign-out'
  | 'identity:describe'
  | 'identity:sign-in'
  | 'identity:revoke-token'
  /** Answering Cognito's sign-in challenge (the authenticator code). */
  | 'identity:answer-challenge'
  /** The caller's own authenticator app (TOTP), with their access token: enrol, confirm, switch on or off. */
  | 'identity:associate-software-token'
  | 'identity:verify-software-token'
  | 'identity:set-mfa-preference'
  /** Sending to a queue of the queue table (shared/contracts/queues.ts), by its name. */
  | 'queue:send:tenant-sweep';

export interface RouteDef {
  /** Stable id: names the Lambda function and the test matrix entry. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax, parameters in braces: `/v1/staff/{userId}`. */
  readonly path: string;
  /** Handler file, relative to the repository root; it exports `handler`. */
  readonly handler: string;
  /** The part of the product it belongs to; with `auth` it names the Lambda function that serves it. */
  readonly area: Area;
  readonly auth: AuthKind;
  /**
   * Staff routes: what the caller's role must be allowed (shared/domain/access.ts), checked by the middleware before
   * the handler runs (a refusal says nothing about whether the resource exists). `firm:read` where any role may.
   */
  readonly permission?: Permission;
  readonly needs: readonly Capability[];
  readonly summary: string;
}

/**
 * A route of the product's table: its entry in the API (RouteDef, what CDK and the local gateway read) and its
 * contract, which the handlers validate with and the OpenAPI document (shared/api/openapi.ts) is derived from.
 */
export interface RouteContract extends RouteDef {
  /** The zod schemas of the request: path parameters, query, body (JSON; a form on pages). */
  readonly request?: { readonly path?: z.ZodMiniType; readonly query?: z.ZodMiniType; readonly body?: z.ZodMiniType; readonly bodyOptional?: boolean };
  /** The success answer: its status, what it means, and its JSON body (none for a 204; pages answer HTML). */
  /** `body` makes the schema on first use: only the OpenAPI document and the tests need it, never a cold start. */
  readonly response: { readonly status: number; readonly description: string; readonly body?: () => z.ZodMiniType };
  /** Counted against a rate limit: may answer 429 with Retry-After. */
  readonly rateLimited?: boolean;
  /** An HTML page (its form posted as application/x-www-form-urlencoded), not JSON. */
  readonly page?: boolean;
}

/** Every route of every area (each area module's exports, in name order: API Gateway and the local gateway match by specificity, not order). */
// A module namespace lists its exports alphabetically in Node but in declaration order under some loaders (vitest):
// sorting by id makes the table, and all that is derived from it, the same everywhere.
const byId = <T extends { id: string }>(area: Record<string, T>): T[] => Object.values(area).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const routes = [...byId(health), ...byId(docs), ...byId(auth), ...byId(tenancy), ...byId(pages), ...byId(coaching), ...byId(client), ...byId(progress), ...byId(sponsor),
  ...byId(account), ...byId(practice), ...byId(directory), ...byId(admin)] satisfies readonly RouteContract[];

export type RouteId = (typeof routes)[number]['id'];

/** `GET /v1/tenants` style key, as API Gateway names a route. */
export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;
