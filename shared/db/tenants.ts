import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { ConflictError } from '../errors.js';
import { db, tableName } from './client.js';
import { keys, platformKeys, tenantScope, type TenantScope } from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const strip = <T extends object>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, type: _type, ...rest } = item;
  return rest as T;
};

/**
 * Writes a new firm in one transaction: the platform-wide slug claim, the firm, its owner, its entry in the
 * tenant registry, and whatever else must stand or fall with it (welcome email, audit event).
 * A taken slug cancels everything and is a 409.
 */
export async function insertTenant(tenant: Tenant, owner: StaffUser, together: TransactItem[]): Promise<void> {
  const scope = tenantScope(tenant.tenantId);
  const TableName = tableName();
  const fresh = 'attribute_not_exists(PK)';
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName, Item: { ...platformKeys.slug(tenant.slug), type: 'SlugClaim', tenantId: tenant.tenantId }, ConditionExpression: fresh } },
          { Put: { TableName, Item: { ...keys.tenant(scope), type: 'Tenant', ...tenant }, ConditionExpression: fresh } },
          { Put: { TableName, Item: { ...keys.staff(scope, owner.userId), type: 'Staff', ...owner }, ConditionExpression: fresh } },
          {
            Put: {
              TableName,
              Item: { ...platformKeys.tenantRegistry(tenant.tenantId), type: 'TenantRegistration', tenantId: tenant.tenantId, status: tenant.status },
              ConditionExpression: fresh,
            },
          },
          ...together,
        ],
      }),
    );
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as Error).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed') {
      throw new ConflictError(`The slug "${tenant.slug}" is already taken; choose another`, [
        { field: 'slug', message: 'is already taken' },
      ]);
    }
    throw error;
  }
}

export async function getTenant(scope: TenantScope): Promise<Tenant | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(scope) }));
  return strip<Tenant>(result.Item);
}

/** Every tenant id, for schedules that fan out per tenant. One Query on the registry partition, paged. */
export async function listTenantIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': platformKeys.tenantRegistryPartition },
        ProjectionExpression: 'tenantId',
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) ids.push(item.tenantId as string);
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return ids;
}
