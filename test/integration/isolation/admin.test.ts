import { expect } from 'vitest';
import { settingsAsForm } from '../../../shared/domain/admin-forms.js';
import type { StaffRole, Tenant } from '../../../shared/domain/tenant.js';
import { A, aInvitation, B, browserOfB, crossTenantMatrix, expectNothingOfAInHtml, sameForEveryRole } from '../../support/isolation.js';
import { unique } from '../../support/factories.js';
import type { PageAnswer } from '../../support/web.js';

/**
 * The cross-tenant matrix (test/support/isolation.ts): firm administration in the staff web app. B's staff open B's
 * admin pages and name A's ids in paths, forms and filters: A's ids are a 404 page (or a 403 page for a role the page
 * is not for, decided before any lookup), nothing of A shows, and A is unchanged (the matrix's final checks).
 */
const managers = (role: StaffRole) => role === 'owner' || role === 'admin';

/** A page of B (managers) or the 403 page (coaches); nothing of A either way. */
const mineOrRefused = (role: StaffRole, answer: PageAnswer, ok: number) => {
  expect(answer.status).toBe(managers(role) ? ok : 403);
  expectNothingOfAInHtml(answer.html);
};

/** A's id: a 404 page for managers, the 403 page for coaches (refused before the lookup). */
const notFoundOrRefused = (role: StaffRole, answer: PageAnswer, refusedFor: StaffRole[] = ['coach']) => {
  expect(answer.status).toBe(refusedFor.includes(role) ? 403 : 404);
  expectNothingOfAInHtml(answer.html);
};

crossTenantMatrix('admin', {
  firmSettingsPage: { auth: 'session', byRole: sameForEveryRole(async (role) => mineOrRefused(role, await (await browserOfB(role)).get('/app/firm'), 200)) },
  firmSettingsSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      // A's tenant in the form is no field of it: the preview is B's.
      const tenant = (await B.as('owner', 'GET', '/v1/settings')).body.settings as Tenant;
      const form = Object.fromEntries(Object.entries(settingsAsForm(tenant)).filter(([, v]) => v !== ''));
      const answer = await (await browserOfB(role)).post('/app/firm', { ...form, intent: 'preview', version: String(tenant.version), tenantId: A.tenantId, 'branding.accentColour': '#123456' });
      mineOrRefused(role, answer, 200);
    }),
  },
  staffPage: { auth: 'session', byRole: sameForEveryRole(async (role) => mineOrRefused(role, await (await browserOfB(role)).get('/app/firm/staff'), 200)) },
  inviteStaffSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const answer = await (await browserOfB(role)).post('/app/firm/invitations', { name: 'B invitee', email: `b-${unique()}@firm.example`, role: 'coach', tenantId: A.tenantId });
      mineOrRefused(role, answer, 303);
    }),
  },
  resendInvitationSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => notFoundOrRefused(role, await (await browserOfB(role)).post(`/app/firm/invitations/${aInvitation.invitationId}/resend`))),
  },
  revokeInvitationSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => notFoundOrRefused(role, await (await browserOfB(role)).post(`/app/firm/invitations/${aInvitation.invitationId}/revoke`))),
  },
  changeStaffSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => notFoundOrRefused(role, await (await browserOfB(role)).post(`/app/firm/staff/${A.coach.userId}`, { status: 'deactivated' }))),
  },
  transferOwnershipSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const b = await browserOfB(role);
      notFoundOrRefused(role, await b.post('/app/firm/ownership', { userId: A.admin.userId }), ['admin', 'coach']);
      notFoundOrRefused(role, await b.post('/app/firm/ownership', { userId: A.admin.userId, confirm: 'yes' }), ['admin', 'coach']);
    }),
  },
  auditPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const b = await browserOfB(role);
      mineOrRefused(role, await b.get('/app/firm/audit'), 200);
      notFoundOrRefused(role, await b.get(`/app/firm/audit?actor=${A.owner.userId}`));
    }),
  },
  mySettingsPage: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      const answer = await (await browserOfB(role)).get('/app/me');
      expect(answer.status).toBe(200);
      expectNothingOfAInHtml(answer.html);
    }),
  },
  mySettingsSubmit: {
    auth: 'session',
    byRole: sameForEveryRole(async (role) => {
      // Whose settings is decided by the session alone: ids of A in the form change nothing of A.
      const answer = await (await browserOfB(role)).post('/app/me', { 'digest.enabled': 'on', 'digest.hour': '6', locale: 'en', userId: A[role].userId, tenantId: A.tenantId });
      expect(answer.status).toBe(303);
    }),
  },
});
