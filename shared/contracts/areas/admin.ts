import type { RouteContract } from '../routes.js';
import {
  adminInvitationPathSchema,
  adminStaffPathSchema,
  auditPageQuerySchema,
  firmPageQuerySchema,
  firmSettingsFormSchema,
  myPageQuerySchema,
  mySettingsFormSchema,
  ownershipFormSchema,
  staffChangeFormSchema,
  staffPageQuerySchema,
} from '../../domain/admin-forms.js';
import { invitationCreateSchema } from '../../domain/staff.js';
import { SESSION_NEEDS } from '../session.js';

/**
 * The route contracts of the `admin` area: firm administration in the staff web app (settings and branding, staff and
 * invitations, ownership, the audit trail) and every user's own settings. HTML pages behind the session cookie; forms
 * posted as application/x-www-form-urlencoded. The rules are the JSON API's (shared/tenancy/*): one rule, two front ends.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const firmSettingsPage = {
  id: 'firmSettingsPage',
  method: 'GET',
  path: '/app/firm',
  handler: 'functions/http/admin/firm.ts',
  area: 'admin',
  auth: 'session',
  permission: 'settings:write',
  needs: [...SESSION_NEEDS],
  summary: 'The firm’s settings: name, branding, language and zone, sender, reminders, reports, coach digest (owners: security)',
  page: true,
  request: { query: firmPageQuerySchema },
  response: { status: 200, description: 'The settings form' },
} as const satisfies RouteContract;

export const firmSettingsSubmit = {
  id: 'firmSettingsSubmit',
  method: 'POST',
  path: '/app/firm',
  handler: 'functions/http/admin/firm.ts',
  area: 'admin',
  auth: 'session',
  permission: 'settings:write',
  needs: [...SESSION_NEEDS, 'table:put'],
  summary: 'Saves the firm’s settings (held to the version the form showed), or previews the branding without saving',
  page: true,
  request: { body: firmSettingsFormSchema },
  response: { status: 303, description: 'Saved: back to the form (200: the preview; 400: the form with its problems; 409: changed meanwhile)' },
} as const satisfies RouteContract;

export const staffPage = {
  id: 'staffPage',
  method: 'GET',
  path: '/app/firm/staff',
  handler: 'functions/http/admin/staff.ts',
  area: 'admin',
  auth: 'session',
  permission: 'staff:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'The firm’s staff (a page at a time) and its recent invitations, with the forms to manage them',
  page: true,
  request: { query: staffPageQuerySchema },
  response: { status: 200, description: 'The staff page' },
} as const satisfies RouteContract;

export const inviteStaffSubmit = {
  id: 'inviteStaffSubmit',
  method: 'POST',
  path: '/app/firm/invitations',
  handler: 'functions/http/admin/invite.ts',
  area: 'admin',
  auth: 'session',
  permission: 'staff:manage',
  needs: [...SESSION_NEEDS, 'table:query', 'table:put', 'table:condition-check', 'table:get', 'email:send'],
  summary: 'Invites a coach or admin by email',
  page: true,
  request: { body: invitationCreateSchema },
  response: { status: 303, description: 'Invited: back to the staff page (400/409: the form with its problems)' },
} as const satisfies RouteContract;

export const resendInvitationSubmit = {
  id: 'resendInvitationSubmit',
  method: 'POST',
  path: '/app/firm/invitations/{invitationId}/resend',
  handler: 'functions/http/admin/invitation-resend.ts',
  area: 'admin',
  auth: 'session',
  permission: 'staff:manage',
  needs: [...SESSION_NEEDS, 'table:query', 'table:get', 'table:put', 'email:send'],
  summary: 'Sends a pending invitation again with a new link (the old one stops working)',
  page: true,
  request: { path: adminInvitationPathSchema },
  response: { status: 303, description: 'Sent: back to the staff page (409: no longer pending)' },
} as const satisfies RouteContract;

export const revokeInvitationSubmit = {
  id: 'revokeInvitationSubmit',
  method: 'POST',
  path: '/app/firm/invitations/{invitationId}/revoke',
  handler: 'functions/http/admin/invitation-revoke.ts',
  area: 'admin',
  auth: 'session',
  permission: 'staff:manage',
  needs: [...SESSION_NEEDS, 'table:query', 'table:get', 'table:put'],
  summary: 'Revokes a pending invitation: its link stops working',
  page: true,
  request: { path: adminInvitationPathSchema },
  response: { status: 303, description: 'Revoked: back to the staff page (409: no longer pending)' },
} as const satisfies RouteContract;

export const changeStaffSubmit = {
  id: 'changeStaffSubmit',
  method: 'POST',
  path: '/app/firm/staff/{userId}',
  handler: 'functions/http/admin/staff-change.ts',
  area: 'admin',
  auth: 'session',
  permission: 'staff:manage',
  needs: [...SESSION_NEEDS, 'table:query', 'table:get', 'table:query-index', 'table:put', 'identity:enable-user', 'identity:disable-user', 'identity:global-sign-out', 'identity:update-attributes'],
  summary: 'Changes a staff user’s role (admin, coach) or status (deactivate, reactivate)',
  page: true,
  request: { path: adminStaffPathSchema, body: staffChangeFormSchema },
  response: { status: 303, description: 'Changed: back to the staff page (400/409: the page with the problem)' },
} as const satisfies RouteContract;

export const transferOwnershipSubmit = {
  id: 'transferOwnershipSubmit',
  method: 'POST',
  path: '/app/firm/ownership',
  handler: 'functions/http/admin/ownership.ts',
  area: 'admin',
  auth: 'session',
  permission: 'ownership:transfer',
  needs: [...SESSION_NEEDS, 'table:query', 'table:put', 'identity:update-attributes'],
  summary: 'Hands ownership to another active staff user (the owner becomes an admin): a confirmation, then the change',
  page: true,
  request: { body: ownershipFormSchema },
  response: { status: 303, description: 'Transferred: back to the staff page (200: the confirmation step; 400/409: the problem)' },
} as const satisfies RouteContract;

export const auditPage = {
  id: 'auditPage',
  method: 'GET',
  path: '/app/firm/audit',
  handler: 'functions/http/admin/audit.ts',
  area: 'admin',
  auth: 'session',
  permission: 'audit:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'The firm’s audit trail, newest first, a page at a time; filtered by staff user and kind (a bounded read)',
  page: true,
  request: { query: auditPageQuerySchema },
  response: { status: 200, description: 'The audit trail' },
} as const satisfies RouteContract;

export const mySettingsPage = {
  id: 'mySettingsPage',
  method: 'GET',
  path: '/app/me',
  handler: 'functions/http/admin/me.ts',
  area: 'admin',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS],
  summary: 'The user’s own settings: their daily digest and the language of their pages (every role)',
  page: true,
  request: { query: myPageQuerySchema },
  response: { status: 200, description: 'The form of the user’s own settings' },
} as const satisfies RouteContract;

export const mySettingsSubmit = {
  id: 'mySettingsSubmit',
  method: 'POST',
  path: '/app/me',
  handler: 'functions/http/admin/me.ts',
  area: 'admin',
  auth: 'session',
  permission: 'firm:read',
  needs: [...SESSION_NEEDS],
  summary: 'Saves the user’s own daily digest and page language',
  page: true,
  request: { body: mySettingsFormSchema },
  response: { status: 303, description: 'Saved: back to the form, in the chosen language (400: the form with its problems)' },
} as const satisfies RouteContract;
