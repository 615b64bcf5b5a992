import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { tenantScope } from '../../shared/db/keys.js';
import { tenantSweepMessageSchema } from '../../shared/domain/sweep.js';
import { parseInput } from '../../shared/domain/validation.js';
import { createLogger } from '../../shared/log.js';
import { sweepTenant } from '../../shared/schedules/sweep.js';

/**
 * The tenant-sweep worker: one tenant's scheduled work per message. A message that fails (a dependency down, or a
 * message that is not one) is reported as a batch item failure: SQS delivers it again after the visibility timeout,
 * and after maxReceiveCount receives it waits in the dead-letter queue, with an alarm; the batch's other tenants are
 * done once.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event, context) => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const log = createLogger({ requestId: context.awsRequestId, job: 'tenant-sweep', messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount });
    try {
      const message = parseInput(tenantSweepMessageSchema, JSON.parse(record.body) as unknown);
      const run = await sweepTenant(tenantScope(message.tenantId), new Date(message.tickAt), log.with({ tenantId: message.tenantId }), message.firm);
      log.info('tenant swept', { tenantId: message.tenantId, ...run });
    } catch (error) {
      log.error('tenant sweep failed; the queue delivers it again', { error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
