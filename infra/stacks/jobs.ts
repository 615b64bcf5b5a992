/**
 * Scheduled jobs: per entry of the schedule table a function, an EventBridge rule with a retry policy and a
 * dead-letter queue, and alarms on that queue and on the function's errors; and the metrics read from log lines
 * (shared/contracts/metrics.ts) with their alarms (`addLogMetrics`, once every job's function exists).
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { logMetrics, METRIC_FIELD, type LogMetricDef } from '../../shared/contracts/metrics.js';
import type { ScheduleDef } from '../../shared/contracts/schedules.js';
import { pascal, type FunctionFactory } from './function-factory.js';
import { deadLetterQueue, errorsAlarm } from './alarms.js';
import { nagReasons } from './nag.js';

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
      const deadLetters = deadLetterQueue(this, `${name}DeadLetters`, {
        removalPolicy: props.removalPolicy,
        nagReason: nagReasons.scheduleDeadLetterQueue,
        alarmDescription: `Waymark ${stage}: scheduled runs of ${schedule.name} that EventBridge could not deliver`,
      });
      new Rule(this, `${name}Schedule`, {
        description: schedule.description.slice(0, 512),
        schedule: Schedule.expression(schedule.expression),
        // A missed run is made up by the next one: retry a little, then give up into the dead-letter queue.
        targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: SCHEDULE_RETRY_ATTEMPTS, maxEventAge: SCHEDULE_MAX_EVENT_AGE })],
      });
      // The queue only holds events EventBridge could not deliver; a run that was delivered and then threw shows here.
      errorsAlarm(this, `${name}ErrorsAlarm`, fn, `Waymark ${stage}: runs of ${schedule.name} that failed, in 2 of the last 3 five-minute periods`);
    }
  }
}

/** Metrics from log lines of a job's function (a schedule's or a queue worker's), and their alarms. */
export function addLogMetrics(scope: Construct, stage: string, jobFunctions: ReadonlyMap<string, NodejsFunction>): void {
  for (const def of Object.values(logMetrics) as LogMetricDef[]) {
    const fn = jobFunctions.get(def.job);
    if (!fn) continue; // a stack built without that job (tests); test/unit/route-table.test.ts holds the names true

    const filter = new MetricFilter(scope, `${pascal(def.name)}MetricFilter`, {
      logGroup: fn.logGroup,
      filterPattern: FilterPattern.stringValue(`$.${METRIC_FIELD}`, '=', def.name),
      metricNamespace: `Waymark/${stage}`,
      metricName: def.name,
      metricValue: '1',
    });
    new Alarm(scope, `${pascal(def.name)}Alarm`, {
      alarmDescription: `Waymark ${stage}: ${def.description}`,
      metric: filter.metric({ period: Duration.minutes(5), statistic: Stats.SUM }),
      threshold: def.alarmAt,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
