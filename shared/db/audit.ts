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
}

/** Newest first. `before` is the sort key of the oldest event already shown; the tenant always comes from scope. */
export async function listAudit(scope: TenantScope, limit: number, before?: string): Promise<AuditPage> {
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: before ? 'PK = :pk AND SK < :before' : 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(scope), ...(before ? { ':before': before } : {}) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  const items = result.Items ?? [];
  const last = items[items.length - 1];
  return {
    events: items.map((item) => withoutKeys<AuditPage['events'][number]>(item)!),
    next: result.LastEvaluatedKey && last ? String(last.SK) : undefined,
  };
}
