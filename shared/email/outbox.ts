import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, tableName } from '../db/client.js';
import { keys, type TenantScope } from '../db/keys.js';
import type { TransactItem } from '../db/transact.js';
import type { Logger } from '../log.js';
import type { EmailMessage } from './message.js';
import { sendThroughSes } from './ses.js';

/**
 * The email outbox. An email is first written as an item keyed by its idempotency key (with a condition, so the
 * same key is never queued twice) in the same transaction as the change that causes it; then it is sent; then
 * marked sent, which removes it from the outbox index. Whoever sends holds a short lease, so a schedule or queue
 * that delivers twice cannot send twice, and an interrupted send is retried by the outbox schedule after the lease.
 */
export const LEASE_SECONDS = 120;


export interface QueuedEmail extends EmailMessage {
  status: 'queued' | 'sent';
  queuedAt: string;
  leaseUntil: number;
  attempts: number;
}

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * The outbox item for a transaction. `claimed`: the writer will send it right after the transaction commits,
 * so it starts under the writer's lease and the outbox schedule leaves it alone unless the writer fails.
 */
export function queueEmailItem(scope: TenantScope, message: EmailMessage, now: Date, claimed = true): TransactItem {
  const queuedAt = now.toISOString();
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.email(scope, message.idempotencyKey),
        ...keys.outbox(scope, queuedAt, message.idempotencyKey),
        type: 'Email',
        ...message,
        status: 'queued',
        queuedAt,
        leaseUntil: claimed ? epochSeconds(now) + LEASE_SECONDS : 0,
        attempts: claimed ? 1 : 0,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Takes the lease on a queued email; returns it, or undefined when it is sent or someone else holds the lease. */
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

/** Sends an email whose lease the caller holds, then marks it sent (which takes it out of the outbox). */
export async function sendClaimed(scope: TenantScope, message: EmailMessage, now: Date): Promise<string> {
  const messageId = await sendThroughSes(message);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.email(scope, message.idempotencyKey),
      UpdateExpression: 'SET #status = :sent, sentAt = :at, messageId = :id REMOVE GSI1PK, GSI1SK',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': now.toISOString(), ':id': messageId },
    }),
  );
  return messageId;
}

/** Sends an email queued under the caller's lease; a failure leaves it to the outbox schedule, never to the user. */
export async function sendNow(scope: TenantScope, message: EmailMessage, now: Date, log: Logger): Promise<'sent' | 'queued'> {
  try {
    await sendClaimed(scope, message, now);
    return 'sent';
  } catch (error) {
    log.warn('email not sent now; the outbox schedule retries it', { tenantId: scope.tenantId, kind: message.kind, error });
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

export interface OutboxRun {
  sent: number;
  skipped: number;
  failed: number;
}

/** Delivers every unsent email of a tenant whose lease has lapsed. Safe to run twice at once. */
export async function deliverPending(scope: TenantScope, now: Date, onFailure: (key: string, error: unknown) => void): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, skipped: 0, failed: 0 };
  for (const key of await pendingEmailKeys(scope)) {
    const claimed = await claimEmail(scope, key, now);
    if (!claimed) {
      run.skipped += 1;
      continue;
    }
    try {
      await sendClaimed(scope, claimed, now);
      run.sent += 1;
    } catch (error) {
      run.failed += 1;
      onFailure(key, error);
    }
  }
  return run;
}
