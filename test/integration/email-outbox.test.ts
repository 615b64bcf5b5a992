import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tick } from '../../infra/local/scheduler.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import { KEEP_EMAIL_DAYS, LEASE_SECONDS, pendingEmailKeys, queueEmailItem } from '../../shared/email/outbox.js';
import type { EmailMessage } from '../../shared/email/message.js';
import { newId } from '../../shared/ids.js';
import { sendMessages } from '../../shared/queues/send.js';
import { unique } from '../support/factories.js';
import { emailsTo } from '../support/inbox.js';
import { useLocalQueues } from '../support/queues.js';

let clock = Date.UTC(2026, 11, 1);
const queues = useLocalQueues({ clock: () => clock });

/** A tenant in the registry with one email in its outbox, as a sign-up whose send failed leaves it. */
async function tenantWithQueuedEmail(now: Date, claimed: boolean, overrides: Partial<EmailMessage> = {}) {
  const scope = tenantScope(newId());
  const to = `outbox-${unique()}@firm.example`;
  const message: EmailMessage = { idempotencyKey: `test#${unique()}`, kind: 'test', to, subject: 'Queued', text: 'Hello', html: '<p>Hello</p>', fromName: 'Waymark', ...overrides };
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: { ...platformKeys.tenantRegistry(scope.tenantId), tenantId: scope.tenantId } } },
        queueEmailItem(scope, message, now, claimed),
      ],
    }),
  );
  return { scope, to, message };
}

const at = (iso: string) => new Date(iso);
const emailItem = async (scope: ReturnType<typeof tenantScope>, key: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.email(scope, key), ConsistentRead: true }))).Item!;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

describe('the outbox, on the tick’s fan-out (tenant-tick, then the tenant-sweep queue)', () => {
  it('sends a queued email once, however often the schedule fires', async () => {
    const { scope, to, message } = await tenantWithQueuedEmail(at('2026-12-01T06:59:00Z'), false);
    const [first] = await tick(at('2026-12-01T07:00:00Z'));
    expect(first).toMatchObject({ schedule: 'tenant-tick', ok: true, queues: { failed: 0, movedToDeadLetters: 0 } });
    expect(first!.queues!.done).toBeGreaterThanOrEqual(1);
    expect(await emailsTo(to)).toHaveLength(1);
    expect(await pendingEmailKeys(scope)).toEqual([]);

    await tick(at('2026-12-01T07:15:00Z'));
    expect(await emailsTo(to)).toHaveLength(1);
    const item = await emailItem(scope, message.idempotencyKey);
    expect(item).toMatchObject({ status: 'sent', attempts: 1 });
    expect(item.GSI1PK).toBeUndefined();
  });

  it('keeps a sent email as a record only: no bodies, and it expires KEEP_EMAIL_DAYS after sending', async () => {
    const { scope, to, message } = await tenantWithQueuedEmail(at('2026-12-03T06:59:00Z'), false);
    const queued = await emailItem(scope, message.idempotencyKey);
    expect(queued.expiresAt).toBe(epoch(at('2026-12-03T06:59:00Z')) + KEEP_EMAIL_DAYS * 86_400);

    await tick(at('2026-12-03T07:00:00Z'), ['tenant-tick']);
    expect(await emailsTo(to)).toHaveLength(1);
    const sent = await emailItem(scope, message.idempotencyKey);
    expect(sent).toMatchObject({ status: 'sent', kind: 'test', to, subject: 'Queued', sentAt: '2026-12-03T07:00:00.000Z', expiresAt: epoch(at('2026-12-03T07:00:00Z')) + KEEP_EMAIL_DAYS * 86_400 });
    expect(sent.messageId).toEqual(expect.any(String));
    expect(sent.text).toBeUndefined();
    expect(sent.html).toBeUndefined();
  });

  it('sends an email whose text holds a lone surrogate (stored before validation), with U+FFFD in its place', async () => {
    // Before: the SDK threw "URI malformed" on every attempt, and its next request of that client carried leftovers.
    const { scope, to, message } = await tenantWithQueuedEmail(at('2026-12-04T06:59:00Z'), false, { subject: 'Hello \ud800 Olga', text: 'Hello \udc00 Olga' });
    const other = await tenantWithQueuedEmail(at('2026-12-04T06:59:00Z'), false);
    await tick(at('2026-12-04T07:00:00Z'), ['tenant-tick']);
    const [mail] = await emailsTo(to);
    expect(mail).toMatchObject({ subject: 'Hello Olga', body: { text: 'Hello \ufffd Olga' } });
    expect(await emailItem(scope, message.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await emailsTo(other.to)).toHaveLength(1);
  });

  it('sends once when the same tick is delivered twice at the same moment', async () => {
    const { to } = await tenantWithQueuedEmail(at('2026-12-01T07:59:00Z'), false);
    await Promise.all([tick(at('2026-12-01T08:00:00Z'), ['tenant-tick']), tick(at('2026-12-01T08:00:00Z'), ['tenant-tick'])]);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it('leaves an email alone while its sender holds the lease, and sends it once the lease lapses', async () => {
    const queuedAt = at('2026-12-02T09:00:00Z');
    const { to } = await tenantWithQueuedEmail(queuedAt, true);
    await tick(new Date(queuedAt.getTime() + 60_000), ['tenant-tick']);
    expect(await emailsTo(to)).toHaveLength(0);

    await tick(new Date(queuedAt.getTime() + (LEASE_SECONDS + 60) * 1000), ['tenant-tick']);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it('runs only when due: rate(15 minutes) is not due at 08:03', async () => {
    expect(await tick(at('2026-12-01T08:03:00Z'))).toEqual([]);
  });

  it('a message the worker cannot take fails alone: the batch’s tenant is swept, the bad one ends in the dead-letter queue', async () => {
    const { scope, to } = await tenantWithQueuedEmail(at('2026-12-05T06:59:00Z'), false);
    await sendMessages('tenant-sweep', [{ tenantId: 'not-a-tenant', tickAt: '2026-12-05T07:00:00Z' }, { tenantId: scope.tenantId, tickAt: '2026-12-05T07:00:00Z' }]);
    const first = await queues().drain();
    expect(first).toMatchObject({ received: 2, done: 1, failed: 1 });
    for (let i = 0; i < 5; i += 1) {
      clock += 721_000;
      await queues().drain();
    }
    expect(queues().inspect('tenant-sweep').deadLetters.map((m) => (JSON.parse(m.body) as { tenantId: string }).tenantId)).toEqual(['not-a-tenant']);
    // The good message of the same batch was swept once, its email sent once.
    expect(await emailsTo(to)).toHaveLength(1);
  });
});
