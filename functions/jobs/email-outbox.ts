import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { tenantScope } from '../../shared/db/keys.js';
import { listTenantIds } from '../../shared/db/tenants.js';
import { deliverPending, type OutboxRun } from '../../shared/email/outbox.js';
import { createLogger } from '../../shared/log.js';

/**
 * Scheduled: sends every email that is still in a tenant's outbox after its lease lapsed (SES failed, or the
 * sender died after queueing). The instant comes from the event, so a tick for a given time is reproducible.
 */
export const handler = middy<ScheduledEvent, OutboxRun & { tenants: number }>().handler(async (event, context) => {
  const now = new Date(event.time);
  const log = createLogger({ requestId: context.awsRequestId, job: 'email-outbox', tickAt: event.time });
  const total = { tenants: 0, sent: 0, skipped: 0, failed: 0 };
  for (const tenantId of await listTenantIds()) {
    const run = await deliverPending(tenantScope(tenantId), now, (key, error) =>
      log.error('email not sent; it stays in the outbox', { tenantId, key, error }),
    );
    total.tenants += 1;
    total.sent += run.sent;
    total.skipped += run.skipped;
    total.failed += run.failed;
  }
  log.info('outbox run', total);
  return total;
});
