import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logMetrics, METRIC_FIELD } from '../../shared/contracts/metrics.js';
import { tenantScope } from '../../shared/db/keys.js';
import { listTenantIds } from '../../shared/db/tenants.js';
import { deliverPending, MAX_ATTEMPTS, type DeliveryResult } from '../../shared/email/outbox.js';
import { createLogger } from '../../shared/log.js';

/**
 * Scheduled: sends every email that is still in a tenant's outbox after its lease or backoff lapsed (SES failed, or
 * the sender died after queueing). An email that fails MAX_ATTEMPTS times is marked failed and logged at error
 * level with its idempotency key (never its address) and the metric field the EmailsFailed alarm counts.
 * The instant comes from the event, so a tick for a given time is reproducible.
 */
export const handler = middy<ScheduledEvent, Record<DeliveryResult | 'tenants', number>>().handler(async (event, context) => {
  const now = new Date(event.time);
  const log = createLogger({ requestId: context.awsRequestId, job: 'email-outbox', tickAt: event.time });
  const total = { tenants: 0, sent: 0, skipped: 0, retrying: 0, failed: 0, cancelled: 0 };
  for (const tenantId of await listTenantIds()) {
    const run = await deliverPending(tenantScope(tenantId), now, (d) => {
      const fields = { tenantId, key: d.key, kind: d.kind, attempts: d.attempts, reason: d.reason };
      if (d.result === 'failed') log.error(`email given up after ${MAX_ATTEMPTS} attempts`, { ...fields, [METRIC_FIELD]: logMetrics.emailsFailed.name });
      else if (d.result === 'retrying') log.warn('email not sent; the outbox tries again later', fields);
      else if (d.result === 'cancelled') log.info('email dropped: its link no longer works', fields);
    });
    total.tenants += 1;
    for (const result of Object.keys(run) as DeliveryResult[]) total[result] += run[result];
  }
  log.info('outbox run', total);
  return total;
});
