/**
 * The two shapes of failure alarm every job has (a schedule's function, a queue's worker), and the dead-letter queue
 * that keeps what could not be done: nothing is lost, and what went wrong is visible.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/** An encrypted, TLS-only dead-letter queue (14 days) with an alarm on its first message. */
export function deadLetterQueue(scope: Construct, id: string, opts: { removalPolicy: RemovalPolicy; nagReason: string; alarmDescription: string }): Queue {
  const queue = new Queue(scope, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14), removalPolicy: opts.removalPolicy });
  acknowledge(queue, 'AwsSolutions-SQS3', opts.nagReason);
  new Alarm(scope, `${id}Alarm`, {
    alarmDescription: opts.alarmDescription,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return queue;
}

/** Invocations of a function that failed, in 2 of the last 3 five-minute periods. */
export function errorsAlarm(scope: Construct, id: string, fn: IFunction, alarmDescription: string): Alarm {
  return new Alarm(scope, id, {
    alarmDescription,
    metric: fn.metricErrors({ period: Duration.minutes(5), statistic: Stats.SUM }),
    threshold: 1,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
