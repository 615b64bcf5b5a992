import { addStaff, linkTokenSentTo } from '../../support/firms.js';
import { api, callBudget, firm, form, invite } from '../../support/call-budget.js';
import { createProgram } from '../../support/coaching.js';
import { newId } from '../../../shared/ids.js';
import { unsubscribeToken } from '../../support/unsubscribe.js';

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
  // Unsubscribe: the link with its firm (1); a POST adds, for reminders, the client and their programs (2) and the
  // transaction (1). Another list needs neither read: 2.
  unsubscribePage: async () => {
    const token = await unsubscribeToken(firm.tenantId, 'sponsor-report', newId(), `sponsor-${newId()}@client.example`);
    return { calls: 1, status: 200, run: () => form('GET', `/unsubscribe?token=${token}`) };
  },
  unsubscribeSubmit: async () => {
    const program = await createProgram(firm);
    const token = await unsubscribeToken(firm.tenantId, 'reminders', program.clientId, program.clientEmail);
    return { calls: 4, status: 200, run: () => form('POST', `/unsubscribe?token=${token}`, { 'List-Unsubscribe': 'One-Click' }) };
  },
  resetPasswordPage: async () => ({ calls: 0, status: 200, run: () => form('GET', '/reset-password') }),
  resetPasswordSubmit: async () => {
    const spare = await addStaff(api, firm.owner.token, 'coach');
    return { calls: 4, status: 200, run: () => form('POST', '/reset-password', { email: spare.email }) };
  },
});
