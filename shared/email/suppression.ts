import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.js';
import { keys, type TenantScope } from '../db/keys.js';
import type { TransactItem } from '../db/transact.js';
import { digest } from '../ids.js';
import type { MailingList } from './message.js';

/**
 * The firm's suppression list. An entry per address (keyed by the hash of the lower-cased address, so the list holds
 * no address) gathers why mail stops: `bounce` and `complaint` (from SES: nothing more goes there) or
 * `unsubscribe:<list>` (the recipient's one-click unsubscribe: no more of that list). The outbox reads the entry
 * before it sends an email of a list; a suppressed email is not sent and leaves the outbox with the reason.
 */
export type SuppressionReason = 'bounce' | 'complaint' | `unsubscribe:${MailingList}`;

export interface Suppression {
  addressHash: string;
  reasons: Set<string>;
  /** When the first reason was recorded, and the latest. */
  since: string;
  updatedAt: string;
}

export const addressHash = (address: string): string => digest(address.trim().toLowerCase());

export const unsubscribeReason = (list: MailingList): SuppressionReason => `unsubscribe:${list}`;

/**
 * Adds a reason to an address's entry (a string set: twice is once). `onlyNew`: the transaction fails on this item
 * when the reason is there already, so what goes with it (an audit event, a preference change) happens once.
 */
export function suppressItem(scope: TenantScope, hash: string, reason: SuppressionReason, now: Date, opts: { onlyNew?: boolean } = {}): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.suppression(scope, hash),
      UpdateExpression: 'ADD reasons :reason SET #type = :type, addressHash = :hash, since = if_not_exists(since, :now), updatedAt = :now',
      ...(opts.onlyNew ? { ConditionExpression: 'attribute_not_exists(reasons) OR NOT contains(reasons, :one)' } : {}),
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':reason': new Set([reason]), ':type': 'Suppression', ':hash': hash, ':now': now.toISOString(), ...(opts.onlyNew ? { ':one': reason } : {}) },
    },
  };
}

/** Why an email of `list` must not go to this entry's address, or undefined when it may. */
export function suppressedFor(entry: Pick<Suppression, 'reasons'> | undefined, list: MailingList): SuppressionReason | undefined {
  if (!entry?.reasons) return undefined;
  const reasons = [...entry.reasons];
  return (['bounce', 'complaint', unsubscribeReason(list)] as const).find((r) => reasons.includes(r));
}

/** An address's entry: one GetItem. */
export async function readSuppression(scope: TenantScope, address: string): Promise<Suppression | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.suppression(scope, addressHash(address)) }));
  return result.Item as Suppression | undefined;
}
