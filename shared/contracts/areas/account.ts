import type { RouteContract } from '../routes.js';
import { codeFormSchema, signInFormSchema, signInPageQuerySchema } from '../../domain/auth.js';
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
