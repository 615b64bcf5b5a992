import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';

async function queryAll(input: { pk: string; index?: 'GSI3' }): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db().send(
      new QueryCommand({
        TableName: tableName(),
        ...(input.index ? { IndexName: input.index } : { ConsistentRead: true }),
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': input.index ? `${input.index}PK` : 'PK' },
        ExpressionAttributeValues: { ':pk': input.pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Every item a firm owns, read with Queries (never a Scan): its firm-wide partitions, its audit trail, and every
 * program's collection and history (programs found through the firm's program index). To prove a refused request
 * wrote nothing anywhere in the firm, and to look for what must never be stored.
 */
export async function tenantItems(tenantId: string): Promise<Record<string, unknown>[]> {
  const scope = tenantScope(tenantId);
  const programIds = (await queryAll({ pk: keys.programsByStatusPartition(scope), index: 'GSI3' })).map((p) => String(p.programId)).sort();
  const partitions = [...keys.removablePartitions(scope), keys.auditPartition(scope), ...programIds.flatMap((id) => keys.programPartitions(scope, id))];
  const items = (await Promise.all(partitions.map((pk) => queryAll({ pk })))).flat();
  return items.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
}

/** A firm's items as text: equal before and after means nothing was written. */
export const tenantSnapshot = async (tenantId: string): Promise<string> => JSON.stringify(await tenantItems(tenantId));
