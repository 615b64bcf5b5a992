/**
 * An email that can never be sent: SES is unreachable for this whole file (a relay that drops every connection;
 * this file runs in its own process, so no other file's SES client sees it). The outbox tries MAX_ATTEMPTS times,
 * each time waiting longer, then marks the email failed, takes it out of the outbox and says so at error level.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tick } from '../../infra/local/scheduler.js';
import { logMetrics } from '../../shared/contracts/metrics.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope, type TenantScope } from '../../shared/db/keys.js';
import type { EmailMessage } from '../../shared/email/message.js';
import { backoffSeconds, KEEP_EMAIL_DAYS, MAX_ATTEMPTS, pendingEmailKeys, queueEmailItem } from '../../shared/email/outbox.js';
import { newId } from '../../shared/ids.js';
import { unique } from '../support/factories.js';
import { emailsTo } from '../support/inbox.js';
import { useLocalQueues } from '../support/queues.js';
import { useSesSwitch } from '../support/ses-switch.js';

useLocalQueues();

const ses = useSesSwitch();

const emailItem = async (scope: TenantScope, key: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.email(scope, key), ConsistentRead: true }))).Item!;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const later = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an email that can never be sent', () => {
  it(`is tried ${MAX_ATTEMPTS} times with growing waits, then marked failed, logged with its key and never tried again`, async () => {
    ses.down();
    // Early in the year, before anything of the other files' firms is due: the ticks reach every firm of the shared
    // table, and with SES down each due email of theirs would wait out its timeouts too.
    const start = new Date('2026-01-10T07:00:00Z');
    const scope = tenantScope(newId());
    const to = `unreachable-${unique()}@firm.example`;
    const message: EmailMessage = { idempotencyKey: `test#${unique()}`, kind: 'test', to, subject: 'Never', text: 'Hello', html: '<p>Hello</p>', fromName: 'Waymark' };
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...platformKeys.tenantRegistry(scope.tenantId), tenantId: scope.tenantId } } },
          queueEmailItem(scope, message, later(start, -60), false),
        ],
      }),
    );
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });

    let now = start;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      if (attempt > 1) {
        // Not while the wait after the last failure lasts...
        await tick(later(now, backoffSeconds(attempt - 1) - 10), ['tenant-tick']);
        expect((await emailItem(scope, message.idempotencyKey)).attempts).toBe(attempt - 1);
        // ...then once.
        now = later(now, backoffSeconds(attempt - 1) + 5);
      }
      await tick(now, ['tenant-tick']);
      const item = await emailItem(scope, message.idempotencyKey);
      expect(item.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(item).toMatchObject({ status: 'queued', leaseUntil: epoch(now) + backoffSeconds(attempt) });
        expect(item.lastError).toEqual(expect.any(String));
        expect(await pendingEmailKeys(scope)).toEqual([message.idempotencyKey]);
      }
    }
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([300, 600, 1200, 2400]);

    const failed = await emailItem(scope, message.idempotencyKey);
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, failedAt: now.toISOString(), expiresAt: epoch(now) + KEEP_EMAIL_DAYS * 86_400 });
    expect(failed.GSI1PK).toBeUndefined();
    expect(failed.text).toBeUndefined();
    expect(failed.html).toBeUndefined();
    expect(await pendingEmailKeys(scope)).toEqual([]);

    // One error line, with the key and the metric the alarm counts; the address is in no line at all.
    const entries = lines.flatMap((l) => l.split('\n')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const errors = entries.filter((e) => e.key === message.idempotencyKey && e.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ metric: logMetrics.emailsFailed.name, tenantId: scope.tenantId, attempts: MAX_ATTEMPTS, kind: 'test' })]);
    expect(lines.join('')).not.toContain(to);

    // Not tried again, even with SES back.
    ses.up();
    await tick(later(now, 86_400), ['tenant-tick']);
    expect(await emailItem(scope, message.idempotencyKey)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(await emailsTo(to)).toHaveLength(0);
  });
});
