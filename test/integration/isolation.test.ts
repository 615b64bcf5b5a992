import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../shared/contracts/routes.js';
import type { StaffRole } from '../../shared/domain/tenant.js';
import { useApi, type ApiResponse } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { createFirm, linkTokenSentTo, signIn, type FirmFixture } from '../support/firms.js';

/**
 * The cross-tenant matrix: firm B's staff, each with a valid token of B, attack firm A through every route of the
 * route table. Nothing of A may be read, listed, changed or deleted, and no answer may reveal that A's ids exist.
 */
const api = useApi();

type Body = Record<string, any>;
type Check = () => Promise<void>;
type Attack = { auth: 'staff'; byRole: Record<StaffRole, Check> } | { auth: 'public' | 'link'; check: Check };

const ROLES: readonly StaffRole[] = ['owner', 'admin', 'coach'];

let A: FirmFixture;
let B: FirmFixture;
let aInvitation: { invitationId: string; email: string };
/** A's firm as its owner saw it right after setup, as JSON text. */
let aBefore: Record<'settings' | 'staff' | 'invitations' | 'audit', string>;

const snapshotOf = async (firm: FirmFixture) => {
  const read = async (path: string) => {
    const res = await firm.as('owner', 'GET', path);
    expect(res.status, `GET ${path} as owner`).toBe(200);
    return JSON.stringify(res.body);
  };
  return {
    settings: await read('/v1/settings'),
    staff: await read('/v1/staff'),
    invitations: await read('/v1/invitations'),
    audit: await read('/v1/audit?limit=100'),
  };
};

/** Everything that identifies A: none of it may appear in an answer to B. */
const secretsOfA = () => [
  A.tenantId,
  A.slug,
  A.owner.userId,
  A.owner.email,
  A.admin.userId,
  A.admin.email,
  A.coach.userId,
  A.coach.email,
  aInvitation.invitationId,
  aInvitation.email,
];

function expectNothingOfA(res: ApiResponse<Body>): void {
  const text = JSON.stringify(res.body);
  for (const secret of secretsOfA()) expect(text, `answer leaks ${secret} of firm A`).not.toContain(secret);
}

function expectStatus(res: ApiResponse<Body>, status: number, code?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (code) expect(res.body.error?.code).toBe(code);
  expectNothingOfA(res);
}

/** Owner and admin of B: 404 (no existence leak); coach of B: 403 (refused before any lookup). */
const byIdRefusal = (run: (role: StaffRole) => Promise<ApiResponse<Body>>): Record<StaffRole, Check> => ({
  owner: async () => expectStatus(await run('owner'), 404, 'not_found'),
  admin: async () => expectStatus(await run('admin'), 404, 'not_found'),
  coach: async () => expectStatus(await run('coach'), 403, 'forbidden'),
});

const sameForEveryRole = (check: (role: StaffRole) => Promise<void>): Record<StaffRole, Check> => ({
  owner: () => check('owner'),
  admin: () => check('admin'),
  coach: () => check('coach'),
});

const managersOnly = (check: (role: StaffRole) => Promise<void>, coachRequest: () => Promise<ApiResponse<Body>>): Record<StaffRole, Check> => ({
  owner: () => check('owner'),
  admin: () => check('admin'),
  coach: async () => expectStatus(await coachRequest(), 403, 'forbidden'),
});

/** A real link token of B with its tenant-id prefix replaced by A's tenant id. */
const retargetToA = (token: string): string => {
  const dot = token.indexOf('.');
  expect(dot).toBeGreaterThan(0);
  expect(token.slice(0, dot)).toBe(B.tenantId);
  return `${A.tenantId}${token.slice(dot)}`;
};

/** A page request; `retarget` swaps the tenant of the link token in it for A's. */
async function pageRequest(method: string, path: string, retarget: boolean, fields?: Record<string, string>): Promise<{ status: number; html: string }> {
  const swap = (value: string) => (retarget ? value.replace(/token=([^&]+)/, (_m, t: string) => `token=${retargetToA(decodeURIComponent(t))}`) : value);
  const form = fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, k === 'token' && retarget ? retargetToA(v) : v])) : undefined;
  const response = await fetch(`${api.url()}${swap(path)}`, {
    method,
    ...(form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: response.status, html: await response.text() };
}

function expectNothingOfAInPage(res: { html: string }): void {
  for (const secret of secretsOfA()) expect(res.html, `page leaks ${secret} of firm A`).not.toContain(secret);
}

function expectDeadLinkPage(res: { status: number; html: string }): void {
  expect(res.status).toBe(410);
  expectNothingOfAInPage(res);
}

async function freshResetLinkOfB(): Promise<string> {
  // A fresh period each time would be needed for a second reset email; the newest reset link of B's coach will do.
  await api.request('POST', '/v1/auth/password-reset', { json: { email: B.coach.email } });
  return linkTokenSentTo(B.coach.email);
}

async function freshInvitationLinkOfB(): Promise<string> {
  const email = `b-invitee-${unique()}@firm.example`;
  // B's sessions may have ended in the sign-out cases: a fresh one.
  const token = await signIn(api, B.owner.email, B.owner.password);
  const invited = await api.request('POST', '/v1/invitations', { json: { email, name: 'B invitee', role: 'coach' }, headers: { authorization: `Bearer ${token}` } });
  expect(invited.status).toBe(201);
  return linkTokenSentTo(email);
}

const matrix: Record<RouteId, Attack> = {
  health: {
    auth: 'public',
    check: async () => {
      const res = await api.request('GET', '/health');
      expect(res.status).toBe(200);
      expectNothingOfA(res);
      expect(JSON.stringify(res.body)).not.toContain(B.tenantId);
    },
  },
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
  getOpenApi: {
    auth: 'public',
    check: async () => {
      const res = await api.request('GET', '/v1/openapi.json');
      expect(res.status).toBe(200);
      expectNothingOfA(res);
      expect(JSON.stringify(res.body)).not.toContain(B.tenantId);
    },
  },
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
  updateSettings: {
    auth: 'staff',
    byRole: managersOnly(
      async (role) => {
        const hijack = await B.as(role, 'PATCH', '/v1/settings', { tenantId: A.tenantId, name: 'Hijacked firm' });
        expectStatus(hijack, 400, 'validation_failed');
        expect(hijack.body.error.fields).toEqual([{ field: 'tenantId', message: 'is not a known field' }]);

        const accentColour = `#${unique().slice(0, 6)}`;
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
  // Pages behind emailed links: a link of B retargeted to A names nothing of A (the dead-link page), whatever the path.
  setPasswordPage: { auth: 'link', check: async () => expectDeadLinkPage(await pageRequest('GET', `/set-password?token=${await freshResetLinkOfB()}`, true)) },
  setPasswordSubmit: {
    auth: 'link',
    check: async () => expectDeadLinkPage(await pageRequest('POST', '/set-password', true, { token: await freshResetLinkOfB(), password: 'Attacker-pass-2026' })),
  },
  acceptInvitationPage: { auth: 'link', check: async () => expectDeadLinkPage(await pageRequest('GET', `/accept-invitation?token=${await freshInvitationLinkOfB()}`, true)) },
  acceptInvitationSubmit: {
    auth: 'link',
    check: async () => expectDeadLinkPage(await pageRequest('POST', '/accept-invitation', true, { token: await freshInvitationLinkOfB(), password: 'Attacker-pass-2026' })),
  },
  resetPasswordPage: { auth: 'public', check: async () => expectNothingOfAInPage(await pageRequest('GET', '/reset-password', false)) },
  resetPasswordSubmit: {
    auth: 'public',
    check: async () => {
      // A reset asked for A's owner sends A's owner a link, and tells the asker nothing more than for anyone.
      const res = await pageRequest('POST', '/reset-password', false, { email: A.owner.email });
      expect(res.status).toBe(200);
      expectNothingOfAInPage(res);
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
};

beforeAll(async () => {
  A = await createFirm(api);
  B = await createFirm(api);
  const email = `pending-${unique()}@firm.example`;
  const invited = await A.as('owner', 'POST', '/v1/invitations', { email, name: 'Pending', role: 'coach' });
  if (invited.status !== 201) throw new Error(`invitation in A failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  aInvitation = { invitationId: invited.body.invitation.invitationId, email };
  aBefore = await snapshotOf(A);
}, 120_000);

describe('the cross-tenant matrix', () => {
  it('has an entry for every route of the route table, of the route’s auth kind', () => {
    expect(Object.keys(matrix).sort()).toEqual(routes.map((r) => r.id).sort());
    for (const route of routes) expect(matrix[route.id].auth, route.id).toBe(route.auth);
  });

  const cases = routes.flatMap((route) => {
    const attack = matrix[route.id];
    return attack.auth === 'staff'
      ? ROLES.map((role) => ({ name: `${route.method} ${route.path} (${route.id}) as B's ${role}`, run: attack.byRole[role] }))
      : [{ name: `${route.method} ${route.path} (${route.id}, ${attack.auth})`, run: attack.check }];
  });

  // A loop rather than it.each, so the whole route and role is in each test name (it.each truncates).
  for (const { name, run } of cases) it(name, run);
});

describe('after every attack', () => {
  it('firm A is exactly as it was: settings, staff, invitations and audit trail', async () => {
    const after = await snapshotOf(A);
    expect(after.settings).toBe(aBefore.settings);
    expect(after.staff).toBe(aBefore.staff);
    expect(after.invitations).toBe(aBefore.invitations);
    expect(after.audit).toBe(aBefore.audit);
  });

  it('A’s invitation is still pending, sent once, and A’s staff all still work', async () => {
    const res = await A.as('owner', 'GET', '/v1/invitations');
    const invitation = (res.body.invitations as Body[]).find((i) => i.invitationId === aInvitation.invitationId);
    expect(invitation).toMatchObject({ status: 'pending', sends: 1, expired: false });
    for (const role of ROLES) {
      const me = await A.as(role, 'GET', '/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ userId: A[role].userId, role });
      expect(me.body.tenant.tenantId).toBe(A.tenantId);
    }
  });
});
