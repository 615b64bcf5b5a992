import { expect } from 'vitest';
import { A, crossTenantMatrix, expectDeadLinkPage, expectNothingOfAInPage, freshInvitationLinkOfB, freshResetLinkOfB, pageRequest } from '../../support/isolation.js';

/** The cross-tenant matrix (test/support/isolation.ts): the pages behind the emailed links. */
crossTenantMatrix('pages', {
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
});
