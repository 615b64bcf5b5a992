import { CronExpressionParser } from 'cron-parser';

/**
 * EventBridge schedule expressions for the local scheduler: `rate(N minute|minutes|hour|hours|day|days)` and
 * `cron(minutes hours day-of-month month day-of-week year)`, in UTC as EventBridge rules run.
 * Cron parsing is cron-parser's; this only maps EventBridge's dialect onto it.
 */
export interface ScheduleClock {
  /** Whether the schedule fires in the minute that contains `at`. */
  isDue(at: Date): boolean;
  /** The first firing strictly after `after`. */
  next(after: Date): Date;
}

const MINUTE = 60_000;
const units: Record<string, number> = { minute: MINUTE, minutes: MINUTE, hour: 60 * MINUTE, hours: 60 * MINUTE, day: 1440 * MINUTE, days: 1440 * MINUTE };

export function parseScheduleExpression(expression: string): ScheduleClock {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (rate) {
    const every = Number(rate[1]) * units[rate[2]!]!;
    if (every <= 0) throw new Error(`Invalid schedule expression: ${expression}`);
    // Local rates are aligned to the epoch, so a given instant is reproducibly due or not.
    return {
      isDue: (at) => Math.floor(at.getTime() / MINUTE) % (every / MINUTE) === 0,
      next: (after) => new Date((Math.floor(after.getTime() / every) + 1) * every),
    };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) throw new Error(`Invalid schedule expression (EventBridge cron has 6 fields): ${expression}`);
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
    if (year !== '*') throw new Error(`The local scheduler supports only "*" as the year field: ${expression}`);
    // EventBridge numbers weekdays 1-7 from Sunday; cron-parser numbers them 0-6.
    const weekday = dayOfWeek.replace(/\b([1-7])\b/g, (d) => String(Number(d) - 1));
    const standard = [minutes, hours, dayOfMonth, month, weekday].map((f) => (f === '?' ? '*' : f)).join(' ');
    const nextAfter = (after: Date) => CronExpressionParser.parse(standard, { currentDate: after, tz: 'UTC' }).next().toDate();
    return {
      isDue: (at) => {
        const minuteStart = Math.floor(at.getTime() / MINUTE) * MINUTE;
        return nextAfter(new Date(minuteStart - 1)).getTime() === minuteStart;
      },
      next: nextAfter,
    };
  }
  throw new Error(`Invalid schedule expression (use rate(...) or cron(...)): ${expression}`);
}
