import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.js';
import { digestEntryChange } from '../db/firm.js';
import { keys } from '../db/keys.js';
import type { StaffPrincipal } from '../domain/access.js';
import { applyDigestPatch, scheduleCoachDigest, type MyPreferencesPatch } from '../domain/coach-digest-schedule.js';
import type { StaffUser } from '../domain/tenant.js';
import { ConflictError } from '../errors.js';

/**
 * A staff user's own preferences: their daily digest (on or off, its hour, its zone) and the language of their web
 * app pages. A digest change moves the user's entry in the "due" index in the same write (off: the entry goes; on:
 * the next digest time from now), held to the entry the caller's request read, so it never undoes a digest the sweep
 * sent meanwhile. A change of language alone leaves the digest as it is.
 */
export async function updateMyPreferences(principal: StaffPrincipal, patch: MyPreferencesPatch, now: Date): Promise<StaffUser> {
  const current = principal.staff!;
  const digest = patch.digest ? applyDigestPatch(current.digest, patch.digest) : undefined;
  const schedule = digest ? scheduleCoachDigest({ ...current, digest }, principal.tenant, now) : undefined;
  const entry = schedule ? digestEntryChange(principal.scope, current, schedule) : { set: {}, remove: [] as string[] };
  const set: Record<string, unknown> = { ...(digest ? { digest } : {}), ...entry.set, ...(patch.locale ? { locale: patch.locale } : {}), updatedAt: now.toISOString() };
  const remove = [...entry.remove, ...(patch.locale === null ? ['#locale'] : [])];
  const names = Object.fromEntries(Object.keys(set).map((k, i) => [`#f${i}`, k]));
  const values: Record<string, unknown> = Object.fromEntries(Object.values(set).map((v, i) => [`:v${i}`, v]));
  values[':active'] = 'active';
  if (digest && current.digestAt) values[':read'] = current.digestAt;
  const digestHeld = digest ? ` AND ${current.digestAt ? 'digestAt = :read' : 'attribute_not_exists(digestAt)'}` : '';
  const update = new UpdateCommand({
      TableName: tableName(),
      Key: keys.staff(principal.scope, current.userId),
      UpdateExpression: `SET ${Object.keys(names).map((n, i) => `${n} = :v${i}`).join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: `#status = :active${digestHeld}`,
      ExpressionAttributeNames: { ...names, '#status': 'status', ...(patch.locale === null ? { '#locale': 'locale' } : {}) },
      ExpressionAttributeValues: values,
  });
  try {
    await db().send(update);
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new ConflictError('Your digest was just sent or changed; reload and try again');
    throw error;
  }
  const { digestAt: _old, locale: _locale, ...rest } = current;
  const digestFields = schedule ? { digest, ...schedule } : current.digestAt ? { digestAt: current.digestAt } : {};
  const locale = patch.locale === undefined ? current.locale : (patch.locale ?? undefined);
  return { ...rest, ...digestFields, ...(locale ? { locale } : {}) };
}
