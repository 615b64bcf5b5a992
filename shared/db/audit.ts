import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '../ids.js';
import { db, tableName } from './client.js';
import { keys, type TenantScope } from './keys.js';
import { withoutKeys, type TransactItem } from './transact.js';

/** Who did what to which resource. Written in the same transaction as the change, and never updated. */
export interface AuditEvent {
  actor: { kind: 'staff' | 'client' | 'sponsor' | 'system' | 'signup'; id: string };
  action: string;
  resource: string;
  details?: Record<string, unknown>;
}

export function auditItem(scope: TenantScope, event: AuditEvent, now: Date): TransactItem {
  const at = now.toISOString();
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.audit(scope, at, newId(now.getTime())), type: 'AuditEvent', tenantId: scope.tenantId, at, ...event },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export interface AuditPage {
  events: (AuditEvent & { at: string; tenantId: string })[];
  /** Pass back as `before` for the next (older) page. */
  next?: string;
  /** A filtered page that stopped at the read bound before it was full: the events were looked through back to here. */
  searchedBackTo?: string;
}

/** Whose events and which kind (an action prefix such as `settings.` or `staff.`). */
export interface AuditFilter {
  actorId?: string;
  actionPrefix?: string;
}

/**
 * How many events one filtered page reads at most. The trail has no index by actor or kind, so a filter is applied
 * to what the Query reads: one Query of at most this many events (well under DynamoDB's 1 MB page), never a walk
 * through years of history; the page says how far back it looked, and the next page looks further.
 */
export const AUDIT_FILTER_READ = 300;

/**
 * Newest first. `before` is the sort key of the oldest event already shown; the tenant always comes from scope. With
 * a filter, one Query reads at most AUDIT_FILTER_READ events and keeps those that match.
 */
export async function listAudit(scope: TenantScope, limit: number, before?: string, filter: AuditFilter = {}): Promise<AuditPage> {
  const conditions = [
    ...(filter.actorId ? ['#actor.#kind = :staff AND #actor.#id = :actorId'] : []),
    ...(filter.actionPrefix ? ['begins_with(#action, :prefix)'] : []),
  ];
  const filtered = conditions.length > 0;
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: before ? 'PK = :pk AND SK < :before' : 'PK = :pk',
      ExpressionAttributeValues: {
        ':pk': keys.auditPartition(scope),
        ...(before ? { ':before': before } : {}),
        ...(filter.actorId ? { ':staff': 'staff', ':actorId': filter.actorId } : {}),
        ...(filter.actionPrefix ? { ':prefix': filter.actionPrefix } : {}),
      },
      ...(filtered
        ? {
            FilterExpression: conditions.join(' AND '),
            ExpressionAttributeNames: {
              ...(filter.actorId ? { '#actor': 'actor', '#kind': 'kind', '#id': 'id' } : {}),
              ...(filter.actionPrefix ? { '#action': 'action' } : {}),
            },
          }
        : {}),
      ScanIndexForward: false,
      Limit: filtered ? AUDIT_FILTER_READ : limit,
    }),
  );
  const items = result.Items ?? [];
  const shown = items.slice(0, limit);
  const full = items.length > limit;
  const last = full ? shown[shown.length - 1] : result.LastEvaluatedKey;
  return {
    events: shown.map((item) => withoutKeys<AuditPage['events'][number]>(item)!),
    next: (full || result.LastEvaluatedKey) && last ? String(last.SK) : undefined,
    ...(filtered && !full && result.LastEvaluatedKey ? { searchedBackTo: String(result.LastEvaluatedKey.SK).slice(0, 24) } : {}),
  };
}
