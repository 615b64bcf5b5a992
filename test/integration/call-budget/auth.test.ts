import { addStaff, linkTokenSentTo } from '../../support/firms.js';
import { api, callBudget, firm, invite } from '../../support/call-budget.js';

/** DynamoDB calls per request (test/support/call-budget.ts): sign-in, passwords, invitations accepted, sign-out. */
callBudget('auth', {
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
  signOut: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    return { calls: 2, status: 204, run: () => api.request('POST', '/v1/auth/sign-out', { headers: { authorization: `Bearer ${spare.token}` } }) };
  },
  signOutEverywhere: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    return { calls: 2, status: 204, run: () => api.request('POST', '/v1/auth/sign-out-everywhere', { headers: { authorization: `Bearer ${spare.token}` } }) };
  },
});
