/**
 * Work that fans out: per entry of the queue table (shared/contracts/queues.ts) an SQS queue with its dead-letter
 * queue (after `maxReceiveCount` receives) and an alarm on it, and the worker function with an SQS event source that
 * reports partial batch failures, so one failing tenant is retried alone and the rest of its batch is done.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDef } from '../../shared/contracts/queues.js';
import { pascal, type FunctionFactory } from './function-factory.js';
import { deadLetterQueue, errorsAlarm } from './alarms.js';
import { nagReasons } from './nag.js';

export interface QueuesProps {
  readonly stage: string;
  readonly removalPolicy: RemovalPolicy;
  readonly queues: readonly QueueDef[];
}

export class Queues extends Construct {
  /** Queues by name. */
  readonly queues = new Map<string, Queue>();
  readonly deadLetterQueues = new Map<string, Queue>();
  /** Worker functions by queue name. */
  readonly workers = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, private readonly props: QueuesProps) {
    super(scope, id);
    for (const def of props.queues) {
      const name = pascal(def.name);
      if (def.visibilityTimeoutSeconds < 6 * def.functionTimeoutSeconds) throw new Error(`Queue ${def.name}: the visibility timeout must be at least 6x the function timeout`);
      const deadLetters = deadLetterQueue(this, `${name}DeadLetters`, {
        removalPolicy: props.removalPolicy,
        nagReason: nagReasons.queueDeadLetterQueue,
        alarmDescription: `Waymark ${props.stage}: ${def.name} messages that failed ${def.maxReceiveCount} times (nothing is lost: they wait in the dead-letter queue)`,
      });
      const queue = new Queue(this, `${name}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: def.maxReceiveCount },
        removalPolicy: props.removalPolicy,
      });
      this.queues.set(def.name, queue);
      this.deadLetterQueues.set(def.name, deadLetters);
    }
  }

  /** The worker of each queue, once the function factory (which needs the queues' URLs and ARNs) exists. */
  addWorkers(functions: FunctionFactory): void {
    for (const def of this.props.queues) {
      const fn = functions.create(this, `${def.name}-worker`, {
        entry: def.handler,
        needs: def.needs,
        description: def.description,
        timeout: Duration.seconds(def.functionTimeoutSeconds),
      });
      fn.addEventSource(new SqsEventSource(this.queues.get(def.name)!, { batchSize: def.batchSize, reportBatchItemFailures: true }));
      this.workers.set(def.name, fn);
      errorsAlarm(this, `${pascal(def.name)}WorkerErrorsAlarm`, fn, `Waymark ${this.props.stage}: ${def.name} worker invocations that failed, in 2 of the last 3 five-minute periods`);
    }
  }
}
