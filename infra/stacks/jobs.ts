/**
 * Scheduled jobs: per entry of the schedule table a function, an EventBridge rule with a retry policy and a
 * dead-letter queue, and alarms on that queue and on the function's errors; then the metrics read from log lines
 * (shared/contracts/metrics.ts) with their alarms.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { logMetrics, METRIC_FIELD, type LogMetricDef } from '../../shared/contracts/metrics.js';
import type { ScheduleDef } from '../../shared/contracts/schedules.js';
import { pascal, type FunctionFactory } from './function-factory.js';
import { acknowledge, nagReasons } from './nag.js';

/** Retry policy of every schedule's EventBridge target; after it, the event goes to the schedule's dead-letter queue. */
export const SCHEDULE_RETRY_ATTEMPTS = 2;
export const SCHEDULE_MAX_EVENT_AGE = Duration.hours(1);

export interface JobsProps {
  readonly stage: string;
  readonly removalPolicy: RemovalPolicy;
  readonly schedules: readonly ScheduleDef[];
  readonly functions: FunctionFactory;
}

export class Jobs extends Construct {
  /** Functions by schedule name. */
  readonly scheduleFunctions = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const { stage } = props;

    for (const schedule of props.schedules) {
      const name = pascal(schedule.name);
      const fn = props.functions.create(this, schedule.name, {
        entry: schedule.handler,
        needs: schedule.needs,
        description: schedule.description,
        timeout: Duration.minutes(5),
      });
      this.scheduleFunctions.set(schedule.name, fn);
      // What EventBridge cannot deliver (throttled, function gone, access denied) after its retries lands here.
      const deadLetters = new Queue(this, `${name}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: props.removalPolicy,
      });
      acknowledge(deadLetters, 'AwsSolutions-SQS3', nagReasons.scheduleDeadLetterQueue);
      new Rule(this, `${name}Schedule`, {
        description: schedule.description.slice(0, 512),
        schedule: Schedule.expression(schedule.expression),
        // A missed run is made up by the next one: retry a little, then give up into the dead-letter queue.
        targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: SCHEDULE_RETRY_ATTEMPTS, maxEventAge: SCHEDULE_MAX_EVENT_AGE })],
      });
      new Alarm(this, `${name}DeadLettersAlarm`, {
        alarmDescription: `Waymark ${stage}: scheduled runs of ${schedule.name} that EventBridge could not deliver`,
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      // The queue only holds events EventBridge could not deliver; a run that was delivered and then threw shows here.
      new Alarm(this, `${name}ErrorsAlarm`, {
        alarmDescription: `Waymark ${stage}: runs of ${schedule.name} that failed, in 2 of the last 3 five-minute periods`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    // Metrics from log lines of a schedule's function, and their alarms.
    for (const def of Object.values(logMetrics) as LogMetricDef[]) {
      const fn = this.scheduleFunctions.get(def.schedule);
      if (!fn) continue;
      const filter = new MetricFilter(this, `${pascal(def.name)}MetricFilter`, {
        logGroup: fn.logGroup,
        filterPattern: FilterPattern.stringValue(`$.${METRIC_FIELD}`, '=', def.name),
        metricNamespace: `Waymark/${stage}`,
        metricName: def.name,
        metricValue: '1',
      });
      new Alarm(this, `${pascal(def.name)}Alarm`, {
        alarmDescription: `Waymark ${stage}: ${def.description}`,
        metric: filter.metric({ period: Duration.minutes(5), statistic: Stats.SUM }),
        threshold: def.alarmAt,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
  }
}
