import { signupBody, unique } from '../../support/factories.js';
import { createFirm } from '../../support/firms.js';
import { api, callBudget, firm, invite } from '../../support/call-budget.js';

/** DynamoDB calls per request (test/support/call-budget.ts): sign-up, settings, staff, invitations, audit. */
callBudget('tenancy', {
  // The rate counter, the slug check, the transaction, marking the welcome email sent.
  createTenant: async () => ({ calls: 4, status: 202, run: () => api.request('POST', '/v1/tenants', { json: signupBody() }) }),
  getMe: async () => ({ calls: 1, status: 200, run: () => firm.as('coach', 'GET', '/v1/me') }),
  // The auth read (firm, caller), then one conditional update of the caller's item with its "due" entry.
  updateMyPreferences: async () => ({ calls: 2, status: 200, run: () => firm.as('coach', 'PATCH', '/v1/me/preferences', { digest: { hour: 7 } }) }),
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
});
