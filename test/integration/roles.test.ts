import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { countOwnersItem } from '../../shared/db/firm.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { transact } from '../../shared/db/transact.js';
import { newId } from '../../shared/ids.js';
import { routes } from '../../shared/contracts/routes.js';
import { can, type Permission } from '../../shared/domain/access.js';
import type { StaffRole } from '../../shared/domain/tenant.js';
import { useApi, type ApiResponse } from '../support/api.js';
import { unique, uniqueAccent } from '../support/factories.js';
import { createFirm, signIn, type FirmFixture } from '../support/firms.js';

/**
 * Authentication and roles inside one firm: every staff route refuses a missing or forged token, and answers each
 * role as the permission of its contract entry and shared/domain/access.ts say (`can`), not as a copied table. Plus the staff rules that only the API can show: the last owner stays,
 * a deactivation cuts access on the very next request, a reactivation restores it.
 */
const api = useApi();

type Body = Record<string, any>;
type StaffRoute = Extract<(typeof routes)[number], { auth: 'staff' }>;
/** The coaching core's routes allow every role and scope by assignment instead: test/integration/coaching-access.test.ts. */
type RoleRoute = Exclude<StaffRoute, { area: 'coaching' }>;
type StaffRouteId = RoleRoute['id'];

const ROLES: readonly StaffRole[] = ['owner', 'admin', 'coach'];
const staffRoutes = routes.filter((r): r is StaffRoute => r.auth === 'staff');
const roleRoutes = staffRoutes.filter((r): r is RoleRoute => r.area !== 'coaching');

let F: FirmFixture;
/** A pending invitation nobody acts on: a real id for the token tests. */
let spareInvitationId: string;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function invite(firm: FirmFixture): Promise<string> {
  const res = await firm.as('owner', 'POST', '/v1/invitations', { email: `pending-${unique()}@firm.example`, name: 'Pending', role: 'coach' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.invitation.invitationId as string;
}

/** An error answered by a handler: one JSON shape, and the request id of the x-request-id header. */
function expectError(res: ApiResponse<Body>, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.body.error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
}

interface Req {
  path: string;
  json?: unknown;
  /** Sent instead of the role's fixture token (a session a test may end). */
  token?: string;
}

interface RoleCase {
  label: string;
  /** The request a role sends; may set up what it needs (a fresh invitation), so roles do not interfere. */
  request: (role: StaffRole) => Promise<Req>;
  /** A permission this request needs besides the route's (plan limits in a settings change need `billing:write`). */
  alsoNeeds?: Permission;
  /** The answer to a role that may: the route's success status unless the request is refused for another reason. */
  whenAllowed?: number;
  /** Checked after a refused request: the refusal changed nothing. */
  unchanged?: (role: StaffRole, req: Req) => Promise<void>;
  /** Run after the request, whatever its answer (e.g. sign the fixture user in again). */
  after?: (role: StaffRole) => Promise<void>;
}

const errorCodes: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

/** What a role gets: the success status where `can` allows the route's permission (and the case's), else 403. */
const expectedStatus = (route: StaffRoute, roleCase: RoleCase, role: StaffRole): number =>
  can(role, route.permission) && (!roleCase.alsoNeeds || can(role, roleCase.alsoNeeds)) ? (roleCase.whenAllowed ?? route.response.status) : 403;

/** The requests each route is tried with (ids, bodies, what a refusal must leave unchanged); the answers follow from the permissions. */
const roleTable: Record<StaffRouteId, RoleCase[]> = {
  getMe: [{ label: 'own profile', request: async () => ({ path: '/v1/me' }) }],
  updateMyPreferences: [{ label: 'their own daily digest', request: async () => ({ path: '/v1/me/preferences', json: { digest: { hour: 9 } } }) }],
  getSettings: [{ label: 'firm settings', request: async () => ({ path: '/v1/settings' }) }],
  updateSettings: [
    {
      label: 'branding (settings:write)',
      request: async () => ({ path: '/v1/settings', json: { branding: { accentColour: uniqueAccent() } } }),
      unchanged: async (_role, req) => {
        const read = await F.as('owner', 'GET', '/v1/settings');
        expect(read.body.settings.branding.accentColour).not.toBe((req.json as Body).branding.accentColour);
      },
    },
    {
      label: 'plan limits (billing:write)',
      request: async (role) => ({ path: '/v1/settings', json: { limits: { activeClients: role === 'owner' ? 30 : 99 } } }),
      alsoNeeds: 'billing:write',
      unchanged: async () => {
        const read = await F.as('owner', 'GET', '/v1/settings');
        expect(read.body.settings.limits.activeClients).not.toBe(99);
      },
    },
    {
      label: 'branding and plan limits together',
      request: async (role) => ({ path: '/v1/settings', json: { branding: { displayName: `Mixed ${role}` }, limits: { activeClients: 31 } } }),
      alsoNeeds: 'billing:write',
      unchanged: async (role) => {
        const read = await F.as('owner', 'GET', '/v1/settings');
        expect(read.body.settings.branding.displayName).not.toBe(`Mixed ${role}`);
      },
    },
  ],
  listStaff: [{ label: 'all staff', request: async () => ({ path: '/v1/staff' }) }],
  getStaff: [{ label: 'the coach', request: async () => ({ path: `/v1/staff/${F.coach.userId}` }) }],
  updateStaff: [
    {
      label: 'rename the coach',
      request: async (role) => ({ path: `/v1/staff/${F.coach.userId}`, json: { name: `Coach by ${role}` } }),
      unchanged: async (role) => {
        const read = await F.as('owner', 'GET', `/v1/staff/${F.coach.userId}`);
        expect(read.body.staff.name).not.toBe(`Coach by ${role}`);
      },
    },
    {
      label: 'promote the coach to admin',
      // The owner and admin leave the coach a coach (same role: no change), so later tests keep their coach.
      request: async (role) => ({ path: `/v1/staff/${F.coach.userId}`, json: { role: role === 'coach' ? 'admin' : 'coach' } }),
      unchanged: async () => {
        const read = await F.as('owner', 'GET', `/v1/staff/${F.coach.userId}`);
        expect(read.body.staff.role).toBe('coach');
      },
    },
  ],
  transferOwnership: [
    {
      // The owner passes the role check and is refused for naming themselves: nothing is transferred here
      // (a real transfer is tested at the end, on a firm of its own).
      label: 'owner to themselves, others to the coach',
      request: async (role) => ({ path: '/v1/ownership', json: { userId: role === 'owner' ? F.owner.userId : F.coach.userId } }),
      whenAllowed: 409,
      unchanged: async () => {
        const read = await F.as('owner', 'GET', `/v1/staff/${F.coach.userId}`);
        expect(read.body.staff.role).toBe('coach');
      },
    },
  ],
  createInvitation: [
    {
      label: 'invite a coach',
      request: async () => ({ path: '/v1/invitations', json: { email: `new-${unique()}@firm.example`, name: 'New', role: 'coach' } }),
      unchanged: async (_role, req) => {
        const read = await F.as('owner', 'GET', '/v1/invitations');
        expect(JSON.stringify(read.body)).not.toContain((req.json as Body).email);
      },
    },
  ],
  listInvitations: [{ label: 'all invitations', request: async () => ({ path: '/v1/invitations' }) }],
  revokeInvitation: [
    {
      label: 'a pending invitation',
      request: async () => ({ path: `/v1/invitations/${await invite(F)}` }),
      unchanged: async (_role, req) => {
        const id = req.path.split('/').at(-1);
        const read = await F.as('owner', 'GET', '/v1/invitations');
        expect((read.body.invitations as Body[]).find((i) => i.invitationId === id)).toMatchObject({ status: 'pending' });
      },
    },
  ],
  resendInvitation: [
    {
      label: 'a pending invitation',
      request: async () => ({ path: `/v1/invitations/${await invite(F)}/resend` }),
      unchanged: async (_role, req) => {
        const id = req.path.split('/').at(-2);
        const read = await F.as('owner', 'GET', '/v1/invitations');
        expect((read.body.invitations as Body[]).find((i) => i.invitationId === id)).toMatchObject({ status: 'pending', sends: 1 });
      },
    },
  ],
  listAudit: [{ label: 'the audit trail', request: async () => ({ path: '/v1/audit' }) }],
  signOut: [
    {
      label: 'ending a session of their own',
      request: async (role) => ({ path: '/v1/auth/sign-out', token: await signIn(api, F[role].email, F[role].password) }),
    },
  ],
  signOutEverywhere: [
    {
      label: 'ending every session of their own',
      request: async () => ({ path: '/v1/auth/sign-out-everywhere' }),
      after: async (role) => {
        expect((await F.as(role, 'GET', '/v1/me')).status).toBe(401);
        F[role].token = await signIn(api, F[role].email, F[role].password);
      },
    },
  ],
};

/** A request of the right shape for a route, with real ids of the firm: what a token test sends. */
function sampleRequest(route: StaffRoute): Req {
  // Ids of the coaching core need not exist: no handler runs without a valid token.
  const path = route.path
    .replace('{userId}', F.coach.userId)
    .replace('{invitationId}', spareInvitationId)
    .replace(/\{(clientId|sponsorId|programId|sessionId|actionId|obstacleId)\}/g, () => newId());
  const bodies: Partial<Record<StaffRoute['id'], unknown>> = {
    updateSettings: { branding: { accentColour: '#123456' } },
    updateMyPreferences: { digest: { enabled: true } },
    updateStaff: { status: 'deactivated' },
    transferOwnership: { userId: F.coach.userId },
    createInvitation: { email: `token-${unique()}@firm.example`, name: 'Token', role: 'admin' },
  };
  return { path, json: bodies[route.id] };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Bad tokens: each must be refused before any handler runs. */
const badTokens: Record<string, () => string> = {
  'a garbage token': () => 'garbage',
  'three garbage parts': () => 'aaa.bbb.ccc',
  'a real token with one character of its signature flipped': () => {
    const [header, payload, signature] = F.owner.token.split('.') as [string, string, string];
    const at = Math.floor(signature.length / 2);
    const flipped = signature[at] === 'A' ? 'B' : 'A';
    return `${header}.${payload}.${signature.slice(0, at)}${flipped}${signature.slice(at + 1)}`;
  },
  'a real token’s claims, unsigned (alg none)': () => {
    const [, payload] = F.owner.token.split('.') as [string, string];
    return `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
  },
  'a real token’s claims with another tenant, old signature': () => {
    const [header, payload, signature] = F.owner.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Body;
    return `${header}.${base64url({ ...claims, 'custom:tenantId': '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'custom:role': 'owner' })}.${signature}`;
  },
};

beforeAll(async () => {
  F = await createFirm(api);
  spareInvitationId = await invite(F);
}, 120_000);

describe('the role table', () => {
  it('has expectations for every staff route of the route table outside the coaching core, and only those', () => {
    expect(Object.keys(roleTable).sort()).toEqual(roleRoutes.map((r) => r.id).sort());
    for (const [id, cases] of Object.entries(roleTable)) expect(cases.length, id).toBeGreaterThan(0);
  });
});

describe.each(staffRoutes.map((route) => ({ route, name: `${route.method} ${route.path} (${route.id})` })))('$name', ({ route }) => {
  it('without a token: 401 from the authorizer, no handler runs', async () => {
    const req = sampleRequest(route);
    const res = await api.request(route.method, req.path, req.json === undefined ? {} : { json: req.json });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  for (const [what, token] of Object.entries(badTokens)) {
    it(`with ${what}: 401`, async () => {
      const req = sampleRequest(route);
      const res = await api.request(route.method, req.path, { ...(req.json === undefined ? {} : { json: req.json }), headers: bearer(token()) });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    });
  }

  for (const roleCase of route.area === 'coaching' ? [] : roleTable[route.id as StaffRouteId]) {
    for (const role of ROLES) {
      const status = expectedStatus(route, roleCase, role);
      it(`${roleCase.label}: ${role} gets ${status}`, async () => {
        const req = await roleCase.request(role);
        const res = req.token
          ? await api.request<Body>(route.method, req.path, { ...(req.json === undefined ? {} : { json: req.json }), headers: bearer(req.token) })
          : await F.as(role, route.method, req.path, req.json);
        await roleCase.after?.(role);
        if (status >= 400) {
          expectError(res, status, errorCodes[status] ?? `an error code for ${status}`);
          await roleCase.unchanged?.(role, req);
        } else {
          expect(res.status, JSON.stringify(res.body)).toBe(status);
        }
      });
    }
  }
});

describe('the last owner', () => {
  it.each([{ status: 'deactivated' }, { role: 'admin' }])('cannot deactivate or demote themselves (%j): 409', async (change) => {
    const res = await F.as('owner', 'PATCH', `/v1/staff/${F.owner.userId}`, change);
    expectError(res, 409, 'conflict');
    expect(res.body.error.message).toMatch(/yourself/i);
  });

  it('two owners removing each other at the same moment leave exactly one owner (the firm owner counter)', async () => {
    const firm = await createFirm(api);
    // A second owner, as a firm with two owners has it: the admin promoted, and the counter at 2.
    const scope = tenantScope(firm.tenantId);
    await transact([
      { Update: { TableName: tableName(), Key: keys.staff(scope, firm.admin.userId), UpdateExpression: 'SET #r = :o', ExpressionAttributeNames: { '#r': 'role' }, ExpressionAttributeValues: { ':o': 'owner' } } },
      countOwnersItem(scope, 1),
    ]);
    const [one, two] = await Promise.all([
      firm.as('owner', 'PATCH', `/v1/staff/${firm.admin.userId}`, { status: 'deactivated' }),
      firm.as('admin', 'PATCH', `/v1/staff/${firm.owner.userId}`, { role: 'admin' }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const loser = one.status === 409 ? one : two;
    expect(loser.body.error.message).toMatch(/last owner|changed meanwhile/i);
    const counters = await db().send(new GetCommand({ TableName: tableName(), Key: keys.firmCounters(scope) }));
    expect(counters.Item?.activeOwners).toBe(1);
  }, 60_000);

  it.each([{ status: 'deactivated' }, { role: 'coach' }, { role: 'admin' }, { name: 'Renamed by admin' }])('cannot be changed by an admin (%j): 403', async (change) => {
    const res = await F.as('admin', 'PATCH', `/v1/staff/${F.owner.userId}`, change);
    expectError(res, 403, 'forbidden');
    expect(res.body.error.message).toMatch(/only an owner can change an owner/i);
  });

  it('is still the active owner afterwards, and still has access', async () => {
    const read = await F.as('owner', 'GET', `/v1/staff/${F.owner.userId}`);
    expect(read.body.staff).toMatchObject({ role: 'owner', status: 'active' });
    expect(read.body.staff.name).not.toBe('Renamed by admin');
    expect((await F.as('owner', 'GET', '/v1/me')).status).toBe(200);
  });
});

describe('deactivation and reactivation', () => {
  it('deactivating the coach (as admin) ends its access on the very next request and at sign-in', async () => {
    const oldToken = F.coach.token;
    expect((await F.as('coach', 'GET', '/v1/me')).status).toBe(200);

    const res = await F.as('admin', 'PATCH', `/v1/staff/${F.coach.userId}`, { status: 'deactivated' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.staff).toMatchObject({ userId: F.coach.userId, status: 'deactivated' });

    // The token is still a valid Cognito token (it passes the authorizer); the handler refuses it.
    for (const path of ['/v1/me', '/v1/settings']) {
      const next = await api.request<Body>('GET', path, { headers: bearer(oldToken) });
      expectError(next, 401, 'unauthorized');
    }
  });

  it('a deactivated coach cannot sign in: 401, and no token', async () => {
    const signin = await api.request<Body>('POST', '/v1/auth/sign-in', { json: { email: F.coach.email, password: F.coach.password } });
    if (signin.status === 200) {
      // Whatever the identity provider hands out, it must not open the firm.
      const me = await api.request<Body>('GET', '/v1/me', { headers: bearer(signin.body.idToken as string) });
      expectError(me, 401, 'unauthorized');
    }
    expectError(signin, 401, 'unauthorized');
    expect(signin.body.idToken).toBeUndefined();
    expect(signin.headers.get('set-cookie')).toBeNull();
  });

  it('reactivating the coach restores access: a new sign-in works', async () => {
    const res = await F.as('admin', 'PATCH', `/v1/staff/${F.coach.userId}`, { status: 'active' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.staff.status).toBe('active');

    F.coach.token = await signIn(api, F.coach.email, F.coach.password);
    const me = await F.as('coach', 'GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ userId: F.coach.userId, role: 'coach' });
    expectError(await F.as('coach', 'GET', '/v1/staff'), 403, 'forbidden');
  });
});

describe('error bodies', () => {
  it('have one shape with the x-request-id as requestId, whatever the error', async () => {
    expectError(await F.as('owner', 'PATCH', '/v1/settings', { tenantId: F.tenantId }), 400, 'validation_failed');
    expectError(await F.as('owner', 'GET', `/v1/staff/${randomUUID()}`), 404, 'not_found');
    expectError(await F.as('owner', 'DELETE', `/v1/invitations/${newId()}`), 404, 'not_found');
    expectError(await F.as('owner', 'POST', '/v1/invitations', { email: F.admin.email, name: 'Again', role: 'admin' }), 409, 'conflict');
    expectError(await api.request('POST', '/v1/auth/password', { json: { token: `${F.tenantId}.${'x'.repeat(43)}`, password: 'Long-enough-Aa1' } }), 410, 'link_not_usable');
    expectError(await api.request('POST', '/v1/auth/sign-in', { json: { email: F.owner.email, password: 'wrong-password' } }), 401, 'unauthorized');
    expectError(
      await api.request('PATCH', '/v1/settings', { body: 'name=x', headers: { ...bearer(F.owner.token), 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
    const a = await F.as('coach', 'GET', '/v1/audit');
    const b = await F.as('coach', 'GET', '/v1/audit');
    expectError(a, 403, 'forbidden');
    expect(a.body.error.requestId).not.toBe(b.body.error.requestId);
  });
});

describe('ownership transfer (last, on a firm of its own)', () => {
  it('the owner hands over to the admin; both roles change on the next request with the same tokens', async () => {
    const G = await createFirm(api);
    const res = await G.as('owner', 'POST', '/v1/ownership', { userId: G.admin.userId });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.previousOwner).toMatchObject({ userId: G.owner.userId, role: 'admin' });
    expect(res.body.owner).toMatchObject({ userId: G.admin.userId, role: 'owner' });

    expect((await G.as('admin', 'PATCH', '/v1/settings', { limits: { activeClients: 40 } })).status).toBe(200);
    expectError(await G.as('owner', 'PATCH', '/v1/settings', { limits: { activeClients: 41 } }), 403, 'forbidden');
    expectError(await G.as('owner', 'POST', '/v1/ownership', { userId: G.owner.userId }), 403, 'forbidden');
    // The new owner cannot be changed by the former owner, now an admin.
    expectError(await G.as('owner', 'PATCH', `/v1/staff/${G.admin.userId}`, { status: 'deactivated' }), 403, 'forbidden');
  }, 60_000);
});
