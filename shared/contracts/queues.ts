/**
 * The queue table: the single source of truth for work that fans out. CDK creates per entry an SQS queue, its
 * dead-letter queue with an alarm, and the worker function with an SQS event source (partial batch failures
 * reported); the local stack runs an in-process queue with the same settings and SQS's semantics that matter here
 * (at-least-once delivery, redelivery after the visibility timeout, partial batch failure, a dead-letter queue after
 * `maxReceiveCount` receives). Senders find a queue's URL in the environment variable the entry names.
 */
import { envNames } from './env.js';
import type { Capability } from './routes.js';

export interface QueueDef {
  readonly name: string;
  /** Worker handler file, relative to the repository root; it exports `handler` taking an SQS event. */
  readonly handler: string;
  readonly needs: readonly Capability[];
  readonly description: string;
  /** The environment variable that holds the queue's URL, on every function. */
  readonly urlEnv: string;
  readonly functionTimeoutSeconds: number;
  /** At least 6x the function timeout (AWS's advice for SQS event sources), so a slow batch is not redelivered mid-run. */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly batchSize: number;
}

export const queues = [
  {
    name: 'tenant-sweep',
    handler: 'functions/queues/tenant-sweep.ts',
    needs: ['table:query', 'table:query-index', 'table:get', 'table:batch-get', 'table:put', 'table:update', 'table:condition-check', 'email:send'],
    description: "One tenant's scheduled work for one tick: the client reminder digests due, and its outbox (emails whose first attempt failed)",
    urlEnv: envNames.tenantSweepQueueUrl,
    functionTimeoutSeconds: 120,
    visibilityTimeoutSeconds: 720,
    maxReceiveCount: 5,
    batchSize: 5,
  },
] as const satisfies readonly QueueDef[];

export type QueueName = (typeof queues)[number]['name'];
