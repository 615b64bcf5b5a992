import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, tableName } from '../db/client.js';
import { keys, type TenantScope } from '../db/keys.js';
import { ConditionFailed, setFields, transact, type TransactItem } from '../db/transact.js';
import { redactAddresses, type Logger } from '../log.js';
import { LINK_TOKEN_PLACEHOLDER, MAILING_LISTS, RAW_LINK_TOKEN, UNSUBSCRIBE_TOKEN_PLACEHOLDER, withLinkToken, type EmailLink, type EmailMessage } from './message.js';
import { isReissuable, readLink, reissueLinkItems, unsubscribeAsLink } from './relink.js';
import { readSuppression, suppressedFor } from './suppression.js';

/**
 * The email outbox. An email is first written as an item keyed by its idempotency key (with a condition, so the
 * same key is never queued twice) in the same transaction as the change that causes it; then it is sent; then
 * marked sent, which removes it from the outbox index. Whoever sends holds a short lease, so a schedule or queue
 * that delivers twice cannot send twice, and an interrupted send is retried by the outbox schedule after the lease.
 *
 * No item holds a link's secret: bodies carry a placeholder that the sender fills in with the token it holds, and a
 * retry, which holds none, sends a freshly issued link instead. A failed attempt pushes the next one further out;
 * after MAX_ATTEMPTS the email is marked failed and leaves the outbox. Bodies are removed once an email is done, and
 * every email record expires KEEP_EMAIL_DAYS after it was queued or finished.
 */
export const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 5;
export const KEEP_EMAIL_DAYS = 90;
const KEEP_EMAIL_SECONDS = KEEP_EMAIL_DAYS * 86_400;

/** How long to wait after failed attempt `attempt` (1-based) before the next: 5, 10, 20, 40 minutes. */
export const backoffSeconds = (attempt: number): number => 300 * 2 ** (Math.max(1, attempt) - 1);

/** `suppressed`: an email of a list to an address on the firm's suppression list (the record says why). */
export type EmailStatus = 'queued' | 'sent' | 'failed' | 'cancelled' | 'suppressed';

export interface QueuedEmail extends EmailMessage {
  status: EmailStatus;
  queuedAt: string;
  /** Epoch seconds: nobody else may try to send before then (a sender's lease, or the backoff after a failure). */
  leaseUntil: number;
  attempts: number;
  /** TTL, epoch seconds. */
  expiresAt: number;
  lastError?: string;
}

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** An error as it may be stored and logged: name and message, without email addresses (SES names them). */
export function describeError(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  return redactAddresses(`${e.name}: ${e.message}`).slice(0, 300);
}

/**
 * The outbox item for a transaction. `claimed`: the writer will send it right after the transaction commits,
 * so it starts under the writer's lease and the outbox schedule leaves it alone unless the writer fails.
 */
export function queueEmailItem(scope: TenantScope, message: EmailMessage, now: Date, claimed = true): TransactItem {
  const { idempotencyKey, kind, to, subject, html, text, fromName, replyTo, link, unsubscribe } = message;
  if ([subject, html, text].some((part) => RAW_LINK_TOKEN.test(part))) {
    throw new Error(`email ${idempotencyKey} holds a raw link token; render it with the link placeholder`);
  }
  if (link && !text.includes(LINK_TOKEN_PLACEHOLDER)) throw new Error(`email ${idempotencyKey} has a link but no place for it`);
  if (unsubscribe && !text.includes(UNSUBSCRIBE_TOKEN_PLACEHOLDER)) throw new Error(`email ${idempotencyKey} has an unsubscribe link but no place for it`);
  const queuedAt = now.toISOString();
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.email(scope, idempotencyKey),
        ...keys.outbox(scope, queuedAt, idempotencyKey),
        type: 'Email',
        ...{ idempotencyKey, kind, to, subject, html, text, fromName, replyTo, link, unsubscribe },
        status: 'queued',
        queuedAt,
        leaseUntil: claimed ? epochSeconds(now) + LEASE_SECONDS : 0,
        attempts: claimed ? 1 : 0,
        expiresAt: epochSeconds(now) + KEEP_EMAIL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Takes the lease on a queued email; returns it, or undefined when it is done or someone else holds the lease. */
export async function claimEmail(scope: TenantScope, idempotencyKey: string, now: Date): Promise<QueuedEmail | undefined> {
  try {
    const result = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.email(scope, idempotencyKey),
        UpdateExpression: 'SET leaseUntil = :until, attempts = attempts + :one',
        ConditionExpression: '#status = :queued AND leaseUntil < :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':queued': 'queued',
          ':now': epochSeconds(now),
          ':until': epochSeconds(now) + LEASE_SECONDS,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as QueuedEmail;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/**
 * Ends an email: out of the outbox, bodies gone, kept KEEP_EMAIL_DAYS as a record. With `lease`, only while the
 * caller still holds it; marking sent is unconditional (whatever happened meanwhile, SES has accepted it).
 */
async function finish(scope: TenantScope, key: string, lease: number | undefined, fields: Record<string, unknown>, now: Date): Promise<boolean> {
  const set = setFields({ ...fields, expiresAt: epochSeconds(now) + KEEP_EMAIL_SECONDS });
  const held: { ConditionExpression?: string; names: Record<string, string>; values: Record<string, unknown> } =
    lease === undefined
      ? { names: {}, values: {} }
      : { ConditionExpression: '#status = :queued AND leaseUntil = :lease', names: { '#status': 'status' }, values: { ':queued': 'queued', ':lease': lease } };
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.email(scope, key),
        UpdateExpression: `${set.UpdateExpression} REMOVE GSI1PK, GSI1SK, #text, #html`,
        ...(held.ConditionExpression ? { ConditionExpression: held.ConditionExpression } : {}),
        ExpressionAttributeNames: { ...set.names, '#text': 'text', '#html': 'html', ...held.names },
        ExpressionAttributeValues: { ...set.values, ...held.values },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false; // the lease lapsed: the next holder decides
    throw error;
  }
}

/**
 * Sends an email whose lease the caller holds, with its link tokens in place, then marks it sent. An email of a list
 * (one with an unsubscribe link) first reads the address's suppression entry (one GetItem): a suppressed one is not
 * sent but ends as `suppressed`, with the reason, and leaves the outbox for good.
 */
async function sendClaimed(scope: TenantScope, message: EmailMessage, tokens: { link?: string; unsubscribe?: string }, now: Date): Promise<'sent' | 'suppressed'> {
  if (message.unsubscribe) {
    const reason = suppressedFor(await readSuppression(scope, message.to), message.unsubscribe.list);
    if (reason) {
      await finish(scope, message.idempotencyKey, undefined, { status: 'suppressed', suppressedAt: now.toISOString(), reason }, now);
      return 'suppressed';
    }
  }
  // The SES client loads with the first email a function sends, not with every cold start of it.
  const { sendThroughSes } = await import('./ses.js');
  const outgoing = withLinkToken(message, tokens.link, tokens.unsubscribe);
  // SES hands the tags back with a bounce or complaint: which firm, which kind, and (a list's) which recipient.
  const recipient: Record<string, string> = message.unsubscribe ? { recipient: `${MAILING_LISTS[message.unsubscribe.list]}.${message.unsubscribe.recipientId}` } : {};
  const messageId = await sendThroughSes({ ...outgoing, date: now, tags: { tenant: scope.tenantId, kind: message.kind, ...recipient } });
  await finish(scope, message.idempotencyKey, undefined, { status: 'sent', sentAt: now.toISOString(), messageId }, now);
  return 'sent';
}

export type FailureOutcome = 'retrying' | 'failed';

/** Records a failed attempt under the caller's lease: the next waits longer; the last one marks the email failed. */
export async function recordFailure(scope: TenantScope, email: { idempotencyKey: string; attempts: number; leaseUntil: number }, error: unknown, now: Date): Promise<FailureOutcome> {
  const lastError = describeError(error);
  if (email.attempts >= MAX_ATTEMPTS) {
    await finish(scope, email.idempotencyKey, email.leaseUntil, { status: 'failed', failedAt: now.toISOString(), lastError }, now);
    return 'failed';
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.email(scope, email.idempotencyKey),
        UpdateExpression: 'SET leaseUntil = :next, lastError = :error',
        ConditionExpression: '#status = :queued AND leaseUntil = :lease',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':next': epochSeconds(now) + backoffSeconds(email.attempts), ':error': lastError, ':queued': 'queued', ':lease': email.leaseUntil },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  return 'retrying';
}

/**
 * Sends an email just queued under the caller's lease (queueEmailItem with `claimed`, at the same `now`), with the
 * token of its link if it has one. A failure leaves it to the outbox schedule, never to the user.
 */
export async function sendNow(scope: TenantScope, message: EmailMessage, now: Date, log: Logger, token?: string, unsubscribeToken?: string): Promise<'sent' | 'queued' | 'suppressed'> {
  try {
    return await sendClaimed(scope, message, { link: token, unsubscribe: unsubscribeToken }, now);
  } catch (error) {
    log.warn('email not sent now; the outbox schedule retries it', { tenantId: scope.tenantId, kind: message.kind, key: message.idempotencyKey, error: describeError(error) });
    await recordFailure(scope, { idempotencyKey: message.idempotencyKey, attempts: 1, leaseUntil: epochSeconds(now) + LEASE_SECONDS }, error, now).catch((recordError: unknown) =>
      log.warn('could not record the failed attempt; the lease lapses instead', { key: message.idempotencyKey, error: describeError(recordError) }),
    );
    return 'queued';
  }
}

/** Keys of this tenant's unsent emails, oldest first (reads only the sparse outbox index). */
export async function pendingEmailKeys(scope: TenantScope): Promise<string[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.outboxPartition(scope) },
    ProjectionExpression: 'SK',
  });
  return items.map((item) => String(item.SK));
}

export type DeliveryResult = 'sent' | 'skipped' | 'cancelled' | 'suppressed' | FailureOutcome;

export interface Delivery {
  key: string;
  kind?: string;
  result: DeliveryResult;
  attempts?: number;
  /** Why it failed or was cancelled (no addresses). */
  reason?: string;
}

/**
 * The link of an email being retried: a fresh one (the old secret is gone), or undefined when the old link no
 * longer works (used, revoked, expired, its invitation resent), which makes the email pointless.
 */
async function relink(scope: TenantScope, email: QueuedEmail, link: EmailLink, field: 'link' | 'unsubscribe', now: Date): Promise<{ token: string; hash: string } | 'gone' | 'lost'> {
  const old = await readLink(scope, link.hash);
  if (!isReissuable(old, link.purpose, now)) return 'gone';
  const reissue = reissueLinkItems(scope, { ...email, link }, old, now, field);
  try {
    await transact(reissue.items);
  } catch (error) {
    if (error instanceof ConditionFailed) return error.failed.includes(reissue.emailItem) ? 'lost' : 'gone';
    throw error;
  }
  return { token: reissue.token, hash: reissue.link.hash };
}

/** One attempt at one email of the outbox, if its lease has lapsed. */
export async function deliverOne(scope: TenantScope, key: string, now: Date): Promise<Delivery> {
  const email = await claimEmail(scope, key, now);
  if (!email) return { key, result: 'skipped' };
  const about = { key, kind: email.kind, attempts: email.attempts };
  if (email.attempts > MAX_ATTEMPTS) {
    // Earlier attempts died without recording anything (the lease lapsed each time): give up all the same.
    await finish(scope, key, email.leaseUntil, { status: 'failed', failedAt: now.toISOString(), lastError: email.lastError ?? 'attempts used up' }, now);
    return { ...about, result: 'failed', reason: email.lastError ?? 'attempts used up' };
  }
  try {
    let message: EmailMessage = email;
    const tokens: { link?: string; unsubscribe?: string } = {};
    // Each link the email carries (its page, its unsubscribe link) is issued afresh: the first send took the secrets.
    for (const field of ['link', 'unsubscribe'] as const) {
      const link = field === 'link' ? message.link : message.unsubscribe && unsubscribeAsLink(message.unsubscribe);
      if (!link) continue;
      const fresh = await relink(scope, email, link, field, now);
      if (fresh === 'lost') return { ...about, result: 'skipped' };
      if (fresh === 'gone') {
        await finish(scope, key, email.leaseUntil, { status: 'cancelled', cancelledAt: now.toISOString(), reason: 'link-unusable' }, now);
        return { ...about, result: 'cancelled', reason: 'its link no longer works' };
      }
      tokens[field] = fresh.token;
      message = field === 'link' ? { ...message, link: { ...link, hash: fresh.hash } } : { ...message, unsubscribe: { ...message.unsubscribe!, hash: fresh.hash } };
    }
    const result = await sendClaimed(scope, message, tokens, now);
    return { ...about, result, ...(result === 'suppressed' ? { reason: 'the address is on the suppression list' } : {}) };
  } catch (error) {
    return { ...about, result: await recordFailure(scope, email, error, now), reason: describeError(error) };
  }
}

/** Delivers every unsent email of a tenant whose lease has lapsed. Safe to run twice at once. */
export async function deliverPending(scope: TenantScope, now: Date, report: (delivery: Delivery) => void = () => {}): Promise<Record<DeliveryResult, number>> {
  const run: Record<DeliveryResult, number> = { sent: 0, skipped: 0, retrying: 0, failed: 0, cancelled: 0, suppressed: 0 };
  for (const key of await pendingEmailKeys(scope)) {
    const delivery = await deliverOne(scope, key, now);
    run[delivery.result] += 1;
    report(delivery);
  }
  return run;
}
