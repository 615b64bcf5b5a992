import { transact } from '../../shared/db/transact.js';
import { tenantScope } from '../../shared/db/keys.js';
import type { MailingList } from '../../shared/email/message.js';
import { addressHash } from '../../shared/email/suppression.js';
import { UNSUBSCRIBE_LINK_DAYS } from '../../shared/email/unsubscribe.js';
import { issueLink } from '../../shared/links/tokens.js';

/**
 * An unsubscribe link as a scheduled email's transaction issues it (the link record only: its hash, list, recipient
 * and the hash of the address), for tests that need one without sending an email first. Returns the raw token.
 */
export async function unsubscribeToken(tenantId: string, list: MailingList, recipientId: string, address: string, now = new Date()): Promise<string> {
  const link = issueLink(tenantScope(tenantId), 'unsubscribe', recipientId, UNSUBSCRIBE_LINK_DAYS * 86_400, now, 0, { list, addressHash: addressHash(address) });
  await transact([link.item]);
  return link.token;
}
