import { expect } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../../shared/db/client.js';
import { newId } from '../../../shared/ids.js';
import { unsubscribeToken } from '../../support/unsubscribe.js';
import { A, B, crossTenantMatrix, expectDeadLinkPage, expectNothingOfAInPage, freshInvitationLinkOfB, freshResetLinkOfB, pageRequest } from '../../support/isolation.js';

/** A's suppression list: an unsubscribe link of B must never add to it. */
const suppressionOfA = async () =>
  (await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `T#${A.tenantId}#SUPPRESS` }, ConsistentRead: true }))).Items ?? [];

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
  // An unsubscribe link of B (for A's client's address, even) retargeted to A is a dead link and adds nothing to A.
  unsubscribePage: {
    auth: 'link',
    check: async () => expectDeadLinkPage(await pageRequest('GET', `/unsubscribe?token=${await unsubscribeToken(B.tenantId, 'reminders', newId(), A.owner.email)}`, true)),
  },
  unsubscribeSubmit: {
    auth: 'link',
    check: async () => {
      const token = await unsubscribeToken(B.tenantId, 'reminders', newId(), A.owner.email);
      expectDeadLinkPage(await pageRequest('POST', '/unsubscribe', true, { token, 'List-Unsubscribe': 'One-Click' }));
      expectDeadLinkPage(await pageRequest('POST', `/unsubscribe?token=${token}`, true, { 'List-Unsubscribe': 'One-Click' }));
      expect(await suppressionOfA()).toEqual([]);
    },
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
