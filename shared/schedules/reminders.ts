import { queryAll, tableName } from '../db/client.js';
import { getItems } from '../db/coaching.js';
import { keys, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys, type TransactItem } from '../db/transact.js';
import type { Action, Program, Session } from '../domain/coaching.js';
import { invitationDueAt, nextScheduledRound, type AssessmentCadence } from '../domain/assessments.js';
import { programRuns } from '../domain/program.js';
import { digestRecipient, digestSettings, localDay, nextActionReminder, nextDigestAt, plusDays, reminderKindsOn, startOfLocalDay, type DigestRecipient, type DigestSettings } from '../domain/reminders.js';
import type { Tenant } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { reminderDigestEmail, type DigestContent } from '../email/templates/reminders.js';
import { withUnsubscribeLink } from '../email/unsubscribe.js';
import type { Logger } from '../log.js';
import { clientLinkFor } from '../coaching/programs.js';

/**
 * The client reminder digests of one tenant at one tick. Reads only what is due: the sparse "due" index up to now
 * (each action, session or invitation to assess there is due exactly when its reminder is). Each entry carries a copy of its digest's
 * recipient (DigestRecipient: the client and the program as the digest needs them), so in the usual case nothing else
 * is read: the firm comes with the tick's message, and the digest's transaction checks that the program is still at
 * the version the copy was made from. A program whose copy is missing, stale or says it takes no reminders is read
 * instead. Per program one digest a day (its idempotency key names the program and the client's local day), written
 * with a fresh client link and each reminder's next time (or its end) in one transaction, then sent. A tick or
 * message delivered twice finds nothing due the second time, or the digest's key taken.
 */
export interface ReminderRun {
  /** Index entries read: what was due. */
  due: number;
  digests: number;
  /** Programs whose digest was sent already today (their reminders move to tomorrow), or that changed meanwhile. */
  deferred: number;
  /** Reminders dropped: the program is not active, or the client is archived or has reminders off. */
  dropped: number;
  /** Reminders of a kind the firm or the program turned off: moved on (or ended) without being sent. */
  silenced: number;
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

/** What the client's digest carries: reminders of actions, post-session prompts, invitations to assess. */
export const CLIENT_REMINDER_TYPES: readonly string[] = ['Action', 'Session', 'AssessmentInvitation'];

/** Everything due up to now: the sparse index only, page by page. */
export const dueEntries = (scope: TenantScope, now: Date): Promise<Record<string, unknown>[]> =>
  queryAll({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :now',
    ExpressionAttributeValues: { ':pk': keys.dueRemindersPartition(scope), ':now': `${now.toISOString()}~` },
  });

/** Moves an action's reminder on (or ends it), held to the action being as it was read; the recipient's copy is renewed. */
function actionReminderItem(scope: TenantScope, action: Action, sent: number, next: Date | undefined, recipient?: DigestRecipient): TransactItem {
  const base = { TableName: tableName(), Key: keys.action(scope, action.programId, action.actionId) };
  const held = { ConditionExpression: 'version = :v AND remindAt = :old', ExpressionAttributeValues: { ':v': action.version, ':old': action.remindAt, ':sent': sent } };
  if (!next) return { Update: { ...base, UpdateExpression: 'SET remindersSent = :sent REMOVE remindAt, GSI2PK, GSI2SK, digestTo', ...held } };
  const entry = keys.dueReminder(scope, next.toISOString(), action.programId, action.actionId);
  return {
    Update: {
      ...base,
      UpdateExpression: `SET remindersSent = :sent, remindAt = :at, GSI2SK = :sk${recipient ? ', digestTo = :to' : ''}`,
      ...held,
      ExpressionAttributeValues: { ...held.ExpressionAttributeValues, ':at': next.toISOString(), ':sk': entry.GSI2SK, ...(recipient ? { ':to': recipient } : {}) },
    },
  };
}

/** Ends (or moves) a session's post-session prompt, held to it being as it was read. */
function sessionPromptItem(scope: TenantScope, session: Session, next: Date | undefined, recipient?: DigestRecipient): TransactItem {
  const base = { TableName: tableName(), Key: keys.session(scope, session.programId, session.sessionId), ConditionExpression: 'promptAt = :old' };
  if (!next) return { Update: { ...base, UpdateExpression: 'REMOVE promptAt, GSI2PK, GSI2SK, digestTo', ExpressionAttributeValues: { ':old': session.promptAt } } };
  const entry = keys.dueReminder(scope, next.toISOString(), session.programId, session.sessionId);
  return {
    Update: {
      ...base,
      UpdateExpression: `SET promptAt = :at, GSI2SK = :sk${recipient ? ', digestTo = :to' : ''}`,
      ExpressionAttributeValues: { ':old': session.promptAt, ':at': next.toISOString(), ':sk': entry.GSI2SK, ...(recipient ? { ':to': recipient } : {}) },
    },
  };
}

/** Ends an invitation to assess once the digest carrying it is written (a newer invitation, written since, stays). */
const invitationSentItem = (scope: TenantScope, invitation: { programId: string; dueAt: string }, now: Date): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.assessmentInvitation(scope, invitation.programId),
    UpdateExpression: 'SET sentAt = :now REMOVE GSI2PK, GSI2SK, digestTo',
    ConditionExpression: 'dueAt = :old',
    ExpressionAttributeValues: { ':old': invitation.dueAt, ':now': now.toISOString() },
  },
});

/**
 * Moves a sent invitation on to the program's next round, at the client's digest time that day (with reminders off, at
 * their hour all the same: the digest then drops it, and the one after may find them back on). None to come: it ends.
 */
function invitationSentOrNextItem(scope: TenantScope, entry: Record<string, unknown>, settings: DigestSettings | undefined, now: Date, recipient?: DigestRecipient): TransactItem {
  const invitation = withoutKeys<{ programId: string; dueAt: string; opensOn: string; cadence?: AssessmentCadence }>(entry)!;
  const next = invitation.cadence && settings ? nextScheduledRound(invitation.cadence, invitation.opensOn) : undefined;
  const at = next && settings ? invitationDueAt(next.opensOn, settings, now) : undefined;
  if (!next || !at) return invitationSentItem(scope, invitation, now);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.assessmentInvitation(scope, invitation.programId),
      UpdateExpression: `SET sentAt = :now, opensOn = :opens, dueAt = :at, GSI2SK = :sk${recipient ? ', digestTo = :to' : ''}`,
      ConditionExpression: 'dueAt = :old',
      ExpressionAttributeValues: {
        ':old': invitation.dueAt,
        ':now': now.toISOString(),
        ':opens': next.opensOn,
        ':at': at.toISOString(),
        ':sk': keys.dueReminder(scope, at.toISOString(), invitation.programId, 'ASSESSMENT_INVITATION').GSI2SK,
        ...(recipient ? { ':to': recipient } : {}),
      },
    },
  };
}

type DueItem = Action & Session & { type?: string; dueAt?: string };

/** An entry's end (nobody to remind), or its move to `at`. */
function endOrMove(scope: TenantScope, entry: Record<string, unknown>, at: Date | undefined, now: Date, recipient?: DigestRecipient): TransactItem {
  const item = withoutKeys<DueItem>(entry)!;
  if (entry.type === 'AssessmentInvitation') {
    if (!at) return invitationSentItem(scope, { programId: item.programId, dueAt: item.dueAt! }, now);
    const moved = keys.dueReminder(scope, at.toISOString(), item.programId, 'ASSESSMENT_INVITATION');
    return {
      Update: {
        TableName: tableName(),
        Key: keys.assessmentInvitation(scope, item.programId),
        UpdateExpression: 'SET dueAt = :at, GSI2SK = :sk',
        ConditionExpression: 'dueAt = :old',
        ExpressionAttributeValues: { ':old': item.dueAt, ':at': at.toISOString(), ':sk': moved.GSI2SK },
      },
    };
  }
  return item.actionId ? actionReminderItem(scope, item, item.remindersSent ?? 0, at, recipient) : sessionPromptItem(scope, item, at, recipient);
}

/** Holds a digest's transaction to the program being as its recipient's copy says (same version, same link generation). */
const programAsCopied = (scope: TenantScope, recipient: DigestRecipient): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.program(scope, recipient.programId),
    ConditionExpression: 'version = :v AND clientLinkGeneration = :g',
    ExpressionAttributeValues: { ':v': recipient.programVersion, ':g': recipient.clientLinkGeneration },
  },
});

/** The recipient all of a program's due entries carry, if they carry one and agree on it. */
function agreedCopy(entries: Record<string, unknown>[]): DigestRecipient | undefined {
  const copies = entries.map((e) => e.digestTo as DigestRecipient | undefined);
  const first = copies[0];
  if (!first || copies.some((c) => !c || c.programVersion !== first.programVersion || c.clientLinkGeneration !== first.clientLinkGeneration)) return undefined;
  return first;
}

const takesReminders = (r: DigestRecipient, tenant: Tenant) => r.status === 'active' && r.client.status !== 'archived' && digestSettings(tenant.reminderPolicy, r.client).frequency !== 'off';

interface Deps {
  appUrl: string;
  log: Logger;
  /** The firm, as the tick's message carries it; read from the table when the message has none. */
  tenant?: Tenant;
  /** What is due, when the sweep has read it already (every kind of scheduled work shares the due index). */
  due?: Record<string, unknown>[];
}

export async function sendDueReminders(scope: TenantScope, now: Date, deps: Deps): Promise<ReminderRun> {
  const run: ReminderRun = { due: 0, digests: 0, deferred: 0, dropped: 0, silenced: 0 };
  const entries = (deps.due ?? (await dueEntries(scope, now))).filter((e) => CLIENT_REMINDER_TYPES.includes(String(e.type)));
  run.due = entries.length;
  if (entries.length === 0) return run;

  const byProgram = new Map<string, Record<string, unknown>[]>();
  for (const entry of entries) byProgram.set(String(entry.programId), [...(byProgram.get(String(entry.programId)) ?? []), entry]);
  // A copy is trusted to send (the transaction checks it), never to drop reminders: a program that seems to take none is read.
  const copies = new Map<string, DigestRecipient>();
  for (const [programId, list] of byProgram) {
    const copy = agreedCopy(list);
    if (copy && (!deps.tenant || takesReminders(copy, deps.tenant))) copies.set(programId, copy);
  }
  const wanted = [...(deps.tenant ? [] : [keys.tenant(scope)]), ...[...byProgram.keys()].filter((id) => !copies.has(id)).map((id) => keys.program(scope, id))];
  const loaded = wanted.length ? await getItems(wanted) : [];
  const tenant = deps.tenant ?? withoutKeys<Tenant>(loaded.find((i) => i.type === 'Tenant'));
  if (!tenant || tenant.status !== 'active') return run;
  const read = new Map(loaded.filter((i) => i.type === 'Program').map((i) => [String(i.programId), digestRecipient(withoutKeys<Program>(i)!)]));

  for (const [programId, list] of byProgram) {
    const copy = read.has(programId) ? undefined : copies.get(programId);
    const recipient = read.get(programId) ?? (copy && takesReminders(copy, tenant) ? copy : undefined);
    if (!recipient && copy) {
      // The copy says nobody takes these reminders (the program paused, reminders off): make sure before dropping them.
      const [program] = await getItems([keys.program(scope, programId)]);
      await programDigest(scope, now, tenant, program ? digestRecipient(withoutKeys<Program>(program)!) : undefined, list, false, deps, run);
      continue;
    }
    const outcome = await programDigest(scope, now, tenant, recipient, list, Boolean(copy && recipient === copy), deps, run);
    if (outcome === 'stale') {
      // The copy was out of date: the program as it is now decides.
      const [program] = await getItems([keys.program(scope, programId)]);
      await programDigest(scope, now, tenant, program ? digestRecipient(withoutKeys<Program>(program)!) : undefined, list, false, deps, run);
    }
  }
  return run;
}

/**
 * One program's digest of what is due. `copied`: the recipient is the entries' copy, so the transaction checks the
 * program against it, and a failed check answers 'stale' (nothing was written; the caller reads the program).
 */
async function programDigest(
  scope: TenantScope,
  now: Date,
  tenant: Tenant,
  recipient: DigestRecipient | undefined,
  all: Record<string, unknown>[],
  copied: boolean,
  deps: Deps,
  run: ReminderRun,
): Promise<'done' | 'stale'> {
  const items = all.slice(0, MAX_DIGEST_ITEMS);
  const later = all.slice(MAX_DIGEST_ITEMS);
  const actions = items.filter((i) => i.type === 'Action').map((i) => withoutKeys<Action>(i)!);
  const sessions = items.filter((i) => i.type === 'Session').map((i) => withoutKeys<Session>(i)!);
  const settings = recipient ? digestSettings(tenant.reminderPolicy, recipient.client) : undefined;
  // Paused, completed and archived programs send no reminders, nor do archived clients or clients who chose none.
  if (!recipient || !settings || !takesReminders(recipient, tenant)) {
    // Nobody to remind: the entries leave the index, so no later sweep reads them again. An invitation to assess moves
    // on to the next round while the program may still run (paused, reminders off for now).
    const runs = !!recipient && programRuns(recipient);
    await moveAll(all.map((i) => (i.type === 'AssessmentInvitation' && runs ? invitationSentOrNextItem(scope, i, settings, now) : endOrMove(scope, i, undefined, now))), deps.log, 'drop reminders nobody receives');
    run.dropped += all.length;
    return 'done';
  }
  const programId = recipient.programId;
  const today = localDay(now, settings.timeZone);
  const tomorrow = nextDigestAt(startOfLocalDay(plusDays(today, 1), settings.timeZone), settings);
  const moveToTomorrow = (list: Record<string, unknown>[]) => list.map((i) => endOrMove(scope, i, tomorrow, now, recipient));
  const updates: TransactItem[] = [];
  const content: DigestContent = { programTitle: recipient.title, capture: [], dueSoon: [], overdue: [] };
  // A kind turned off (by the firm or for this program) is not listed; its reminders move on all the same.
  const on = reminderKindsOn(tenant.reminderPolicy, recipient.reminderKinds);
  let silenced = 0;
  for (const invitation of items.filter((i) => i.type === 'AssessmentInvitation')) {
    if (on.assessment) content.assessment = { opensOn: String(invitation.opensOn) };
    else silenced += 1;
    updates.push(invitationSentOrNextItem(scope, invitation, settings, now, recipient));
  }
  for (const action of actions) {
    const index = action.remindersSent ?? 0;
    const list = index === 0 ? (on.dueSoon ? content.dueSoon : undefined) : on.overdue ? content.overdue : undefined;
    if (list) list.push({ actionId: action.actionId, title: action.title, dueDate: action.dueDate ?? '' });
    else silenced += 1;
    const next = nextActionReminder(action, index + 1, settings, new Date(now.getTime() + 60_000));
    updates.push(actionReminderItem(scope, action, next ? next.index : index + 1, next?.at, recipient));
  }
  for (const session of sessions) {
    if (on.postSession) content.capture.push({ number: session.number });
    else silenced += 1;
    updates.push(sessionPromptItem(scope, session, undefined));
  }
  if (silenced === items.length) {
    // Nothing to say: no email, the reminders only move on.
    try {
      await transact([...updates, ...(copied ? [programAsCopied(scope, recipient)] : [])]);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (copied && error.failed.includes(updates.length)) return 'stale';
      // Changed meanwhile: the next tick reads them again.
      return 'done';
    }
    if (later.length) await moveAll(moveToTomorrow(later), deps.log, 'move reminders to tomorrow');
    run.silenced += silenced;
    return 'done';
  }
  const link = clientLinkFor(scope, recipient, now);
  const digest = reminderDigestEmail(tenant, recipient.client, { key: `reminders#${programId}#${today}`, programId, content }, link, deps.appUrl);
  const unsubscribe = withUnsubscribeLink(scope, digest, { list: 'reminders', recipientId: recipient.clientId, locale: recipient.client.locale, appUrl: deps.appUrl }, now);
  const email = unsubscribe.message;
  const together = [queueEmailItem(scope, email, now), link.item, unsubscribe.item, ...updates, ...(copied ? [programAsCopied(scope, recipient)] : [])];
  try {
    await transact(together);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (copied && error.failed.includes(together.length - 1)) return 'stale';
    run.deferred += 1;
    // Today's digest of this program went out already: what is due now goes with tomorrow's.
    if (error.failed.includes(0)) await moveAll(moveToTomorrow(all), deps.log, 'move reminders to tomorrow');
    // Otherwise an action changed since it was read: the next tick reads it again, as it is now.
    return 'done';
  }
  // More than one digest holds: the rest goes with tomorrow's.
  if (later.length) await moveAll(moveToTomorrow(later), deps.log, 'move reminders to tomorrow');
  await sendNow(scope, email, now, deps.log, link.token, unsubscribe.token);
  run.digests += 1;
  run.silenced += silenced;
  return 'done';
}
