import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createLogger } from '../../shared/log.js';
import { removeUnclaimedFirms } from '../../shared/tenancy/unclaimed.js';

/** Scheduled: removes firms whose owner never set a password (the instant comes from the event, for reproducible ticks). */
export const handler = middy<ScheduledEvent, { removed: number }>().handler(async (event, context) => {
  const log = createLogger({ requestId: context.awsRequestId, job: 'unclaimed-firms', tickAt: event.time });
  const result = await removeUnclaimedFirms(new Date(event.time), log);
  log.info('unclaimed firms run', result);
  return result;
});
