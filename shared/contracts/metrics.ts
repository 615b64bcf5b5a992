/**
 * Metrics that come from log lines: a job (a schedule's function or a queue's worker) writes one JSON line with
 * `metric: <name>`, and CDK turns each entry here into a CloudWatch metric filter on that job's log group (count 1 per line) with an alarm at `alarmAt` in 5 minutes.
 */
export interface LogMetricDef {
  readonly name: string;
  /** The schedule or queue (shared/contracts/schedules.ts, queues.ts) whose function writes the line. */
  readonly job: string;
  readonly alarmAt: number;
  readonly description: string;
}

export const logMetrics = {
  emailsFailed: {
    name: 'EmailsFailed',
    job: 'tenant-sweep',
    alarmAt: 1,
    description: 'An email was given up after every attempt failed; the log line names its idempotency key',
  },
} as const satisfies Record<string, LogMetricDef>;

/** The JSON field of a log line that names its metric. */
export const METRIC_FIELD = 'metric';
