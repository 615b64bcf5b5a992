import type { SQSEvent } from 'aws-lambda';
import { handler as tenantSweepWorker } from '../../functions/queues/tenant-sweep.js';
import { lambdaContext } from '../../infra/local/gateway.js';
import { afterAll, beforeAll } from 'vitest';
import { startLocalQueues, type LocalQueues } from '../../infra/local/queue.js';

/**
 * The local queues for a test file that calls handlers or ticks without the gateway (useApi starts them too): a
 * tick's messages are worked through by their workers, in this process, before the tick reports.
 */
export function useLocalQueues(opts: Parameters<typeof startLocalQueues>[0] = {}): () => LocalQueues {
  let queues: LocalQueues;
  beforeAll(async () => {
    queues = await startLocalQueues(opts);
    Object.assign(process.env, queues.env);
  });
  afterAll(() => queues.close());
  return () => queues;
}

/** One tenant-sweep message as SQS hands it to the worker (the same messageId and body when SQS delivers it again). */
export const sweepMessage = (tenantId: string, tickAt: string, receiveCount: number): SQSEvent => ({
  Records: [
    {
      messageId: `sweep-${tenantId}-${tickAt}`,
      receiptHandle: `receipt-${receiveCount}`,
      body: JSON.stringify({ tenantId, tickAt }),
      attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'tenant-tick', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:tenant-sweep',
      awsRegion: 'eu-central-1',
    },
  ],
});

/** The tenant-sweep worker, called as the queue's event source calls it. */
export const workTenantSweep = (event: SQSEvent) => tenantSweepWorker(event, lambdaContext('waymark-tenant-sweep', 120_000));
