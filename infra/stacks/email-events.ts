/**
 * Email reputation: the SES configuration set every email is sent with (reputation metrics on), its EventBridge
 * destination for bounces and complaints (the default bus: the only one SES publishes to), per entry of the event
 * rule table a function with a rule, a retry policy and a dead-letter queue with alarms (shared/contracts/events.ts),
 * and alarms on the account's bounce and complaint rates before SES itself pauses sending.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { EventRuleDef } from '../../shared/contracts/events.js';
import { deadLetterQueue, errorsAlarm } from './alarms.js';
import { pascal, type FunctionFactory } from './function-factory.js';
import { SCHEDULE_MAX_EVENT_AGE, SCHEDULE_RETRY_ATTEMPTS } from './jobs.js';
import { nagReasons } from './nag.js';

/** SES reviews an account at a 5% bounce rate and 0.1% complaint rate: alarm there, well before its 10% and 0.5%. */
export const BOUNCE_RATE_ALARM = 0.05;
export const COMPLAINT_RATE_ALARM = 0.001;

export class EmailConfiguration extends Construct {
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true, sendingEnabled: true });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
  }
}

export interface EmailEventsProps {
  readonly stage: string;
  readonly removalPolicy: RemovalPolicy;
  readonly rules: readonly EventRuleDef[];
  readonly functions: FunctionFactory;
}

export class EmailEvents extends Construct {
  /** Functions by event rule name. */
  readonly ruleFunctions = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: EmailEventsProps) {
    super(scope, id);
    const { stage } = props;
    for (const entry of props.rules) {
      const name = pascal(entry.name);
      const fn = props.functions.create(this, entry.name, { entry: entry.handler, needs: entry.needs, description: entry.description, timeout: Duration.minutes(1) });
      this.ruleFunctions.set(entry.name, fn);
      const deadLetters = deadLetterQueue(this, `${name}DeadLetters`, {
        removalPolicy: props.removalPolicy,
        nagReason: nagReasons.eventDeadLetterQueue,
        alarmDescription: `Waymark ${stage}: ${entry.name} events EventBridge could not deliver (kept 14 days to replay)`,
      });
      new Rule(this, `${name}Rule`, {
        description: entry.description.slice(0, 512),
        eventPattern: { source: [...entry.pattern.source], detail: Object.fromEntries(Object.entries(entry.pattern.detail).map(([k, v]) => [k, [...v]])) },
        targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: SCHEDULE_RETRY_ATTEMPTS, maxEventAge: SCHEDULE_MAX_EVENT_AGE })],
      });
      errorsAlarm(this, `${name}ErrorsAlarm`, fn, `Waymark ${stage}: runs of ${entry.name} that failed, in 2 of the last 3 five-minute periods`);
    }
    // Account-wide rates SES computes over a representative window; one datapoint over the line is worth a look.
    for (const [metricName, threshold, what] of [
      ['Reputation.BounceRate', BOUNCE_RATE_ALARM, 'bounce rate'],
      ['Reputation.ComplaintRate', COMPLAINT_RATE_ALARM, 'complaint rate'],
    ] as const) {
      new Alarm(this, `${pascal(what.replace(' ', '-'))}Alarm`, {
        alarmDescription: `Waymark ${stage}: the SES account's ${what} is at ${threshold * 100}% or more (SES reviews the account there)`,
        metric: new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) }),
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
  }
}
