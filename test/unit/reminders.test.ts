import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { inQuietHours, localDay, nextActionReminder, nextDigestAt, postSessionPromptAt, wallTime, type DigestSettings } from '../../shared/domain/reminders.js';

/**
 * Reminder times, checked against the Temporal polyfill as an oracle for wall times in zones: DST in Europe/Zurich,
 * recipients in two zones, quiet hours, weekly digests, and an action's reminders from due soon to the last nudge.
 */
const zurich: DigestSettings = { timeZone: 'Europe/Zurich', hour: 8, frequency: 'daily', quietStart: '21:00', quietEnd: '07:00' };
const oracle = (zone: string, iso: string) => new Date(Temporal.PlainDateTime.from(iso).toZonedDateTime(zone).epochMilliseconds);
const utc = (iso: string) => new Date(iso);

describe('wall times in a zone', () => {
  it('agree with Temporal across a year of days at 08:00 and 02:30 in two zones (DST gaps included)', () => {
    for (const zone of ['Europe/Zurich', 'America/New_York']) {
      for (let day = 0; day < 366; day += 1) {
        const date = Temporal.PlainDate.from('2026-01-01').add({ days: day });
        for (const [h, m] of [[8, 0], [2, 30]] as const) {
          const expected = oracle(zone, `${date.toString()}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
          expect(wallTime(zone, date.year, date.month, date.day, h * 60 + m).getTime(), `${zone} ${date.toString()} ${h}:${m}`).toBe(expected.getTime());
        }
      }
    }
  });

  it('know the local day of an instant', () => {
    expect(localDay(utc('2026-11-25T23:30:00Z'), 'Europe/Zurich')).toBe('2026-11-26');
    expect(localDay(utc('2026-11-25T23:30:00Z'), 'America/New_York')).toBe('2026-11-25');
  });
});

describe('the digest time', () => {
  it('is the next local 08:00, across the spring-forward and fall-back days in Zurich', () => {
    expect(nextDigestAt(utc('2026-03-28T12:00:00Z'), zurich)).toEqual(oracle('Europe/Zurich', '2026-03-29T08:00')); // the spring-forward day
    expect(nextDigestAt(utc('2026-03-29T06:00:00Z'), zurich)).toEqual(utc('2026-03-29T06:00:00Z')); // 08:00 CEST is 06:00 UTC
    expect(nextDigestAt(utc('2026-10-24T12:00:00Z'), zurich)).toEqual(utc('2026-10-25T07:00:00Z')); // fall back: 08:00 CET is 07:00 UTC
  });

  it('is each recipient’s own hour in their own zone', () => {
    const ny: DigestSettings = { ...zurich, timeZone: 'America/New_York', hour: 9 };
    const at = utc('2026-12-01T10:00:00Z');
    expect(nextDigestAt(at, zurich)).toEqual(utc('2026-12-02T07:00:00Z'));
    expect(nextDigestAt(at, ny)).toEqual(utc('2026-12-01T14:00:00Z'));
  });

  it('never starts in quiet hours: an hour inside them moves to their end', () => {
    expect(inQuietHours(22 * 60, '21:00', '07:00')).toBe(true);
    expect(inQuietHours(6 * 60 + 59, '21:00', '07:00')).toBe(true);
    expect(inQuietHours(7 * 60, '21:00', '07:00')).toBe(false);
    expect(inQuietHours(13 * 60, '12:00', '14:00')).toBe(true);
    const late = { ...zurich, hour: 22 };
    expect(nextDigestAt(utc('2026-12-01T12:00:00Z'), late)).toEqual(oracle('Europe/Zurich', '2026-12-02T07:00'));
  });

  it('is on Mondays only for a weekly digest, and never when reminders are off', () => {
    const weekly = { ...zurich, frequency: 'weekly' as const };
    expect(nextDigestAt(utc('2026-12-02T12:00:00Z'), weekly)).toEqual(oracle('Europe/Zurich', '2026-12-07T08:00')); // Wed -> Mon
    expect(nextDigestAt(utc('2026-12-02T12:00:00Z'), { ...zurich, frequency: 'off' })).toBeUndefined();
  });
});

describe('an action’s reminders', () => {
  const s = { ...zurich, dueSoonDays: 1 };
  const open = { dueDate: '2026-12-10', status: 'open' };

  it('go: due soon the day before, then overdue on days 1, 3 and 7 after, then never again', () => {
    const seen = [];
    let now = utc('2026-12-01T12:00:00Z');
    for (let sent = 0; ; sent += 1) {
      const next = nextActionReminder(open, sent, s, now);
      if (!next) break;
      seen.push(`${next.kind} ${localDay(next.at, 'Europe/Zurich')}`);
      now = next.at;
    }
    expect(seen).toEqual(['due-soon 2026-12-09', 'overdue 2026-12-11', 'overdue 2026-12-13', 'overdue 2026-12-17']);
  });

  it('skip what has passed: an action made on its due day after the digest goes straight to the first nudge', () => {
    const next = nextActionReminder(open, 0, s, utc('2026-12-10T15:00:00Z'));
    expect(next).toMatchObject({ kind: 'overdue', index: 1 });
    expect(next!.at).toEqual(oracle('Europe/Zurich', '2026-12-11T08:00'));
  });

  it('are none for a closed action, one without a due date, or a client who turned reminders off', () => {
    expect(nextActionReminder({ ...open, status: 'done' }, 0, s, now())).toBeUndefined();
    expect(nextActionReminder({ status: 'open' }, 0, s, now())).toBeUndefined();
    expect(nextActionReminder(open, 0, { ...s, frequency: 'off' }, now())).toBeUndefined();
  });

  it('the post-session prompt goes with the first digest 24 hours after the session', () => {
    expect(postSessionPromptAt(utc('2026-12-01T15:00:00Z'), zurich)).toEqual(oracle('Europe/Zurich', '2026-12-03T08:00'));
    expect(postSessionPromptAt(utc('2026-12-01T06:00:00Z'), zurich)).toEqual(oracle('Europe/Zurich', '2026-12-02T08:00'));
  });
});

function now(): Date {
  return utc('2026-12-01T12:00:00Z');
}
