import { addStaff, linkTokenSentTo } from '../../support/firms.js';
import { api, callBudget, firm, form, invite } from '../../support/call-budget.js';

/** DynamoDB calls per request (test/support/call-budget.ts): the pages behind the emailed links. */
callBudget('pages', {
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
});
