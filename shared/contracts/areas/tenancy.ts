import type { RouteContract } from '../routes.js';
import { auditQuerySchema } from '../../domain/audit.js';
import { myPreferencesPatchSchema } from '../../domain/coach-digest-schedule.js';
import { invitationCreateSchema, invitationListQuerySchema, invitationPathSchema, ownershipTransferSchema, staffListQuerySchema, staffPathSchema, staffUpdateSchema } from '../../domain/staff.js';
import { settingsPatchSchema, tenantSignupSchema } from '../../domain/tenant.js';
import { auditPageResponse, invitationPageResponse, invitationSentResponse, meResponse, myPreferencesResponse, ownershipResponse, settingsResponse, signUpResponse, staffPageResponse, staffResponse } from '../responses.js';

/**
 * The route contracts of the `tenancy` area: the firm: sign-up, settings, staff, invitations, audit trail.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const createTenant = {
  id: 'createTenant',
  method: 'POST',
  path: '/v1/tenants',
  handler: 'functions/http/tenants/create.ts',
  area: 'tenancy',
  auth: 'public',
  needs: ['table:update', 'table:get', 'identity:create-user', 'identity:delete-user', 'identity:get-user', 'table:put', 'email:send'],
  summary: 'Sign up a coaching firm with its owner',
  request: { body: tenantSignupSchema },
  response: { status: 202, description: 'The next step is on its way to the owner address (the same answer whether or not the address has an account)', body: signUpResponse },
  rateLimited: true,
} as const satisfies RouteContract;

export const getMe = {
  id: 'getMe',
  method: 'GET',
  path: '/v1/me',
  handler: 'functions/http/me/get.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'firm:read',
  needs: ['table:batch-get'],
  summary: 'The signed-in staff user and their firm',
  response: { status: 200, description: 'The signed-in user and firm', body: meResponse },
} as const satisfies RouteContract;

export const updateMyPreferences = {
  id: 'updateMyPreferences',
  method: 'PATCH',
  path: '/v1/me/preferences',
  handler: 'functions/http/me/preferences.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'firm:read',
  needs: ['table:batch-get', 'table:update'],
  summary: 'The signed-in staff user’s own daily digest: on or off, its hour, its time zone (every role)',
  request: { body: myPreferencesPatchSchema },
  response: { status: 200, description: 'The digest as it applies now, and when the next one is due', body: myPreferencesResponse },
} as const satisfies RouteContract;

export const getSettings = {
  id: 'getSettings',
  method: 'GET',
  path: '/v1/settings',
  handler: 'functions/http/settings/get.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'firm:read',
  needs: ['table:batch-get'],
  summary: 'Firm settings (every role)',
  response: { status: 200, description: 'Firm settings', body: settingsResponse },
} as const satisfies RouteContract;

export const updateSettings = {
  id: 'updateSettings',
  method: 'PATCH',
  path: '/v1/settings',
  handler: 'functions/http/settings/update.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'settings:write',
  needs: ['table:batch-get', 'table:put', 'table:update'],
  summary: 'Change firm settings (owner, admin; plan limits: owner)',
  request: { body: settingsPatchSchema },
  response: { status: 200, description: 'The settings after the change', body: settingsResponse },
} as const satisfies RouteContract;

export const listStaff = {
  id: 'listStaff',
  method: 'GET',
  path: '/v1/staff',
  handler: 'functions/http/staff/list.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'staff:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'Staff users of the firm (owner, admin)',
  request: { query: staffListQuerySchema },
  response: { status: 200, description: 'Staff users, a page at a time, and a `next` cursor', body: staffPageResponse },
} as const satisfies RouteContract;

export const getStaff = {
  id: 'getStaff',
  method: 'GET',
  path: '/v1/staff/{userId}',
  handler: 'functions/http/staff/get.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'staff:read',
  needs: ['table:batch-get', 'table:get'],
  summary: 'One staff user (owner, admin)',
  request: { path: staffPathSchema },
  response: { status: 200, description: 'One staff user', body: staffResponse },
} as const satisfies RouteContract;

export const updateStaff = {
  id: 'updateStaff',
  method: 'PATCH',
  path: '/v1/staff/{userId}',
  handler: 'functions/http/staff/update.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'staff:manage',
  needs: ['table:batch-get', 'table:get', 'table:query-index', 'table:update', 'table:put', 'table:delete', 'identity:enable-user', 'identity:disable-user', 'identity:global-sign-out', 'identity:update-attributes'],
  summary: 'Rename, change the role of, deactivate or reactivate a staff user (owner, admin)',
  request: { path: staffPathSchema, body: staffUpdateSchema },
  response: { status: 200, description: 'The staff user after the change', body: staffResponse },
} as const satisfies RouteContract;

export const transferOwnership = {
  id: 'transferOwnership',
  method: 'POST',
  path: '/v1/ownership',
  handler: 'functions/http/ownership/transfer.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'ownership:transfer',
  needs: ['table:batch-get', 'table:update', 'table:put', 'identity:update-attributes'],
  summary: 'Hand ownership of the firm to another staff user (owner)',
  request: { body: ownershipTransferSchema },
  response: { status: 200, description: 'The new and the previous owner', body: ownershipResponse },
} as const satisfies RouteContract;

export const createInvitation = {
  id: 'createInvitation',
  method: 'POST',
  path: '/v1/invitations',
  handler: 'functions/http/invitations/create.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'staff:manage',
  needs: ['table:batch-get', 'table:put', 'table:condition-check', 'table:update', 'table:get', 'email:send'],
  summary: 'Invite a coach or admin by email (owner, admin)',
  request: { body: invitationCreateSchema },
  response: { status: 201, description: 'The invitation; its email is sent or queued', body: invitationSentResponse },
  rateLimited: true,
} as const satisfies RouteContract;

export const listInvitations = {
  id: 'listInvitations',
  method: 'GET',
  path: '/v1/invitations',
  handler: 'functions/http/invitations/list.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'staff:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'Invitations of the firm (owner, admin)',
  request: { query: invitationListQuerySchema },
  response: { status: 200, description: 'Invitations, newest first, with whether each has expired, and a `next` cursor', body: invitationPageResponse },
} as const satisfies RouteContract;

export const revokeInvitation = {
  id: 'revokeInvitation',
  method: 'DELETE',
  path: '/v1/invitations/{invitationId}',
  handler: 'functions/http/invitations/revoke.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'staff:manage',
  needs: ['table:batch-get', 'table:get', 'table:update', 'table:delete', 'table:put'],
  summary: 'Revoke a pending invitation (owner, admin)',
  request: { path: invitationPathSchema },
  response: { status: 204, description: 'Revoked; its link no longer works' },
} as const satisfies RouteContract;

export const resendInvitation = {
  id: 'resendInvitation',
  method: 'POST',
  path: '/v1/invitations/{invitationId}/resend',
  handler: 'functions/http/invitations/resend.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'staff:manage',
  needs: ['table:batch-get', 'table:get', 'table:update', 'table:put', 'email:send'],
  summary: 'Send a pending invitation again with a new link (owner, admin)',
  request: { path: invitationPathSchema },
  response: { status: 200, description: 'The invitation with a new link and validity period', body: invitationSentResponse },
  rateLimited: true,
} as const satisfies RouteContract;

export const listAudit = {
  id: 'listAudit',
  method: 'GET',
  path: '/v1/audit',
  handler: 'functions/http/audit/list.ts',
  area: 'tenancy',
  auth: 'staff',
  permission: 'audit:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'The firm audit trail, newest first (owner, admin)',
  request: { query: auditQuerySchema },
  response: { status: 200, description: 'Audit events, newest first, and a `next` cursor', body: auditPageResponse },
} as const satisfies RouteContract;
