import type { Context, ScheduledEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { schedules, type ScheduleDef } from '../../shared/contracts/schedules.js';
import { lambdaContext } from './gateway.js';
import { loadHandler } from './handlers.js';
import { withGrants } from './iam.js';
import { drainQueues, type DrainReport } from './queue.js';
import { parseScheduleExpression } from './schedule-expression.js';

/** The local stand-in for EventBridge rules: the same schedule table, the same scheduled events. */
type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

export function scheduledEvent(schedule: ScheduleDef, at: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    region: process.env.AWS_REGION ?? 'eu-central-1',
    resources: [`arn:aws:events:local:000000000000:rule/waymark-${schedule.name}`],
    detail: {},
  };
}

export interface TickResult {
  schedule: string;
  ok: boolean;
  result?: unknown;
  error?: string;
  /** What the queues' workers did with the messages the run sent. */
  queues?: DrainReport;
}

export async function runSchedule(schedule: ScheduleDef, at: Date): Promise<TickResult> {
  try {
    const handler = (await loadHandler(schedule.handler)) as ScheduledHandler;
    // Under the schedule's grants, as its role would hold it in AWS: a call outside them fails the run.
    const { result } = await withGrants({ name: schedule.name, needs: schedule.needs }, () => handler(scheduledEvent(schedule, at), lambdaContext(`waymark-${schedule.name}`, 300_000)));
    const queues = await drainQueues();
    return { schedule: schedule.name, ok: true, result, ...(queues ? { queues } : {}) };
  } catch (error) {
    return { schedule: schedule.name, ok: false, error: (error as Error).message };
  }
}

/** One tick: runs every schedule that is due at `at` (or the named ones, due or not). */
export async function tick(at: Date, only?: readonly string[]): Promise<TickResult[]> {
  const chosen = only?.length
    ? schedules.filter((s) => only.includes(s.name))
    : schedules.filter((s) => parseScheduleExpression(s.expression).isDue(at));
  const results: TickResult[] = [];
  for (const schedule of chosen) results.push(await runSchedule(schedule, at));
  return results;
}

/** Runs each schedule at its next firing on the wall clock until stopped. */
export function startScheduler(report: (result: TickResult) => void, now: () => Date = () => new Date()): { stop(): void } {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const arm = (schedule: ScheduleDef) => {
    const at = parseScheduleExpression(schedule.expression).next(now());
    const timer = setTimeout(async () => {
      timers.delete(timer);
      if (stopped) return;
      report(await runSchedule(schedule, at));
      if (!stopped) arm(schedule);
    }, Math.max(0, at.getTime() - now().getTime()));
    timers.add(timer);
  };
  for (const schedule of schedules) arm(schedule);
  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
