import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../shared/contracts/routes.js';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { newId } from '../../shared/ids.js';
import { useApi, type ApiResponse } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { addStaff, createFirm, linkTokenSentTo, type FirmFixture } from '../support/firms.js';

/**
 * DynamoDB round trips per request, route by route: what each request's data needs, and no more. Every staff
 * request pays one BatchGet for "firm + caller"; the rest is the route's own work. Handlers run in this process,
 * so the SDK middleware counter sees every call. A new route fails here until it has a budget.
 */
const api = useApi();
let firm: FirmFixture;

type Case = { calls: number; status: number; run: () => Promise<ApiResponse<Record<string, any>>> };

const invite = async () => {
  const email = `budget-${unique()}@firm.example`;
  const res = await firm.as('owner', 'POST', '/v1/invitations', { email, name: 'Budget', role: 'coach' });
  return { id: res.body.invitation.invitationId as string, email };
};

const budget: Record<RouteId, () => Promise<Case>> = {
  health: async () => ({ calls: 1, status: 200, run: () => api.request('GET', '/health') }),
  // The rate counter, the slug check, the transaction, marking the welcome email sent.
  createTenant: async () => ({ calls: 4, status: 202, run: () => api.request('POST', '/v1/tenants', { json: signupBody() }) }),
  getOpenApi: async () => ({ calls: 0, status: 200, run: () => api.request('GET', '/v1/openapi.json') }),
  // Two rate counters (source, account), then the account must still be active in the table.
  signIn: async () => ({ calls: 3, status: 200, run: () => api.request('POST', '/v1/auth/sign-in', { json: { email: firm.coach.email, password: firm.coach.password } }) }),
  // Read the link and the user, claim the link, then the change (a password change ends the user's sessions: a spare user).
  setPassword: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    await api.request('POST', '/v1/auth/password-reset', { json: { email: spare.email } });
    const token = await linkTokenSentTo(spare.email);
    return { calls: 4, status: 200, run: () => api.request('POST', '/v1/auth/password', { json: { token, password: spare.password } }) };
  },
  requestPasswordReset: async () => ({ calls: 4, status: 202, run: () => api.request('POST', '/v1/auth/password-reset', { json: { email: firm.admin.email } }) }),
  acceptInvitation: async () => {
    const { email } = await invite();
    const token = await linkTokenSentTo(email);
    return { calls: 4, status: 201, run: () => api.request('POST', '/v1/auth/accept-invitation', { json: { token, password: 'Budget-pass-123' } }) };
  },
  getMe: async () => ({ calls: 1, status: 200, run: () => firm.as('coach', 'GET', '/v1/me') }),
  getSettings: async () => ({ calls: 1, status: 200, run: () => firm.as('coach', 'GET', '/v1/settings') }),
  updateSettings: async () => ({ calls: 2, status: 200, run: () => firm.as('admin', 'PATCH', '/v1/settings', { branding: { accentColour: '#224466' } }) }),
  listStaff: async () => ({ calls: 2, status: 200, run: () => firm.as('admin', 'GET', '/v1/staff') }),
  getStaff: async () => ({ calls: 2, status: 200, run: () => firm.as('admin', 'GET', `/v1/staff/${firm.coach.userId}`) }),
  updateStaff: async () => ({ calls: 3, status: 200, run: () => firm.as('admin', 'PATCH', `/v1/staff/${firm.coach.userId}`, { name: `Coach ${unique()}` }) }),
  transferOwnership: async () => {
    const other = await createFirm(api);
    return { calls: 3, status: 200, run: () => other.as('owner', 'POST', '/v1/ownership', { userId: other.admin.userId }) };
  },
  createInvitation: async () => ({
    calls: 3,
    status: 201,
    run: () => firm.as('owner', 'POST', '/v1/invitations', { email: `new-${unique()}@firm.example`, name: 'New', role: 'coach' }),
  }),
  listInvitations: async () => ({ calls: 2, status: 200, run: () => firm.as('admin', 'GET', '/v1/invitations') }),
  revokeInvitation: async () => {
    const { id } = await invite();
    return { calls: 3, status: 204, run: () => firm.as('admin', 'DELETE', `/v1/invitations/${id}`) };
  },
  resendInvitation: async () => {
    const { id } = await invite();
    return { calls: 4, status: 200, run: () => firm.as('admin', 'POST', `/v1/invitations/${id}/resend`) };
  },
  listAudit: async () => ({ calls: 2, status: 200, run: () => firm.as('owner', 'GET', '/v1/audit?limit=20') }),
  // Pages: the link is read with its subject and firm (2); a form post costs what its JSON route costs.
  setPasswordPage: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    await api.request('POST', '/v1/auth/password-reset', { json: { email: spare.email } });
    const token = await linkTokenSentTo(spare.email);
    return { calls: 2, status: 200, run: () => form('GET', `/set-password?token=${token}`) };
  },
  setPasswordSubmit: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    await api.request('POST', '/v1/auth/password-reset', { json: { email: spare.email } });
    const token = await linkTokenSentTo(spare.email);
    return { calls: 4, status: 200, run: () => form('POST', '/set-password', { token, password: spare.password }) };
  },
  acceptInvitationPage: async () => {
    const { email } = await invite();
    const token = await linkTokenSentTo(email);
    return { calls: 2, status: 200, run: () => form('GET', `/accept-invitation?token=${token}`) };
  },
  acceptInvitationSubmit: async () => {
    const { email } = await invite();
    const token = await linkTokenSentTo(email);
    return { calls: 4, status: 200, run: () => form('POST', '/accept-invitation', { token, password: 'Budget-pass-123' }) };
  },
  resetPasswordPage: async () => ({ calls: 0, status: 200, run: () => form('GET', '/reset-password') }),
  resetPasswordSubmit: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    return { calls: 4, status: 200, run: () => form('POST', '/reset-password', { email: spare.email }) };
  },
  signOut: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    return { calls: 2, status: 204, run: () => api.request('POST', '/v1/auth/sign-out', { headers: { authorization: `Bearer ${spare.token}` } }) };
  },
  signOutEverywhere: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    return { calls: 2, status: 204, run: () => api.request('POST', '/v1/auth/sign-out-everywhere', { headers: { authorization: `Bearer ${spare.token}` } }) };
  },
};

/** A page request as a browser sends it (a form post, or a GET); the body is HTML, so only the status matters here. */
async function form(method: string, path: string, fields?: Record<string, string>): Promise<ApiResponse<Record<string, any>>> {
  const response = await fetch(`${api.url()}${path}`, {
    method,
    ...(fields ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() } : {}),
  });
  await response.text();
  return { status: response.status, headers: response.headers, body: {} };
}

/**
 * Years of history in the firm's partitions (closed invitations, audit events, former staff, sent emails), written
 * straight to the table: no request may read through it, so every budget must hold on top of it.
 */
async function seedHistory(tenantId: string, each: number) {
  const scope = tenantScope(tenantId);
  const old = (i: number) => new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString();
  // Whole items, as the product writes them: lists answer them, and every answer must match its declared schema.
  const items = Array.from({ length: each }, (_, i) => [i, newId(Date.UTC(2022, 0, 1) + i * 1000), `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`] as const).flatMap(([i, invitationId, userId]) => [
    {
      ...keys.invitation(scope, invitationId),
      type: 'Invitation',
      invitationId,
      ...{ name: `Old ${i}`, email: `old-${i}@firm.example`, role: 'coach', status: 'accepted', invitedBy: 'x', createdAt: old(i), closedAt: old(i) },
      ...{ validUntil: 1_641_600_000, sends: 1, linkGeneration: 0 },
    },
    { ...keys.audit(scope, old(i), newId()), type: 'AuditEvent', tenantId, at: old(i), action: 'staff.updated', actor: { kind: 'staff', id: 'x' }, resource: 'staff/x' },
    {
      ...keys.staff(scope, userId),
      userId,
      tenantId,
      createdAt: old(i),
      type: 'Staff',
      status: 'deactivated',
      role: 'coach',
      email: `former-${i}@firm.example`,
      name: `Former ${i}`,
    },
    { ...keys.email(scope, `old#${i}`), type: 'Email', status: 'sent', kind: 'invitation', to: `old-${i}@firm.example` },
  ]);
  for (let i = 0; i < items.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}


beforeAll(async () => {
  firm = await createFirm(api);
  await seedHistory(firm.tenantId, 1500);
}, 180_000);

describe('DynamoDB calls per request', () => {
  it('has a budget for every route', () => {
    expect(Object.keys(budget).sort()).toEqual(routes.map((r) => r.id).sort());
  });

  it.each(routes.map((r) => [r.id, r] as const))('%s stays within its budget', async (id) => {
    const c = await budget[id]();
    const before = dynamoCallCount();
    const res = await c.run();
    const calls = dynamoCallCount() - before;
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    expect(calls).toBe(c.calls);
  });
});
