/**
 * The route table: the single source of truth for the HTTP API.
 * CDK creates one API route and one Lambda function per entry; the local gateway dispatches from it;
 * the cross-tenant and role test matrices iterate it. Adding a route is one line here plus its handler.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `public`: anyone (rate-limited at the edge); `staff`: a verified Cognito token of a firm's staff user.
 * Later kinds (`client-link`, `sponsor-link`) verify an emailed link instead.
 */
export type AuthKind = 'public' | 'staff';

/**
 * What a function may touch. CDK turns each capability into least-privilege IAM statements
 * (infra/stacks/permissions.ts), so a function gets exactly what its entry here names.
 */
export type Capability =
  | 'table:read'
  | 'table:write'
  | 'table:describe'
  | 'email:send'
  | 'email:account'
  | 'identity:admin'
  | 'identity:describe';

export interface RouteDef {
  /** Stable id: names the Lambda function and the test matrix entry. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax, parameters in braces: `/v1/staff/{userId}`. */
  readonly path: string;
  /** Handler file, relative to the repository root; it exports `handler`. */
  readonly handler: string;
  readonly auth: AuthKind;
  readonly needs: readonly Capability[];
  readonly summary: string;
}

export const routes = [
  {
    id: 'health',
    method: 'GET',
    path: '/health',
    handler: 'functions/http/health/get.ts',
    auth: 'public',
    needs: ['table:describe', 'email:account', 'identity:describe'],
    summary: 'Service version and the status of the table, email and identity dependencies',
  },
  {
    id: 'createTenant',
    method: 'POST',
    path: '/v1/tenants',
    handler: 'functions/http/tenants/create.ts',
    auth: 'public',
    needs: ['table:write', 'email:send', 'identity:admin'],
    summary: 'Sign up a coaching firm with its owner',
  },
] as const satisfies readonly RouteDef[];

export type RouteId = (typeof routes)[number]['id'];

/** `GET /v1/tenants` style key, as API Gateway names a route. */
export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;
