import { expect } from 'vitest';
import { signupBody, unique, uniqueAccent } from '../../support/factories.js';
import { linkTokenSentTo } from '../../support/firms.js';
import { A, aInvitation, api, B, byIdRefusal, crossTenantMatrix, expectNothingOfA, expectStatus, managersOnly, sameForEveryRole, type Body } from '../../support/isolation.js';

/** The cross-tenant matrix (test/support/isolation.ts): sign-up, settings, staff, invitations, audit. */
crossTenantMatrix('tenancy', {
  createTenant: {
    auth: 'public',
    check: async () => {
      const body = signupBody();
      const res = await api.request<Body>('POST', '/v1/tenants', { json: { ...body, tenantId: A.tenantId } });
      expectStatus(res, 400, 'validation_failed');
      expect(res.body.error.fields).toEqual([{ field: 'tenantId', message: 'is not a known field' }]);
      // Nothing was claimed: the same sign-up without the tenant id works, and gets a new id (the welcome link names it).
      const created = await api.request<Body>('POST', '/v1/tenants', { json: body });
      expect(created.status).toBe(202);
      const tenantId = (await linkTokenSentTo(body.ownerEmail)).split('.')[0];
      expect(tenantId).not.toBe(A.tenantId);
      expect(tenantId).not.toBe(B.tenantId);
    },
  },
  getMe: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      const res = await B.as(role, 'GET', `/v1/me?tenantId=${A.tenantId}`);
      expectStatus(res, 200);
      expect(res.body.tenant.tenantId).toBe(B.tenantId);
      expect(res.body.user).toMatchObject({ userId: B[role].userId, email: B[role].email, role });
    }),
  },
  getSettings: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      for (const path of ['/v1/settings', `/v1/settings?tenantId=${A.tenantId}`]) {
        const res = await B.as(role, 'GET', path);
        expectStatus(res, 200);
        expect(res.body.settings.tenantId).toBe(B.tenantId);
        expect(res.body.settings.slug).toBe(B.slug);
      }
    }),
  },
  updateMyPreferences: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      const hijack = await B.as(role, 'PATCH', '/v1/me/preferences', { tenantId: A.tenantId, digest: { hour: 6 } });
      expectStatus(hijack, 400, 'validation_failed');
      expect(hijack.body.error.fields).toEqual([{ field: 'tenantId', message: 'is not a known field' }]);
      const other = await B.as(role, 'PATCH', '/v1/me/preferences', { userId: A[role].userId, digest: { hour: 6 } });
      expectStatus(other, 400, 'validation_failed');

      const res = await B.as(role, 'PATCH', `/v1/me/preferences?tenantId=${A.tenantId}`, { digest: { hour: 9 } });
      expectStatus(res, 200);
      expect(res.body.digest).toMatchObject({ enabled: true, hour: 9 });
      // Only the caller's own item in the caller's own firm changed.
      const own = await B.as('owner', 'GET', `/v1/staff/${B[role].userId}`);
      expect(own.body.staff.digest).toMatchObject({ hour: 9 });
      const theirs = await A.as('owner', 'GET', `/v1/staff/${A[role].userId}`);
      expect(theirs.body.staff.digest).toMatchObject({ enabled: true, hour: 8 });
    }),
  },
  updateSettings: {
    auth: 'staff',
    byRole: managersOnly(
      async (role) => {
        const hijack = await B.as(role, 'PATCH', '/v1/settings', { tenantId: A.tenantId, name: 'Hijacked firm' });
        expectStatus(hijack, 400, 'validation_failed');
        expect(hijack.body.error.fields).toEqual([{ field: 'tenantId', message: 'is not a known field' }]);

        const accentColour = uniqueAccent();
        const res = await B.as(role, 'PATCH', `/v1/settings?tenantId=${A.tenantId}`, { branding: { accentColour } });
        expectStatus(res, 200);
        expect(res.body.settings).toMatchObject({ tenantId: B.tenantId, branding: { accentColour } });
        const read = await B.as('owner', 'GET', '/v1/settings');
        expect(read.body.settings.branding.accentColour).toBe(accentColour);
      },
      () => B.as('coach', 'PATCH', '/v1/settings', { branding: { accentColour: '#000000' } }),
    ),
  },
  listStaff: {
    auth: 'staff',
    byRole: managersOnly(
      async (role) => {
        const res = await B.as(role, 'GET', '/v1/staff');
        expectStatus(res, 200);
        const ids = (res.body.staff as Body[]).map((s) => s.userId);
        expect(ids).toEqual(expect.arrayContaining([B.owner.userId, B.admin.userId, B.coach.userId]));
        // A tenant id in the query is not a known field: refused, never used.
        const targeted = await B.as(role, 'GET', `/v1/staff?tenantId=${A.tenantId}`);
        expectStatus(targeted, 400, 'validation_failed');
        expect(targeted.body.error.fields).toEqual([{ field: 'query.tenantId', message: 'is not a known field' }]);
      },
      () => B.as('coach', 'GET', `/v1/staff?tenantId=${A.tenantId}`),
    ),
  },
  getStaff: {
    auth: 'staff',
    byRole: {
      ...byIdRefusal((role) => B.as(role, 'GET', `/v1/staff/${A.admin.userId}?tenantId=${A.tenantId}`)),
      owner: async () => {
        for (const target of [A.owner, A.admin, A.coach]) expectStatus(await B.as('owner', 'GET', `/v1/staff/${target.userId}`), 404, 'not_found');
        // A tenant id is not a staff user id at all: refused before any lookup.
        expectStatus(await B.as('owner', 'GET', `/v1/staff/${A.tenantId}`), 400, 'validation_failed');
        // Control: the same route finds B's own staff, so the 404s above are about the firm, not the route.
        const own = await B.as('owner', 'GET', `/v1/staff/${B.coach.userId}`);
        expect(own.status).toBe(200);
        expect(own.body.staff.userId).toBe(B.coach.userId);
      },
    },
  },
  updateStaff: {
    auth: 'staff',
    byRole: {
      ...byIdRefusal((role) => B.as(role, 'PATCH', `/v1/staff/${A.coach.userId}`, { status: 'deactivated' })),
      owner: async () => {
        expectStatus(await B.as('owner', 'PATCH', `/v1/staff/${A.coach.userId}`, { status: 'deactivated' }), 404, 'not_found');
        expectStatus(await B.as('owner', 'PATCH', `/v1/staff/${A.admin.userId}`, { role: 'coach', name: 'Taken over' }), 404, 'not_found');
        expectStatus(await B.as('owner', 'PATCH', `/v1/staff/${A.owner.userId}`, { name: 'Taken over' }), 404, 'not_found');
      },
    },
  },
  transferOwnership: {
    auth: 'staff',
    byRole: {
      owner: async () => expectStatus(await B.as('owner', 'POST', '/v1/ownership', { userId: A.admin.userId }), 404, 'not_found'),
      admin: async () => expectStatus(await B.as('admin', 'POST', '/v1/ownership', { userId: A.admin.userId }), 403, 'forbidden'),
      coach: async () => expectStatus(await B.as('coach', 'POST', '/v1/ownership', { userId: A.admin.userId }), 403, 'forbidden'),
    },
  },
  createInvitation: {
    auth: 'staff',
    byRole: managersOnly(
      async (role) => {
        const extra = await B.as(role, 'POST', '/v1/invitations', { email: `x-${unique()}@firm.example`, name: 'X', role: 'coach', tenantId: A.tenantId });
        expectStatus(extra, 400, 'validation_failed');
        expect(extra.body.error.fields).toEqual([{ field: 'tenantId', message: 'is not a known field' }]);

        const email = `b-invite-${unique()}@firm.example`;
        const res = await B.as(role, 'POST', `/v1/invitations?tenantId=${A.tenantId}`, { email, name: 'B invitee', role: 'coach' });
        expectStatus(res, 201);
        const listed = await B.as('owner', 'GET', '/v1/invitations');
        expect((listed.body.invitations as Body[]).map((i) => i.invitationId)).toContain(res.body.invitation.invitationId);
        const inA = await A.as('owner', 'GET', '/v1/invitations');
        expect(JSON.stringify(inA.body)).not.toContain(email);
      },
      () => B.as('coach', 'POST', '/v1/invitations', { email: `c-${unique()}@firm.example`, name: 'C', role: 'coach' }),
    ),
  },
  listInvitations: {
    auth: 'staff',
    byRole: managersOnly(
      async (role) => {
        const res = await B.as(role, 'GET', '/v1/invitations');
        expectStatus(res, 200);
        const emails = (res.body.invitations as Body[]).map((i) => i.email);
        expect(emails).toEqual(expect.arrayContaining([B.admin.email, B.coach.email]));
        expectStatus(await B.as(role, 'GET', `/v1/invitations?tenantId=${A.tenantId}`), 400, 'validation_failed');
      },
      () => B.as('coach', 'GET', '/v1/invitations'),
    ),
  },
  revokeInvitation: {
    auth: 'staff',
    byRole: byIdRefusal((role) => B.as(role, 'DELETE', `/v1/invitations/${aInvitation.invitationId}`)),
  },
  resendInvitation: {
    auth: 'staff',
    byRole: byIdRefusal((role) => B.as(role, 'POST', `/v1/invitations/${aInvitation.invitationId}/resend`)),
  },
  listAudit: {
    auth: 'staff',
    byRole: managersOnly(
      async (role) => {
        const res = await B.as(role, 'GET', '/v1/audit?limit=100');
        expectStatus(res, 200);
        const events = res.body.events as Body[];
        expect(events.length).toBeGreaterThan(0);
        for (const event of events) expect(event.tenantId).toBe(B.tenantId);
        expect(events.map((e) => e.action)).toContain('tenant.created');
        // A tenant id in the query is rejected, or ignored: never used.
        const targeted = await B.as(role, 'GET', `/v1/audit?tenantId=${A.tenantId}`);
        expectNothingOfA(targeted);
        if (targeted.status === 400) {
          expect((targeted.body.error.fields as Body[]).map((f) => f.field)).toEqual(['query.tenantId']);
        } else {
          expect(targeted.status).toBe(200);
          for (const event of targeted.body.events as Body[]) expect(event.tenantId).toBe(B.tenantId);
        }
      },
      () => B.as('coach', 'GET', '/v1/audit'),
    ),
  },
});
