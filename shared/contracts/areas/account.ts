import type { RouteContract } from '../routes.js';
import { codeFormSchema, signInFormSchema, signInPageQuerySchema } from '../../domain/auth.js';
import { authenticatorConfirmFormSchema, securityPageQuerySchema } from '../../domain/security.js';
import { SESSION_NEEDS } from '../session.js';

/**
 * The route contracts of the `account` area: signing in and out of the staff web app, and the user's own security
 * (their authenticator app). HTML pages; forms posted as application/x-www-form-urlencoded.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const signInPage = {
  id: 'signInPage',
  method: 'GET',
  path: '/sign-in',
  handler: 'functions/http/account/sign-in.ts',
  area: 'account',
  auth: 'public',
  needs: [],
  summary: 'The sign-in page of the staff web app: email and password',
  page: true,
  request: { query: signInPageQuerySchema },
  response: { status: 200, description: 'The sign-in form (with why a session ended, when it did)' },
} as const satisfies RouteContract;

export const signInSubmit = {
  id: 'signInSubmit',
  method: 'POST',
  path: '/sign-in',
  handler: 'functions/http/account/sign-in.ts',
  area: 'account',
  auth: 'public',
  needs: ['table:update', 'identity:sign-in', 'table:batch-get', 'table:put'],
  summary: 'Email and password: a session cookie and on to the app, or the authenticator code step',
  page: true,
  request: { body: signInFormSchema },
  response: { status: 303, description: 'Signed in: on to the app (200: the code step; 400/401: the form again)' },
  rateLimited: true,
} as const satisfies RouteContract;

export const signInCode = {
  id: 'signInCode',
  method: 'POST',
  path: '/sign-in/code',
  handler: 'functions/http/account/sign-in-code.ts',
  area: 'account',
  auth: 'public',
  needs: ['table:update', 'identity:answer-challenge', 'table:batch-get', 'table:put'],
  summary: 'The authenticator code of a sign-in begun with the password (its step held in a short-lived cookie)',
  page: true,
  request: { body: codeFormSchema },
  response: { status: 303, description: 'Signed in: on to the app (400: the code step again)' },
  rateLimited: true,
} as const satisfies RouteContract;

export const signOutPage = {
  id: 'signOutPage',
  method: 'POST',
  path: '/sign-out',
  handler: 'functions/http/account/sign-out.ts',
  area: 'account',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS, 'table:put', 'identity:revoke-token'],
  summary: 'Ends this browser session: the cookie is worthless from now on, the refresh token revoked',
  page: true,
  response: { status: 200, description: 'Signed out' },
} as const satisfies RouteContract;

export const securityPage = {
  id: 'securityPage',
  method: 'GET',
  path: '/app/security',
  handler: 'functions/http/account/security.ts',
  area: 'account',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS],
  summary: 'The user’s own security: their authenticator app, the firm’s requirement, sign out everywhere, password',
  page: true,
  request: { query: securityPageQuerySchema },
  response: { status: 200, description: 'The security page (with a notice after a change)' },
} as const satisfies RouteContract;

export const authenticatorStart = {
  id: 'authenticatorStart',
  method: 'POST',
  path: '/app/security/authenticator',
  handler: 'functions/http/account/authenticator-start.ts',
  area: 'account',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS, 'identity:associate-software-token'],
  summary: 'Begins enrolling an authenticator app: its QR code, the secret as text, and the field for its first code',
  page: true,
  response: { status: 200, description: 'The enrolment page' },
} as const satisfies RouteContract;

export const authenticatorConfirm = {
  id: 'authenticatorConfirm',
  method: 'POST',
  path: '/app/security/authenticator/confirm',
  handler: 'functions/http/account/authenticator-confirm.ts',
  area: 'account',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS, 'identity:verify-software-token', 'identity:set-mfa-preference', 'table:put'],
  summary: 'The authenticator app’s first code: from now on the sign-in asks for it',
  page: true,
  request: { body: authenticatorConfirmFormSchema },
  response: { status: 303, description: 'Enrolled: back to the security page (400: the enrolment page again, the message by the field)' },
} as const satisfies RouteContract;

export const authenticatorRemove = {
  id: 'authenticatorRemove',
  method: 'POST',
  path: '/app/security/authenticator/remove',
  handler: 'functions/http/account/authenticator-remove.ts',
  area: 'account',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS, 'identity:set-mfa-preference', 'table:put'],
  summary: 'Removes the authenticator app from the sign-in (a sign-in of the last 15 minutes; not while the firm requires one)',
  page: true,
  response: { status: 303, description: 'Removed: back to the security page (or to sign in again first)' },
} as const satisfies RouteContract;

export const securitySignOutEverywhere = {
  id: 'securitySignOutEverywhere',
  method: 'POST',
  path: '/app/security/sign-out-everywhere',
  handler: 'functions/http/account/sign-out-everywhere.ts',
  area: 'account',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS, 'table:put', 'identity:global-sign-out'],
  summary: 'Ends every session of the user, on every device (this one too)',
  page: true,
  response: { status: 200, description: 'Signed out' },
} as const satisfies RouteContract;
