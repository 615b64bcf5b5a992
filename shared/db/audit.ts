import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { newId } from '../ids.js';
import { tableName } from './client.js';
import { keys, type TenantScope } from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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
