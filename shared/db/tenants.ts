import type { StaffUser, Tenant } from '../domain/tenant.js';
import { ConflictError } from '../errors.js';
import { queryAll, tableName } from './client.js';
import { keys, platformKeys, tenantScope } from './keys.js';
import { ConditionFailed, transact, type TransactItem } from './transact.js';

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
    await transact([
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
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.failed.includes(0)) {
      throw new ConflictError(`The slug "${tenant.slug}" is already taken; choose another`, [
        { field: 'slug', message: 'is already taken' },
      ]);
    }
    throw error;
  }
}

/** Every tenant id, for schedules that fan out per tenant. One Query on the registry partition, paged. */
export async function listTenantIds(): Promise<string[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': platformKeys.tenantRegistryPartition },
    ProjectionExpression: 'tenantId',
  });
  return items.map((item) => String(item.tenantId));
}
