import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, tableName } from '../db/client.js';
import { getItems } from '../db/coaching.js';
import { getTenant } from '../db/firm.js';
import { keys, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys, type TransactItem } from '../db/transact.js';
import { coachDigestContent, coachDigestPolicy, type ClientActivity } from '../domain/coach-digest.js';
import { coachDigestSettings, nextCoachDigestAt } from '../domain/coach-digest-schedule.js';
import type { Program } from '../domain/coaching.js';
import { localDay } from '../domain/reminders.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { coachDigestEmail } from '../email/templates/coach-digest.js';
import { withUnsubscribeLink } from '../email/unsubscribe.js';
import type { Logger } from '../log.js';

/**
 * The coaches' daily digests of one tenant at one tick. Reads only what is due: the staff users' entries in the
 * sparse "due" index up to now (their own sort-key prefix), then the firm once (unless the tick's message brought it), then per due coach their active
 * programs (GSI1, the program items alone: stall flags come from their counters and stamps) and their clients'
 * changes since the last digest (GSI3, the coach's activity entries). One email per coach and local day (the key
 * names both), written with the entry's move to tomorrow in one transaction, then sent; nothing to say moves the
 * entry without an email. A tick or message delivered twice, or two workers at once, find the entry moved or the
 * day's key taken.
 */
export interface CoachDigestRun {
  /** Staff users whose digest was due. */
  due: number;
  digests: number;
  /** Due, but nothing happened and nothing stalls: no email, the entry moved to tomorrow. */
  quiet: number;
  /** Today's digest went out already, or the entry changed meanwhile (another worker, a settings change). */
  deferred: number;
  /** Entries of users no longer active or with the digest off: removed. */
  dropped: number;
  /** Items read in all (due entries, the firm, programs, client changes): what the call-budget test holds. */
  itemsRead: number;
}

/** Client changes read for one digest: a day of a coach's clients fits many times over; beyond, the email says so. */
export const MAX_ACTIVITY_READ = 1_000;

const dueDigests = (scope: TenantScope, now: Date) =>
  queryAll({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.dueRemindersPartition(scope), ':from': keys.coachDigestDuePrefix, ':to': `${keys.coachDigestDuePrefix}${now.toISOString()}~` },
  });

/** The coach's active programs, page by page (a coach's active programs are bounded by the plan's active clients). */
const activePrograms = async (scope: TenantScope, coachId: string): Promise<Program[]> =>
  (
    await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :active)',
      ExpressionAttributeValues: { ':pk': keys.programsOfCoachPartition(scope, coachId), ':active': 'active#' },
    })
  ).map((i) => withoutKeys<Program>(i)!);

/** The coach's clients' changes in [since, now), oldest first, at most MAX_ACTIVITY_READ. */
async function activitySince(scope: TenantScope, coachId: string, since: string, now: Date): Promise<{ items: ClientActivity[]; more: boolean }> {
  const items: ClientActivity[] = [];
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :since AND :now',
        ExpressionAttributeValues: { ':pk': keys.coachActivityPartition(scope, coachId), ':since': since, ':now': now.toISOString() },
        Limit: MAX_ACTIVITY_READ - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map((i) => withoutKeys<ClientActivity>(i)!));
    start = page.LastEvaluatedKey;
  } while (start && items.length < MAX_ACTIVITY_READ);
  return { items, more: start !== undefined };
}

/** Moves a staff user's entry (or ends it), held to the entry being as it was read and the user still active. */
function moveEntryItem(scope: TenantScope, staff: StaffUser, next: Date | undefined, since: string | undefined): TransactItem {
  const base = { TableName: tableName(), Key: keys.staff(scope, staff.userId) };
  const held = { ':old': staff.digestAt };
  if (!next) return { Update: { ...base, UpdateExpression: 'REMOVE digestAt, GSI2PK, GSI2SK', ConditionExpression: 'digestAt = :old', ExpressionAttributeValues: held } };
  const entry = keys.coachDigestDue(scope, next.toISOString(), staff.userId);
  return {
    Update: {
      ...base,
      UpdateExpression: `SET digestAt = :at, GSI2SK = :sk${since ? ', digestSince = :since' : ''}`,
      ConditionExpression: 'digestAt = :old AND #status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...held, ':at': next.toISOString(), ':sk': entry.GSI2SK, ':active': 'active', ...(since ? { ':since': since } : {}) },
    },
  };
}

/** A move that lost a race (another worker, a settings change) is left as the winner wrote it. */
async function moveQuietly(item: TransactItem, log: Logger): Promise<boolean> {
  try {
    await transact([item]);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed) return false;
    log.warn('could not move a coach digest entry; the next tick tries again', { error });
    return false;
  }
}

export async function sendCoachDigests(scope: TenantScope, now: Date, deps: { log: Logger; appUrl: string; tenant?: Tenant }): Promise<CoachDigestRun> {
  const run: CoachDigestRun = { due: 0, digests: 0, quiet: 0, deferred: 0, dropped: 0, itemsRead: 0 };
  const entries = await dueDigests(scope, now);
  run.due = entries.length;
  run.itemsRead = entries.length;
  if (entries.length === 0) return run;
  // The firm as the tick's message carries it, else read.
  const tenant = deps.tenant ?? (await getTenant(scope));
  if (!deps.tenant) run.itemsRead += 1;
  if (!tenant || tenant.status !== 'active') return run;
  for (const entry of entries) await digestOf(scope, tenant, withoutKeys<StaffUser>(entry)!, now, run, deps.log, deps.appUrl);
  return run;
}

async function digestOf(scope: TenantScope, tenant: Tenant, staff: StaffUser, now: Date, run: CoachDigestRun, log: Logger, appUrl: string): Promise<void> {
  const settings = coachDigestSettings(staff, tenant);
  if (settings.frequency === 'off') {
    // Deactivated (or turned off by a write that raced the index): nobody to write to, the entry leaves the index.
    await moveQuietly(moveEntryItem(scope, staff, undefined, undefined), log);
    run.dropped += 1;
    return;
  }
  const today = localDay(now, settings.timeZone);
  const tomorrow = nextCoachDigestAt(now, settings);
  const since = staff.digestSince ?? new Date(now.getTime() - 86_400_000).toISOString();
  const [programs, activity] = await Promise.all([activePrograms(scope, staff.userId), activitySince(scope, staff.userId, since, now)]);
  // Activity of a program not active now (paused since, or today): its program item, in one BatchGet, when there is any.
  const listed = new Set(programs.map((p) => p.programId));
  const unlisted = [...new Set(activity.items.map((a) => a.activity.programId))].filter((id) => !listed.has(id)).slice(0, 100);
  const others = (await getItems(unlisted.map((id) => keys.program(scope, id)))).map((i) => withoutKeys<Program>(i)!);
  run.itemsRead += programs.length + activity.items.length + others.length;
  const content = coachDigestContent([...programs, ...others], activity.items, coachDigestPolicy(tenant), staff.userId, now);
  const moved = moveEntryItem(scope, staff, tomorrow, now.toISOString());
  if (!content) {
    // Nothing happened and nothing stalls: no email, and tomorrow's digest starts from now.
    run.quiet += (await moveQuietly(moved, log)) ? 1 : 0;
    return;
  }
  if (activity.more) log.warn('a coach digest read its activity limit; the rest is not in it', { userId: staff.userId, limit: MAX_ACTIVITY_READ });
  const unsubscribe = withUnsubscribeLink(scope, coachDigestEmail(tenant, staff, today, content), { list: 'coach-digest', recipientId: staff.userId, locale: tenant.locale, appUrl }, now);
  const email = unsubscribe.message;
  try {
    await transact([queueEmailItem(scope, email, now), moved, unsubscribe.item]);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    run.deferred += 1;
    // Today's digest went out already (its hour was changed after it): the entry moves on, the activity waits for tomorrow's.
    if (error.failed.includes(0) && !error.failed.includes(1)) await moveQuietly(moveEntryItem(scope, staff, tomorrow, undefined), log);
    return;
  }
  await sendNow(scope, email, now, log, undefined, unsubscribe.token);
  run.digests += 1;
}
