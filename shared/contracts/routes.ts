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
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'functions/http/openapi/get.ts',
    auth: 'public',
    needs: [],
    summary: 'The OpenAPI 3.1 document of this API, generated from the zod schemas',
  },
  {
    id: 'signIn',
    method: 'POST',
    path: '/v1/auth/sign-in',
    handler: 'functions/http/auth/sign-in.ts',
    auth: 'public',
    needs: ['table:read'],
    summary: 'Staff sign-in with email and password: an ID token and an HttpOnly session cookie',
  },
  {
    id: 'setPassword',
    method: 'POST',
    path: '/v1/auth/password',
    handler: 'functions/http/auth/set-password.ts',
    auth: 'public',
    needs: ['table:read', 'table:write', 'identity:admin'],
    summary: 'Set a password with the link from a welcome or reset email',
  },
  {
    id: 'requestPasswordReset',
    method: 'POST',
    path: '/v1/auth/password-reset',
    handler: 'functions/http/auth/request-password-reset.ts',
    auth: 'public',
    needs: ['table:read', 'table:write', 'email:send', 'identity:admin'],
    summary: 'Email a password reset link to a staff address (always 202)',
  },
  {
    id: 'acceptInvitation',
    method: 'POST',
    path: '/v1/auth/accept-invitation',
    handler: 'functions/http/invitations/accept.ts',
    auth: 'public',
    needs: ['table:read', 'table:write', 'identity:admin'],
    summary: 'Accept a staff invitation with its link and choose a password',
  },
  {
    id: 'getMe',
    method: 'GET',
    path: '/v1/me',
    handler: 'functions/http/me/get.ts',
    auth: 'staff',
    needs: ['table:read'],
    summary: 'The signed-in staff user and their firm',
  },
  {
    id: 'getSettings',
    method: 'GET',
    path: '/v1/settings',
    handler: 'functions/http/settings/get.ts',
    auth: 'staff',
    needs: ['table:read'],
    summary: 'Firm settings (every role)',
  },
  {
    id: 'updateSettings',
    method: 'PATCH',
    path: '/v1/settings',
    handler: 'functions/http/settings/update.ts',
    auth: 'staff',
    needs: ['table:read', 'table:write'],
    summary: 'Change firm settings (owner, admin; plan limits: owner)',
  },
  {
    id: 'listStaff',
    method: 'GET',
    path: '/v1/staff',
    handler: 'functions/http/staff/list.ts',
    auth: 'staff',
    needs: ['table:read'],
    summary: 'Staff users of the firm (owner, admin)',
  },
  {
    id: 'getStaff',
    method: 'GET',
    path: '/v1/staff/{userId}',
    handler: 'functions/http/staff/get.ts',
    auth: 'staff',
    needs: ['table:read'],
    summary: 'One staff user (owner, admin)',
  },
  {
    id: 'updateStaff',
    method: 'PATCH',
    path: '/v1/staff/{userId}',
    handler: 'functions/http/staff/update.ts',
    auth: 'staff',
    needs: ['table:read', 'table:write', 'identity:admin'],
    summary: 'Rename, change the role of, deactivate or reactivate a staff user (owner, admin)',
  },
  {
    id: 'transferOwnership',
    method: 'POST',
    path: '/v1/ownership',
    handler: 'functions/http/ownership/transfer.ts',
    auth: 'staff',
    needs: ['table:read', 'table:write', 'identity:admin'],
    summary: 'Hand ownership of the firm to another staff user (owner)',
  },
  {
    id: 'createInvitation',
    method: 'POST',
    path: '/v1/invitations',
    handler: 'functions/http/invitations/create.ts',
    auth: 'staff',
    needs: ['table:read', 'table:write', 'email:send'],
    summary: 'Invite a coach or admin by email (owner, admin)',
  },
  {
    id: 'listInvitations',
    method: 'GET',
    path: '/v1/invitations',
    handler: 'functions/http/invitations/list.ts',
    auth: 'staff',
    needs: ['table:read'],
    summary: 'Invitations of the firm (owner, admin)',
  },
  {
    id: 'revokeInvitation',
    method: 'DELETE',
    path: '/v1/invitations/{invitationId}',
    handler: 'functions/http/invitations/revoke.ts',
    auth: 'staff',
    needs: ['table:read', 'table:write'],
    summary: 'Revoke a pending invitation (owner, admin)',
  },
  {
    id: 'resendInvitation',
    method: 'POST',
    path: '/v1/invitations/{invitationId}/resend',
    handler: 'functions/http/invitations/resend.ts',
    auth: 'staff',
    needs: ['table:read', 'table:write', 'email:send'],
    summary: 'Send a pending invitation again with a new link (owner, admin)',
  },
  {
    id: 'listAudit',
    method: 'GET',
    path: '/v1/audit',
    handler: 'functions/http/audit/list.ts',
    auth: 'staff',
    needs: ['table:read'],
    summary: 'The firm audit trail, newest first (owner, admin)',
  },
] as const satisfies readonly RouteDef[];

export type RouteId = (typeof routes)[number]['id'];

/** `GET /v1/tenants` style key, as API Gateway names a route. */
export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;
