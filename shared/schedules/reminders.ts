import { queryAll, tableName } from '../db/client.js';
import { getItems } from '../db/coaching.js';
import { keys, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys, type TransactItem } from '../db/transact.js';
import type { Action, Program, Session } from '../domain/coaching.js';
import { digestSettings, localDay, nextActionReminder, nextDigestAt, plusDays, startOfLocalDay } from '../domain/reminders.js';
import type { Tenant } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { reminderDigestEmail, type DigestContent } from '../email/templates/reminders.js';
import { withUnsubscribeLink } from '../email/unsubscribe.js';
import type { Logger } from '../log.js';
import { clientLinkFor } from '../coaching/programs.js';

/**
 * The client reminder digests of one tenant at one tick. Reads only what is due: the sparse "due" index up to now
 * (each action or session there is due exactly when its reminder is), then the programs those belong to and the firm
 * in one BatchGet. Per program one digest a day (its idempotency key names the program and the client's local day),
 * written with a fresh client link and each reminder's next time (or its end) in one transaction, then sent. A tick
 * or message delivered twice finds nothing due the second time, or the digest's key taken.
 */
export interface ReminderRun {
  /** Index entries read: what was due. */
  due: number;
  digests: number;
  /** Programs whose digest was sent already today (their reminders move to tomorrow), or that changed meanwhile. */
  deferred: number;
  /** Reminders dropped: the program is not active, or the client is archived or has reminders off. */
  dropped: number;
}

/** Reminders in one digest (and one transaction): more than this of one program go out with the next day's. */
export const MAX_DIGEST_ITEMS = 30;
/** Items per transaction when reminders only move (DynamoDB takes 100). */
const MOVE_CHUNK = 90;

/** Runs the updates in transactions of MOVE_CHUNK; a chunk that fails is left for the next tick (it is still due). */
async function moveAll(updates: TransactItem[], log: Logger, what: string): Promise<void> {
  for (let i = 0; i < updates.length; i += MOVE_CHUNK) {
    await transact(updates.slice(i, i + MOVE_CHUNK)).catch((error: unknown) => log.warn(`could not ${what}; the next tick tries again`, { error }));
  }
}

/** Everything due up to now: the sparse index only, page by page. */
const dueEntries = (scope: TenantScope, now: Date): Promise<Record<string, unknown>[]> =>
  queryAll({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :now',
    ExpressionAttributeValues: { ':pk': keys.dueRemindersPartition(scope), ':now': `${now.toISOString()}~` },
  });

/** Moves an action's reminder on (or ends it), held to the action being as it was read. */
function actionReminderItem(scope: TenantScope, action: Action, sent: number, next: Date | undefined): TransactItem {
  const base = { TableName: tableName(), Key: keys.action(scope, action.programId, action.actionId) };
  const held = { ConditionExpression: 'version = :v AND remindAt = :old', ExpressionAttributeValues: { ':v': action.version, ':old': action.remindAt, ':sent': sent } };
  if (!next) return { Update: { ...base, UpdateExpression: 'SET remindersSent = :sent REMOVE remindAt, GSI2PK, GSI2SK', ...held } };
  const entry = keys.dueReminder(scope, next.toISOString(), action.programId, action.actionId);
  return {
    Update: {
      ...base,
      UpdateExpression: 'SET remindersSent = :sent, remindAt = :at, GSI2SK = :sk',
      ...held,
      ExpressionAttributeValues: { ...held.ExpressionAttributeValues, ':at': next.toISOString(), ':sk': entry.GSI2SK },
    },
  };
}

/** Ends (or moves) a session's post-session prompt, held to it being as it was read. */
function sessionPromptItem(scope: TenantScope, session: Session, next: Date | undefined): TransactItem {
  const base = { TableName: tableName(), Key: keys.session(scope, session.programId, session.sessionId), ConditionExpression: 'promptAt = :old' };
  if (!next) return { Update: { ...base, UpdateExpression: 'REMOVE promptAt, GSI2PK, GSI2SK', ExpressionAttributeValues: { ':old': session.promptAt } } };
  const entry = keys.dueReminder(scope, next.toISOString(), session.programId, session.sessionId);
  return { Update: { ...base, UpdateExpression: 'SET promptAt = :at, GSI2SK = :sk', ExpressionAttributeValues: { ':old': session.promptAt, ':at': next.toISOString(), ':sk': entry.GSI2SK } } };
}

export async function sendDueReminders(scope: TenantScope, now: Date, deps: { appUrl: string; log: Logger }): Promise<ReminderRun> {
  const run: ReminderRun = { due: 0, digests: 0, deferred: 0, dropped: 0 };
  const entries = await dueEntries(scope, now);
  run.due = entries.length;
  if (entries.length === 0) return run;

  const programIds = [...new Set(entries.map((e) => String(e.programId)))];
  const loaded = await getItems([keys.tenant(scope), ...programIds.map((id) => keys.program(scope, id))]);
  const tenant = withoutKeys<Tenant>(loaded.find((i) => i.type === 'Tenant'));
  if (!tenant || tenant.status !== 'active') return run;
  const programs = new Map(loaded.filter((i) => i.type === 'Program').map((i) => [String(i.programId), withoutKeys<Program>(i)!]));

  for (const programId of programIds) {
    const program = programs.get(programId);
    const all = entries.filter((e) => e.programId === programId);
    const items = all.slice(0, MAX_DIGEST_ITEMS);
    const later = all.slice(MAX_DIGEST_ITEMS);
    const actions = items.filter((i) => i.type === 'Action').map((i) => withoutKeys<Action>(i)!);
    const sessions = items.filter((i) => i.type === 'Session').map((i) => withoutKeys<Session>(i)!);
    const settings = program ? digestSettings(tenant.reminderPolicy, program.client) : undefined;
    // Paused, completed and archived programs send no reminders, nor do archived clients or clients who chose none.
    const live = program && settings && program.status === 'active' && program.client.status !== 'archived' && settings.frequency !== 'off';
    if (!program || !settings || !live) {
      // Nobody to remind: the entries leave the index, so no later sweep reads them again.
      const gone = all.map((i) => withoutKeys<Action & Session>(i)!);
      await moveAll(gone.map((i) => (i.actionId ? actionReminderItem(scope, i, i.remindersSent ?? 0, undefined) : sessionPromptItem(scope, i, undefined))), deps.log, 'drop reminders nobody receives');
      run.dropped += all.length;
      continue;
    }
    const today = localDay(now, settings.timeZone);
    const tomorrow = nextDigestAt(startOfLocalDay(plusDays(today, 1), settings.timeZone), settings);
    const moveToTomorrow = (list: Record<string, unknown>[]) =>
      list.map((i) => withoutKeys<Action & Session>(i)!).map((i) => (i.actionId ? actionReminderItem(scope, i, i.remindersSent ?? 0, tomorrow) : sessionPromptItem(scope, i, tomorrow)));
    // More than one digest holds: the rest goes with tomorrow's.
    if (later.length) await moveAll(moveToTomorrow(later), deps.log, 'move reminders to tomorrow');
    const content: DigestContent = { programTitle: program.title, capture: [], dueSoon: [], overdue: [] };
    const updates: TransactItem[] = [];
    for (const action of actions) {
      const index = action.remindersSent ?? 0;
      (index === 0 ? content.dueSoon : content.overdue).push({ actionId: action.actionId, title: action.title, dueDate: action.dueDate ?? '' });
      const next = nextActionReminder(action, index + 1, settings, new Date(now.getTime() + 60_000));
      updates.push(actionReminderItem(scope, action, next ? next.index : index + 1, next?.at));
    }
    for (const session of sessions) {
      content.capture.push({ number: session.number });
      updates.push(sessionPromptItem(scope, session, undefined));
    }
    const link = clientLinkFor(scope, program, now);
    const digest = reminderDigestEmail(tenant, program.client, { key: `reminders#${programId}#${today}`, programId, content }, link, deps.appUrl);
    const unsubscribe = withUnsubscribeLink(scope, digest, { list: 'reminders', recipientId: program.clientId, locale: program.client.locale, appUrl: deps.appUrl }, now);
    const email = unsubscribe.message;
    try {
      await transact([queueEmailItem(scope, email, now), link.item, unsubscribe.item, ...updates]);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      run.deferred += 1;
      // Today's digest of this program went out already: what is due now goes with tomorrow's.
      if (error.failed.includes(0)) await moveAll(moveToTomorrow(items), deps.log, 'move reminders to tomorrow');
      // Otherwise an action changed since it was read: the next tick reads it again, as it is now.
      continue;
    }
    await sendNow(scope, email, now, deps.log, link.token, unsubscribe.token);
    run.digests += 1;
  }
  return run;
}
