import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { listTenants } from '../../shared/db/tenants.js';
import type { TenantSweepMessage } from '../../shared/domain/sweep.js';
import { createLogger } from '../../shared/log.js';
import { sendMessages } from '../../shared/queues/send.js';

/**
 * Scheduled: the tick's dispatcher. Reads the tenant registry (a Query, page by page, never a Scan) and sends one
 * message per tenant to the tenant-sweep queue; a worker does each tenant's work. The tick's instant travels with
 * the message, so a redelivered message does the same work, and a tick run twice sends twice but does nothing twice
 * (every piece of work is idempotent). So does the registry's copy of the firm's profile: the worker need not read it.
 */
export const handler = middy<ScheduledEvent, { tenants: number }>().handler(async (event, context) => {
  const log = createLogger({ requestId: context.awsRequestId, job: 'tenant-tick', tickAt: event.time });
  const tickAt = new Date(event.time).toISOString();
  const messages: TenantSweepMessage[] = (await listTenants()).map(({ tenantId, firm }) => ({ tenantId, tickAt, ...(firm ? { firm } : {}) }));
  await sendMessages('tenant-sweep', messages);
  log.info('tick dispatched', { tenants: messages.length });
  return { tenants: messages.length };
});
