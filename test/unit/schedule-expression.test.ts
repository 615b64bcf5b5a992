import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../infra/local/schedule-expression.js';
import { schedules } from '../../shared/contracts/schedules.js';

const at = (iso: string) => new Date(iso);

describe('EventBridge schedule expressions', () => {
  it('fires rate(5 minutes) on the five-minute marks', () => {
    const clock = parseScheduleExpression('rate(5 minutes)');
    expect(clock.isDue(at('2026-12-01T08:00:30Z'))).toBe(true);
    expect(clock.isDue(at('2026-12-01T08:03:00Z'))).toBe(false);
    expect(clock.next(at('2026-12-01T08:00:00Z')).toISOString()).toBe('2026-12-01T08:05:00.000Z');
  });

  it('reads EventBridge cron fields, with weekdays numbered from Sunday = 1', () => {
    // 07:00 UTC on Mondays (EventBridge day 2).
    const clock = parseScheduleExpression('cron(0 7 ? * 2 *)');
    expect(clock.next(at('2026-11-25T00:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(clock.isDue(at('2026-11-30T07:00:10Z'))).toBe(true);
    expect(clock.isDue(at('2026-12-01T07:00:00Z'))).toBe(false);
    expect(parseScheduleExpression('cron(0 7 ? * MON *)').next(at('2026-11-25T00:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('refuses what EventBridge would refuse', () => {
    expect(() => parseScheduleExpression('every 5 minutes')).toThrow(/rate\(\.\.\.\) or cron/);
    expect(() => parseScheduleExpression('cron(0 7 * * *)')).toThrow(/6 fields/);
  });

  it('parses every expression in the schedule table', () => {
    for (const s of schedules) expect(() => parseScheduleExpression(s.expression)).not.toThrow();
  });
});
