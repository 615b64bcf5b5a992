import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.js';
import { checkInvitationItem } from '../db/firm.js';
import { keys, type TenantScope } from '../db/keys.js';
import type { TransactItem } from '../db/transact.js';
import { newSecret } from '../ids.js';
import { hashSecret, type LinkPurpose, type LinkRecord } from '../links/tokens.js';
import { MAILING_LISTS, type EmailLink, type MailingList, type UnsubscribeLink } from './message.js';

/**
 * A fresh link for an email whose first send failed. The outbox never holds a link's secret, so a later attempt
 * cannot send the link the email was rendered for: it issues a new one for the same purpose, subject and validity
 * (a copy of the old record with a new secret, so also the same generation), revokes the old one and points the
 * email at the new hash, all in one transaction held to the sender's lease and to the subject still being there.
 */
export type StoredLink = LinkRecord & Record<string, unknown>;

/** State of one use of a link; a fresh copy starts without it. */
const USE_STATE = ['usedAt', 'revokedAt', 'claimId', 'claimUntil'] as const;

export interface Reissue {
  token: string;
  link: EmailLink;
  items: TransactItem[];
  /** Index of the email's own item in `items`: if its condition fails, the lease was lost (not the link). */
  emailItem: number;
}

/** The link record an email was rendered for (strongly consistent: it may have been used a moment ago). */
export async function readLink(scope: TenantScope, hash: string): Promise<StoredLink | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.link(scope, hash), ConsistentRead: true }));
  return result.Item as StoredLink | undefined;
}

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** Whether a link may still be reissued: unused, unrevoked, unexpired and not being used right now. */
export function isReissuable(link: StoredLink | undefined, purpose: LinkPurpose, now: Date): link is StoredLink {
  const epoch = epochSeconds(now);
  return !!link && link.purpose === purpose && !link.usedAt && !link.revokedAt && link.validUntil > epoch && !(typeof link.claimUntil === 'number' && link.claimUntil >= epoch);
}

/**
 * The link's subject must still accept links of the old link's generation (the copy keeps it): after a password
 * change or an invitation resend the old email is pointless, and a fresh copy of its link would not work anyway.
 */
/** An unsubscribe link as the outbox re-issues it: like any email link, its subject the recipient. */
export const unsubscribeAsLink = (u: UnsubscribeLink): EmailLink => ({ purpose: 'unsubscribe', subjectId: u.recipientId, hash: u.hash, validUntil: u.validUntil });

const recipientKey = { client: keys.client, staff: keys.staff, sponsor: keys.sponsor } as const;

const subjectChecks: Record<LinkPurpose, (scope: TenantScope, subjectId: string, generation: number, old: StoredLink) => TransactItem> = {
  invitation: (scope, invitationId, generation) => checkInvitationItem(scope, invitationId, generation),
  // A client link: the program still takes links of this generation (not revoked) and is not archived or completed.
  client: (scope, programId, generation) => ({
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.program(scope, programId),
      ConditionExpression: 'clientLinkGeneration = :g AND #status IN (:active, :paused)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':g': generation, ':active': 'active', ':paused': 'paused' },
    },
  }),
  // A sponsor's report link shows a stored snapshot: it only needs the program to be there still.
  'sponsor-report': (scope, programId) => ({
    ConditionCheck: { TableName: tableName(), Key: keys.program(scope, programId), ConditionExpression: 'attribute_exists(PK)' },
  }),
  'set-password': (scope, userId, generation) => ({
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.staff(scope, userId),
      // Users from before link generations have none stored: that is generation 0.
      ConditionExpression: `#status = :active AND (linkGeneration = :g${generation === 0 ? ' OR attribute_not_exists(linkGeneration)' : ''})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active', ':g': generation },
    },
  }),
  // An unsubscribe link: its recipient is still there.
  unsubscribe: (scope, recipientId, _generation, old) => ({
    ConditionCheck: {
      TableName: tableName(),
      Key: recipientKey[MAILING_LISTS[old.list as MailingList] ?? 'client'](scope, recipientId),
      ConditionExpression: 'attribute_exists(PK)',
    },
  }),
};

/**
 * The transaction that replaces an email's link (`field`: its page link, or its unsubscribe link); the caller holds
 * the email's lease (`leaseUntil`).
 */
export function reissueLinkItems(
  scope: TenantScope,
  email: { idempotencyKey: string; leaseUntil: number; link: EmailLink },
  old: StoredLink,
  now: Date,
  field: 'link' | 'unsubscribe' = 'link',
): Reissue {
  const secret = newSecret();
  const hash = hashSecret(secret);
  const oldHash = email.link.hash;
  const epoch = epochSeconds(now);
  const { PK: _pk, SK: _sk, ...record } = old;
  for (const field of USE_STATE) delete record[field];
  return {
    token: `${scope.tenantId}.${secret}`,
    link: { ...email.link, hash },
    emailItem: 0,
    items: [
      {
        Update: {
          TableName: tableName(),
          Key: keys.email(scope, email.idempotencyKey),
          UpdateExpression: 'SET #link.#hash = :new',
          ConditionExpression: '#status = :queued AND leaseUntil = :lease AND #link.#hash = :old',
          ExpressionAttributeNames: { '#link': field, '#hash': 'hash', '#status': 'status' },
          ExpressionAttributeValues: { ':new': hash, ':old': oldHash, ':queued': 'queued', ':lease': email.leaseUntil },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: keys.link(scope, oldHash),
          UpdateExpression: 'SET revokedAt = :now, reissuedAs = :new',
          ConditionExpression:
            'attribute_exists(PK) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND validUntil > :epoch AND (attribute_not_exists(claimUntil) OR claimUntil < :epoch)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':new': hash, ':epoch': epoch },
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: { ...record, ...keys.link(scope, hash), reissuedAt: now.toISOString(), reissuedFrom: oldHash },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      subjectChecks[email.link.purpose](scope, email.link.subjectId, typeof old.generation === 'number' ? old.generation : 0, old),
    ],
  };
}
