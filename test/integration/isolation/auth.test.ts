import { expect } from 'vitest';
import { unique } from '../../support/factories.js';
import { linkTokenSentTo, signIn } from '../../support/firms.js';
import { A, api, B, crossTenantMatrix, expectNothingOfA, expectStatus, retargetToA, ROLES, sameForEveryRole, type Body } from '../../support/isolation.js';

/** The cross-tenant matrix (test/support/isolation.ts): sign-in, passwords, invitations accepted, sign-out. */
crossTenantMatrix('auth', {
  signIn: {
    auth: 'public',
    check: async () => {
      for (const role of ROLES) {
        const token = await signIn(api, B[role].email, B[role].password);
        const me = await api.request<Body>('GET', '/v1/me', { headers: { authorization: `Bearer ${token}` } });
        expect(me.status).toBe(200);
        expect(me.body.tenant.tenantId).toBe(B.tenantId);
        expect(me.body.user).toMatchObject({ userId: B[role].userId, role });
        expectNothingOfA(me);
      }
      // A tenant id next to the credentials is refused, not used.
      const extra = await api.request<Body>('POST', '/v1/auth/sign-in', { json: { email: B.owner.email, password: B.owner.password, tenantId: A.tenantId } });
      expectStatus(extra, 400, 'validation_failed');
      expect(extra.body.error.fields).toEqual([{ field: 'tenantId', message: 'is not a known field' }]);
    },
  },
  setPassword: {
    auth: 'link',
    check: async () => {
      // B's coach asks for a reset link and points it at firm A.
      expect((await api.request('POST', '/v1/auth/password-reset', { json: { email: B.coach.email } })).status).toBe(202);
      const token = await linkTokenSentTo(B.coach.email);
      const password = `Reset-${unique()}-Aa1`;
      const forged = await api.request<Body>('POST', '/v1/auth/password', { json: { token: retargetToA(token), password } });
      expectStatus(forged, 410, 'link_not_usable');
      // The untouched link still works, and only for B's coach.
      const genuine = await api.request<Body>('POST', '/v1/auth/password', { json: { token, password } });
      expect(genuine.status).toBe(200);
      expect(genuine.body).toEqual({ email: B.coach.email, passwordSet: true });
      B.coach.password = password;
      B.coach.token = await signIn(api, B.coach.email, password);
    },
  },
  requestPasswordReset: {
    auth: 'public',
    check: async () => {
      const known = await api.request<Body>('POST', '/v1/auth/password-reset', { json: { email: A.admin.email } });
      const unknown = await api.request<Body>('POST', '/v1/auth/password-reset', { json: { email: `nobody-${unique()}@firm.example` } });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(known.body).toEqual(unknown.body);
    },
  },
  acceptInvitation: {
    auth: 'link',
    check: async () => {
      const email = `joiner-${unique()}@firm.example`;
      const invited = await B.as('owner', 'POST', '/v1/invitations', { email, name: 'Joiner', role: 'coach' });
      expect(invited.status).toBe(201);
      const token = await linkTokenSentTo(email);
      const password = `Join-${unique()}-Aa1`;
      const forged = await api.request<Body>('POST', '/v1/auth/accept-invitation', { json: { token: retargetToA(token), password } });
      expectStatus(forged, 410, 'link_not_usable');
      const aStaff = await A.as('owner', 'GET', '/v1/staff');
      expect(JSON.stringify(aStaff.body)).not.toContain(email);
      // The real link joins B, never A.
      const genuine = await api.request<Body>('POST', '/v1/auth/accept-invitation', { json: { token, password } });
      expect(genuine.status).toBe(201);
      expect(genuine.body.tenantId).toBe(B.tenantId);
    },
  },
  // Signing out acts on the caller's own session only: a firm or user named in the body is refused, never used.
  signOut: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      const token = await signIn(api, B[role].email, B[role].password);
      const headers = { authorization: `Bearer ${token}` };
      expectStatus(await api.request('POST', '/v1/auth/sign-out', { json: { tenantId: A.tenantId, userId: A.owner.userId }, headers }), 400);
      expectStatus(await api.request('POST', '/v1/auth/sign-out', { headers }), 204);
    }),
  },
  signOutEverywhere: {
    auth: 'staff',
    byRole: sameForEveryRole(async (role) => {
      const token = await signIn(api, B[role].email, B[role].password);
      expectStatus(await api.request('POST', '/v1/auth/sign-out-everywhere', { json: { userId: A.owner.userId }, headers: { authorization: `Bearer ${token}` } }), 204);
      expect((await B.as(role, 'GET', '/v1/me')).status).toBe(401);
      // Routes run in any order: later attacks need B's sessions again.
      B[role].token = await signIn(api, B[role].email, B[role].password);
    }),
  },
});
