/**
 * The route table: the single source of truth for the HTTP API.
 * CDK creates one API route per entry and one Lambda function per area and auth kind; the local gateway dispatches
 * from it; the cross-tenant and role test matrices iterate it. Adding a route is one line here plus its handler.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `public`: anyone (rate-limited where it matters); `staff`: a verified Cognito token of a firm's staff user (the
 * gateway's JWT authorizer, then the middleware); `link`: an emailed link token in the query (GET) or the form body
 * (POST), verified by the handler: no authorizer, the link itself is the credential. Client and sponsor links come
 * with the coaching core.
 */
export type AuthKind = 'public' | 'staff' | 'link';

/**
 * The parts of the product, each owning its routes. Routes of one area and one auth kind share a Lambda function
 * (`tenancy-staff`, `pages-link`: infra/stacks/route-groups.ts), so a new area is a new name here.
 */
export type Area = 'health' | 'docs' | 'auth' | 'tenancy' | 'pages';

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
  | 'identity:revoke-token';

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
  readonly needs: readonly Capability[];
  readonly summary: string;
}

export const routes = [
  {
    id: 'health',
    method: 'GET',
    path: '/health',
    handler: 'functions/http/health/get.ts',
    area: 'health',
    auth: 'public',
    needs: ['table:describe', 'email:account', 'identity:describe'],
    summary: 'Service version and the status of the table, email and identity dependencies',
  },
  {
    id: 'createTenant',
    method: 'POST',
    path: '/v1/tenants',
    handler: 'functions/http/tenants/create.ts',
    area: 'tenancy',
    auth: 'public',
    needs: ['table:update', 'table:get', 'identity:create-user', 'identity:delete-user', 'identity:get-user', 'table:put', 'email:send'],
    summary: 'Sign up a coaching firm with its owner',
  },
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'functions/http/openapi/get.ts',
    area: 'docs',
    auth: 'public',
    needs: [],
    summary: 'The OpenAPI 3.1 document of this API, generated from the zod schemas',
  },
  {
    id: 'signIn',
    method: 'POST',
    path: '/v1/auth/sign-in',
    handler: 'functions/http/auth/sign-in.ts',
    area: 'auth',
    auth: 'public',
    needs: ['table:update', 'identity:sign-in', 'table:batch-get'],
    summary: 'Staff sign-in with email and password: an ID token and an HttpOnly session cookie',
  },
  {
    id: 'setPassword',
    method: 'POST',
    path: '/v1/auth/password',
    handler: 'functions/http/auth/set-password.ts',
    area: 'auth',
    auth: 'link',
    needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:set-password', 'table:put', 'identity:global-sign-out'],
    summary: 'Set a password with the link from a welcome or reset email',
  },
  {
    id: 'requestPasswordReset',
    method: 'POST',
    path: '/v1/auth/password-reset',
    handler: 'functions/http/auth/request-password-reset.ts',
    area: 'auth',
    auth: 'public',
    needs: ['table:update', 'identity:get-user', 'table:batch-get', 'table:put', 'email:send'],
    summary: 'Email a password reset link to a staff address (always 202)',
  },
  {
    id: 'acceptInvitation',
    method: 'POST',
    path: '/v1/auth/accept-invitation',
    handler: 'functions/http/invitations/accept.ts',
    area: 'auth',
    auth: 'link',
    needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:create-user', 'identity:set-password', 'identity:delete-user', 'table:put'],
    summary: 'Accept a staff invitation with its link and choose a password',
  },
  {
    id: 'getMe',
    method: 'GET',
    path: '/v1/me',
    handler: 'functions/http/me/get.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get'],
    summary: 'The signed-in staff user and their firm',
  },
  {
    id: 'getSettings',
    method: 'GET',
    path: '/v1/settings',
    handler: 'functions/http/settings/get.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get'],
    summary: 'Firm settings (every role)',
  },
  {
    id: 'updateSettings',
    method: 'PATCH',
    path: '/v1/settings',
    handler: 'functions/http/settings/update.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:put'],
    summary: 'Change firm settings (owner, admin; plan limits: owner)',
  },
  {
    id: 'listStaff',
    method: 'GET',
    path: '/v1/staff',
    handler: 'functions/http/staff/list.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:query'],
    summary: 'Staff users of the firm (owner, admin)',
  },
  {
    id: 'getStaff',
    method: 'GET',
    path: '/v1/staff/{userId}',
    handler: 'functions/http/staff/get.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:get'],
    summary: 'One staff user (owner, admin)',
  },
  {
    id: 'updateStaff',
    method: 'PATCH',
    path: '/v1/staff/{userId}',
    handler: 'functions/http/staff/update.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:get', 'table:query-index', 'table:update', 'table:put', 'table:delete', 'identity:enable-user', 'identity:disable-user', 'identity:global-sign-out', 'identity:update-attributes'],
    summary: 'Rename, change the role of, deactivate or reactivate a staff user (owner, admin)',
  },
  {
    id: 'transferOwnership',
    method: 'POST',
    path: '/v1/ownership',
    handler: 'functions/http/ownership/transfer.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:update', 'table:put', 'identity:update-attributes'],
    summary: 'Hand ownership of the firm to another staff user (owner)',
  },
  {
    id: 'createInvitation',
    method: 'POST',
    path: '/v1/invitations',
    handler: 'functions/http/invitations/create.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:put', 'table:condition-check', 'table:update', 'table:get', 'email:send'],
    summary: 'Invite a coach or admin by email (owner, admin)',
  },
  {
    id: 'listInvitations',
    method: 'GET',
    path: '/v1/invitations',
    handler: 'functions/http/invitations/list.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:query'],
    summary: 'Invitations of the firm (owner, admin)',
  },
  {
    id: 'revokeInvitation',
    method: 'DELETE',
    path: '/v1/invitations/{invitationId}',
    handler: 'functions/http/invitations/revoke.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:get', 'table:update', 'table:delete', 'table:put'],
    summary: 'Revoke a pending invitation (owner, admin)',
  },
  {
    id: 'resendInvitation',
    method: 'POST',
    path: '/v1/invitations/{invitationId}/resend',
    handler: 'functions/http/invitations/resend.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:get', 'table:update', 'table:put', 'email:send'],
    summary: 'Send a pending invitation again with a new link (owner, admin)',
  },
  {
    id: 'listAudit',
    method: 'GET',
    path: '/v1/audit',
    handler: 'functions/http/audit/list.ts',
    area: 'tenancy',
    auth: 'staff',
    needs: ['table:batch-get', 'table:query'],
    summary: 'The firm audit trail, newest first (owner, admin)',
  },
  {
    id: 'signOut',
    method: 'POST',
    path: '/v1/auth/sign-out',
    handler: 'functions/http/auth/sign-out.ts',
    area: 'auth',
    auth: 'staff',
    needs: ['table:batch-get', 'table:put', 'identity:revoke-token'],
    summary: 'End this session: its token is refused from now on, its refresh token revoked, the cookie cleared',
  },
  {
    id: 'signOutEverywhere',
    method: 'POST',
    path: '/v1/auth/sign-out-everywhere',
    handler: 'functions/http/auth/sign-out-everywhere.ts',
    area: 'auth',
    auth: 'staff',
    needs: ['table:batch-get', 'table:update', 'table:put', 'identity:global-sign-out'],
    summary: 'End every session of the caller on every device, this one included',
  },
  {
    id: 'setPasswordPage',
    method: 'GET',
    path: '/set-password',
    handler: 'functions/http/pages/set-password.ts',
    area: 'pages',
    auth: 'link',
    needs: ['table:get', 'table:batch-get'],
    summary: 'The page a welcome or reset link opens: a form to set the password',
  },
  {
    id: 'setPasswordSubmit',
    method: 'POST',
    path: '/set-password',
    handler: 'functions/http/pages/set-password.ts',
    area: 'pages',
    auth: 'link',
    needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:set-password', 'table:put', 'identity:global-sign-out'],
    summary: 'The set-password form: sets the password and shows where to sign in',
  },
  {
    id: 'acceptInvitationPage',
    method: 'GET',
    path: '/accept-invitation',
    handler: 'functions/http/pages/accept-invitation.ts',
    area: 'pages',
    auth: 'link',
    needs: ['table:get', 'table:batch-get'],
    summary: 'The page an invitation link opens: a form to join the firm',
  },
  {
    id: 'acceptInvitationSubmit',
    method: 'POST',
    path: '/accept-invitation',
    handler: 'functions/http/pages/accept-invitation.ts',
    area: 'pages',
    auth: 'link',
    needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:create-user', 'identity:set-password', 'identity:delete-user', 'table:put'],
    summary: 'The invitation form: creates the account and shows the next step',
  },
  {
    id: 'resetPasswordPage',
    method: 'GET',
    path: '/reset-password',
    handler: 'functions/http/pages/reset-password.ts',
    area: 'pages',
    auth: 'public',
    needs: [],
    summary: 'A form to ask for a password reset link',
  },
  {
    id: 'resetPasswordSubmit',
    method: 'POST',
    path: '/reset-password',
    handler: 'functions/http/pages/reset-password.ts',
    area: 'pages',
    auth: 'public',
    needs: ['table:update', 'identity:get-user', 'table:batch-get', 'table:put', 'email:send'],
    summary: 'The reset form: the same answer for any address; a link goes to an active account',
  },
] as const satisfies readonly RouteDef[];

export type RouteId = (typeof routes)[number]['id'];

/** `GET /v1/tenants` style key, as API Gateway names a route. */
export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;
