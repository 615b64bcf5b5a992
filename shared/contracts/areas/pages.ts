import type { RouteContract } from '../routes.js';
import { linkPageQuerySchema, passwordResetRequestSchema, setPasswordSchema } from '../../domain/auth.js';
import { invitationAcceptSchema } from '../../domain/staff.js';
import { unsubscribeFormSchema, unsubscribeQuerySchema } from '../../domain/unsubscribe.js';

/**
 * The route contracts of the `pages` area: the pages behind the emailed links: HTML, their forms posted as application/x-www-form-urlencoded.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const setPasswordPage = {
  id: 'setPasswordPage',
  method: 'GET',
  path: '/set-password',
  handler: 'functions/http/pages/set-password.ts',
  area: 'pages',
  auth: 'link',
  needs: ['table:get', 'table:batch-get'],
  summary: 'The page a welcome or reset link opens: a form to set the password',
  page: true,
  request: { query: linkPageQuerySchema },
  response: { status: 200, description: 'The set-password form (410: the link no longer works, with a form for a fresh one)' },
} as const satisfies RouteContract;

export const setPasswordSubmit = {
  id: 'setPasswordSubmit',
  method: 'POST',
  path: '/set-password',
  handler: 'functions/http/pages/set-password.ts',
  area: 'pages',
  auth: 'link',
  needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:set-password', 'table:put', 'identity:global-sign-out'],
  summary: 'The set-password form: sets the password and shows where to sign in',
  page: true,
  request: { body: setPasswordSchema },
  response: { status: 200, description: 'Password set; where to sign in (400: the form again, with what is wrong)' },
} as const satisfies RouteContract;

export const acceptInvitationPage = {
  id: 'acceptInvitationPage',
  method: 'GET',
  path: '/accept-invitation',
  handler: 'functions/http/pages/accept-invitation.ts',
  area: 'pages',
  auth: 'link',
  needs: ['table:get', 'table:batch-get'],
  summary: 'The page an invitation link opens: a form to join the firm',
  page: true,
  request: { query: linkPageQuerySchema },
  response: { status: 200, description: 'The invitation form, the name as invited' },
} as const satisfies RouteContract;

export const acceptInvitationSubmit = {
  id: 'acceptInvitationSubmit',
  method: 'POST',
  path: '/accept-invitation',
  handler: 'functions/http/pages/accept-invitation.ts',
  area: 'pages',
  auth: 'link',
  needs: ['table:get', 'table:batch-get', 'table:update', 'table:condition-check', 'identity:create-user', 'identity:set-password', 'identity:delete-user', 'table:put'],
  summary: 'The invitation form: creates the account and shows the next step',
  page: true,
  request: { body: invitationAcceptSchema },
  response: { status: 200, description: 'Account created; the next step' },
} as const satisfies RouteContract;

export const resetPasswordPage = {
  id: 'resetPasswordPage',
  method: 'GET',
  path: '/reset-password',
  handler: 'functions/http/pages/reset-password.ts',
  area: 'pages',
  auth: 'public',
  needs: [],
  summary: 'A form to ask for a password reset link',
  page: true,
  response: { status: 200, description: 'A form to ask for a reset link' },
} as const satisfies RouteContract;

export const resetPasswordSubmit = {
  id: 'resetPasswordSubmit',
  method: 'POST',
  path: '/reset-password',
  handler: 'functions/http/pages/reset-password.ts',
  area: 'pages',
  auth: 'public',
  needs: ['table:update', 'identity:get-user', 'table:batch-get', 'table:put', 'email:send'],
  summary: 'The reset form: the same answer for any address; a link goes to an active account',
  page: true,
  request: { body: passwordResetRequestSchema },
  response: { status: 200, description: 'The same answer for any address' },
  rateLimited: true,
} as const satisfies RouteContract;

export const unsubscribePage = {
  id: 'unsubscribePage',
  method: 'GET',
  path: '/unsubscribe',
  handler: 'functions/http/pages/unsubscribe.ts',
  area: 'pages',
  auth: 'link',
  needs: ['table:batch-get'],
  summary: 'The page an unsubscribe link opens (a scheduled email’s footer): a button to confirm; opening it changes nothing',
  page: true,
  request: { query: linkPageQuerySchema },
  response: { status: 200, description: 'The confirm form (410: the link is not valid)' },
} as const satisfies RouteContract;

export const unsubscribeSubmit = {
  id: 'unsubscribeSubmit',
  method: 'POST',
  path: '/unsubscribe',
  handler: 'functions/http/pages/unsubscribe.ts',
  area: 'pages',
  auth: 'link',
  needs: ['table:batch-get', 'table:get', 'table:query-index', 'table:update', 'table:put', 'table:condition-check'],
  summary:
    'One-click unsubscribe (RFC 8058: `List-Unsubscribe=One-Click` from a mail server, the token in the query; or the confirm form, the token in the body): the recipient gets no more of that list from the firm; twice is once',
  page: true,
  request: { query: unsubscribeQuerySchema, body: unsubscribeFormSchema },
  response: { status: 200, description: 'Unsubscribed (410: the link is not valid; 400: not a one-click body)' },
} as const satisfies RouteContract;
