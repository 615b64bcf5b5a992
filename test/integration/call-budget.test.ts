import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../shared/contracts/routes.js';
import { dynamoCallCount } from '../../shared/db/client.js';
import { useApi, type ApiResponse } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { createFirm, linkTokenSentTo, type FirmFixture } from '../support/firms.js';

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
  createTenant: async () => ({ calls: 2, status: 201, run: () => api.request('POST', '/v1/tenants', { json: signupBody() }) }),
  getOpenApi: async () => ({ calls: 0, status: 200, run: () => api.request('GET', '/v1/openapi.json') }),
  signIn: async () => ({ calls: 1, status: 200, run: () => api.request('POST', '/v1/auth/sign-in', { json: { email: firm.coach.email, password: firm.coach.password } }) }),
  setPassword: async () => {
    await api.request('POST', '/v1/auth/password-reset', { json: { email: firm.coach.email } });
    const token = await linkTokenSentTo(firm.coach.email);
    return { calls: 3, status: 200, run: () => api.request('POST', '/v1/auth/password', { json: { token, password: firm.coach.password } }) };
  },
  requestPasswordReset: async () => ({ calls: 3, status: 202, run: () => api.request('POST', '/v1/auth/password-reset', { json: { email: firm.admin.email } }) }),
  acceptInvitation: async () => {
    const { email } = await invite();
    const token = await linkTokenSentTo(email);
    return { calls: 3, status: 201, run: () => api.request('POST', '/v1/auth/accept-invitation', { json: { token, password: 'Budget-pass-123' } }) };
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
    calls: 4,
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
};

beforeAll(async () => {
  firm = await createFirm(api);
}, 120_000);

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
