import type { RouteContract } from '../routes.js';
import { passwordResetRequestSchema, setPasswordSchema, signInSchema, signOutSchema } from '../../domain/auth.js';
import { invitationAcceptSchema } from '../../domain/staff.js';
import { invitationAcceptedResponse, messageResponse, passwordSetResponse, signInResponse } from '../responses.js';

/**
 * The route contracts of the `auth` area: sessions and credentials: sign-in, passwords, accepting an invitation, sign-out.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const signIn = {
  id: 'signIn',
  method: 'POST',
  path: '/v1/auth/sign-in',
  handler: 'functions/http/auth/sign-in.ts',
  area: 'auth',
  auth: 'public',
  needs: ['table:update', 'identity:sign-in', 'table:batch-get'],
  summary: 'Staff sign-in with email and password: an ID token and an HttpOnly session cookie',
  request: { body: signInSchema },
  response: { status: 200, description: 'An ID token (use as Bearer) and a session cookie', body: signInResponse },
  rateLimited: true,
} as const satisfies RouteContract;

export const setPassword = {
  id: 'setPassword',
  method: 'POST',
  path: '/v1/auth/password',
  handler: 'functions/http/auth/set-password.ts',
  area: 'auth',
  auth: 'link',
  needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:set-password', 'table:put', 'identity:global-sign-out'],
  summary: 'Set a password with the link from a welcome or reset email',
  request: { body: setPasswordSchema },
  response: { status: 200, description: 'The password is set; sign in with it', body: passwordSetResponse },
} as const satisfies RouteContract;

export const requestPasswordReset = {
  id: 'requestPasswordReset',
  method: 'POST',
  path: '/v1/auth/password-reset',
  handler: 'functions/http/auth/request-password-reset.ts',
  area: 'auth',
  auth: 'public',
  needs: ['table:update', 'identity:get-user', 'table:batch-get', 'table:put', 'email:send'],
  summary: 'Email a password reset link to a staff address (always 202)',
  request: { body: passwordResetRequestSchema },
  response: { status: 202, description: 'A reset link is sent if the address is an active account', body: messageResponse },
  rateLimited: true,
} as const satisfies RouteContract;

export const acceptInvitation = {
  id: 'acceptInvitation',
  method: 'POST',
  path: '/v1/auth/accept-invitation',
  handler: 'functions/http/invitations/accept.ts',
  area: 'auth',
  auth: 'link',
  needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:create-user', 'identity:set-password', 'identity:delete-user', 'table:put'],
  summary: 'Accept a staff invitation with its link and choose a password',
  request: { body: invitationAcceptSchema },
  response: { status: 201, description: 'The new staff user', body: invitationAcceptedResponse },
} as const satisfies RouteContract;

export const signOut = {
  id: 'signOut',
  method: 'POST',
  path: '/v1/auth/sign-out',
  handler: 'functions/http/auth/sign-out.ts',
  area: 'auth',
  auth: 'staff',
  permission: 'firm:read',
  needs: ['table:batch-get', 'table:put', 'identity:revoke-token'],
  summary: 'End this session: its token is refused from now on, its refresh token revoked, the cookie cleared',
  request: { body: signOutSchema, bodyOptional: true },
  response: { status: 204, description: 'This session has ended; the cookie is cleared' },
} as const satisfies RouteContract;

export const signOutEverywhere = {
  id: 'signOutEverywhere',
  method: 'POST',
  path: '/v1/auth/sign-out-everywhere',
  handler: 'functions/http/auth/sign-out-everywhere.ts',
  area: 'auth',
  auth: 'staff',
  permission: 'firm:read',
  needs: ['table:batch-get', 'table:update', 'table:put', 'identity:global-sign-out'],
  summary: 'End every session of the caller on every device, this one included',
  response: { status: 204, description: 'Every session of the caller has ended' },
} as const satisfies RouteContract;
