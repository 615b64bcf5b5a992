import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.js';
import { digestEntryChange } from '../db/firm.js';
import { keys } from '../db/keys.js';
import type { StaffPrincipal } from '../domain/access.js';
import { applyDigestPatch, scheduleCoachDigest, type MyPreferencesPatch } from '../domain/coach-digest-schedule.js';
import type { StaffUser } from '../domain/tenant.js';
import { ConflictError } from '../errors.js';

/**
 * A staff user's own daily digest: on or off, its hour, its zone. The change moves the user's entry in the "due"
 * index in the same write (off: the entry goes; on: the next digest time from now), held to the entry the caller's
 * request read, so it never undoes a digest the sweep sent meanwhile.
 */
export async function updateMyDigest(principal: StaffPrincipal, patch: MyPreferencesPatch, now: Date): Promise<StaffUser> {
  const current = principal.staff!;
  const digest = applyDigestPatch(current.digest, patch.digest);
  const schedule = scheduleCoachDigest({ ...current, digest }, principal.tenant, now);
  const entry = digestEntryChange(principal.scope, current, schedule);
  const set = { digest, ...entry.set, updatedAt: now.toISOString() };
  const names = Object.fromEntries(Object.keys(set).map((k, i) => [`#f${i}`, k]));
  const values: Record<string, unknown> = Object.fromEntries(Object.values(set).map((v, i) => [`:v${i}`, v]));
  values[':active'] = 'active';
  if (current.digestAt) values[':read'] = current.digestAt;
  const update = new UpdateCommand({
      TableName: tableName(),
      Key: keys.staff(principal.scope, current.userId),
      UpdateExpression: `SET ${Object.keys(names).map((n, i) => `${n} = :v${i}`).join(', ')}${entry.remove.length ? ` REMOVE ${entry.remove.join(', ')}` : ''}`,
      ConditionExpression: `#status = :active AND ${current.digestAt ? 'digestAt = :read' : 'attribute_not_exists(digestAt)'}`,
      ExpressionAttributeNames: { ...names, '#status': 'status' },
      ExpressionAttributeValues: values,
  });
  try {
    await db().send(update);
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new ConflictError('Your digest was just sent or changed; reload and try again');
    throw error;
  }
  const { digestAt: _old, ...rest } = current;
  return { ...rest, digest, ...schedule };
}
