import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { ConflictError } from '../errors.js';
import { db, queryAll, tableName } from './client.js';
import { claimAddressForStaffItem, digestDueKeys, putCountersItem } from './firm.js';
import { keys, platformKeys, tenantScope } from './keys.js';
import { ConditionFailed, transact, type TransactItem } from './transact.js';

const slugTaken = (slug: string) => new ConflictError(`The slug "${slug}" is already taken; choose another`, [{ field: 'slug', message: 'is already taken' }]);

/**
 * Writes a new firm in one transaction: the platform-wide slug claim, the firm, its owner (with the owner counter and
 * the address claim), its entry in the tenant registry (indexed as unclaimed until the owner sets a password), and
 * whatever else must stand or fall with it (welcome email, audit event). A taken slug cancels everything and is a 409.
 */
export async function insertTenant(tenant: Tenant, owner: StaffUser, claimBy: number, together: TransactItem[]): Promise<void> {
  const scope = tenantScope(tenant.tenantId);
  const TableName = tableName();
  const fresh = 'attribute_not_exists(PK)';
  try {
    await transact([
      { Put: { TableName, Item: { ...platformKeys.slug(tenant.slug), type: 'SlugClaim', tenantId: tenant.tenantId }, ConditionExpression: fresh } },
      { Put: { TableName, Item: { ...keys.tenant(scope), type: 'Tenant', ...tenant }, ConditionExpression: fresh } },
      { Put: { TableName, Item: { ...keys.staff(scope, owner.userId), ...digestDueKeys(scope, owner), type: 'Staff', ...owner }, ConditionExpression: fresh } },
      putCountersItem(scope, { activeOwners: 1 }),
      claimAddressForStaffItem(scope, owner.email, owner.userId),
      {
        Put: {
          TableName,
          Item: {
            ...platformKeys.tenantRegistry(tenant.tenantId),
            ...platformKeys.unclaimedTenant(claimBy, tenant.tenantId),
            type: 'TenantRegistration',
            tenantId: tenant.tenantId,
            slug: tenant.slug,
            status: tenant.status,
            firm: tenant,
          },
          ConditionExpression: fresh,
        },
      },
      ...together,
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.failed.includes(0)) throw slugTaken(tenant.slug);
    throw error;
  }
}

/** A 409 when a slug is claimed already: checked before anything is created for a sign-up. */
export async function assertSlugFree(slug: string): Promise<void> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: platformKeys.slug(slug), ProjectionExpression: 'PK' }));
  if (result.Item) throw slugTaken(slug);
}

/**
 * Every tenant, for schedules that fan out per tenant: one Query on the registry partition, paged. Each comes with
 * its copy of the firm's profile (written with every change of it), so the per-tenant work need not read it again.
 */
export async function listTenants(): Promise<{ tenantId: string; firm?: Tenant }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': platformKeys.tenantRegistryPartition },
    ProjectionExpression: 'tenantId, firm',
  });
  return items.map((item) => ({ tenantId: String(item.tenantId), ...(item.firm ? { firm: item.firm as Tenant } : {}) }));
}

/** The registry's copy of a firm's profile, in the transaction that changes the profile. */
export const registryFirmItem = (tenant: Tenant): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: platformKeys.tenantRegistry(tenant.tenantId),
    UpdateExpression: 'SET firm = :firm',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':firm': tenant },
  },
});

/** Firms whose owner never set a password and whose welcome link has expired by `now` (a page of them). */
export async function unclaimedTenants(now: Date, limit: number): Promise<{ tenantId: string; slug: string }[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :now',
      ExpressionAttributeValues: { ':pk': platformKeys.unclaimedTenantPartition, ':now': platformKeys.unclaimedTenant(Math.floor(now.getTime() / 1000), '').GSI1SK },
      ProjectionExpression: 'tenantId, slug',
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => ({ tenantId: String(item.tenantId), slug: String(item.slug) }));
}

/**
 * Takes an unclaimed firm off the registry, provided it is still unclaimed: the first step of removing it, so an
 * owner who sets a password at the same moment either claims the firm first or finds the link no longer works.
 */
export async function unregisterUnclaimedTenant(tenantId: string): Promise<boolean> {
  try {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: platformKeys.tenantRegistry(tenantId), ConditionExpression: 'attribute_exists(GSI1PK)' }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Deletes every item of a firm but its audit trail (partition by partition, 25 requests at a time) and frees its slug. */
export async function deleteTenantItems(tenantId: string, slug: string): Promise<number> {
  const scope = tenantScope(tenantId);
  const TableName = tableName();
  let deleted = 0;
  for (const partition of keys.removablePartitions(scope)) {
    const items = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partition }, ProjectionExpression: 'PK, SK' });
    for (let i = 0; i < items.length; i += 25) {
      await Promise.all(items.slice(i, i + 25).map((item) => db().send(new DeleteCommand({ TableName, Key: { PK: item.PK, SK: item.SK } }))));
    }
    deleted += items.length;
  }
  await db()
    .send(new DeleteCommand({ TableName, Key: platformKeys.slug(slug), ConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': tenantId } }))
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
  return deleted;
}
