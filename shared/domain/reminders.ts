import { TZDate } from '@date-fns/tz';

/**
 * When reminders go out, as plain functions of `now` and a recipient's settings: every reminder of one client lands on
 * the client's digest time (their chosen local hour, moved out of quiet hours; every day, or Mondays only for a
 * weekly digest), so all of a day's reminders make one email. Time zones and DST through @date-fns/tz (a wall time
 * in a zone as an instant); the tests check it against the Temporal polyfill.
 */
export type ReminderFrequency = 'daily' | 'weekly' | 'off';

export interface DigestSettings {
  timeZone: string;
  /** Local hour of the digest, 0-23. */
  hour: number;
  frequency: ReminderFrequency;
  /** Quiet hours, `HH:MM` local: no email starts inside them (they may wrap midnight, e.g. 21:00-07:00). */
  quietStart: string;
  quietEnd: string;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Whether a local minute of the day lies in the quiet hours. */
export function inQuietHours(minute: number, quietStart: string, quietEnd: string): boolean {
  const start = minutesOf(quietStart);
  const end = minutesOf(quietEnd);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * A wall time in a zone as an instant: a time in a DST gap moves forward, as clocks do; a time that happens twice
 * (the fall-back hour) is its first occurrence (Temporal's "compatible").
 */
export function wallTime(timeZone: string, year: number, month: number, day: number, minuteOfDay: number): Date {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  const t = new TZDate(year, month - 1, day, hour, minute, 0, timeZone);
  for (const shift of [3_600_000, 1_800_000]) {
    const earlier = new TZDate(t.getTime() - shift, timeZone);
    if (earlier.getDate() === day && earlier.getHours() === hour && earlier.getMinutes() === minute) return new Date(earlier.getTime());
  }
  return new Date(t.getTime());
}

/** The local calendar date of an instant in a zone, `YYYY-MM-DD`. */
export function localDay(instant: Date, timeZone: string): string {
  const t = new TZDate(instant.getTime(), timeZone);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

const parseDay = (day: string) => day.split('-').map(Number) as [number, number, number];

/** The instant a local calendar day starts in a zone. */
export const startOfLocalDay = (day: string, timeZone: string): Date => {
  const [y, m, d] = parseDay(day);
  return wallTime(timeZone, y, m, d, 0);
};

/** A `YYYY-MM-DD` day `n` days later. */
export const plusDays = (day: string, n: number): string => {
  const [y, m, d] = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/**
 * The first digest time at or after `after`: the local digest hour (or, when it falls in quiet hours, the end of
 * them), on any day for a daily digest and on Mondays for a weekly one; none when reminders are off.
 */
export function nextDigestAt(after: Date, s: DigestSettings): Date | undefined {
  if (s.frequency === 'off') return undefined;
  const minute = inQuietHours(s.hour * 60, s.quietStart, s.quietEnd) ? minutesOf(s.quietEnd) : s.hour * 60;
  const today = localDay(after, s.timeZone);
  for (let n = 0; n <= 8; n += 1) {
    const day = plusDays(today, n);
    const [y, m, d] = parseDay(day);
    if (s.frequency === 'weekly' && new Date(Date.UTC(y, m - 1, d)).getUTCDay() !== 1) continue;
    const at = wallTime(s.timeZone, y, m, d, minute);
    if (at.getTime() >= after.getTime()) return at;
  }
  return undefined;
}

export type ReminderKind = 'post-session' | 'due-soon' | 'overdue';

/** Days after the due date on which an open action is nudged; after the last it is left alone. */
export const OVERDUE_NUDGE_DAYS = [1, 3, 7] as const;

/**
 * The next reminder of an open action with a due date, after `sent` earlier ones (0: the due-soon reminder is next):
 * its kind and the digest time it goes out with. None once the nudges are used up, for an action without a due date,
 * or when the client's reminders are off. A due-soon reminder that would only go out after the due day is skipped.
 */
export function nextActionReminder(
  action: { dueDate?: string; status: string; archived?: boolean },
  sent: number,
  s: DigestSettings & { dueSoonDays: number },
  now: Date,
): { kind: ReminderKind; at: Date; index: number } | undefined {
  if (!action.dueDate || action.status !== 'open' || action.archived) return undefined;
  const triggers: { kind: ReminderKind; day: string }[] = [
    { kind: 'due-soon', day: plusDays(action.dueDate, -s.dueSoonDays) },
    ...OVERDUE_NUDGE_DAYS.map((n) => ({ kind: 'overdue' as const, day: plusDays(action.dueDate!, n) })),
  ];
  for (let index = sent; index < triggers.length; index += 1) {
    const trigger = triggers[index]!;
    const from = new Date(Math.max(startOfLocalDay(trigger.day, s.timeZone).getTime(), now.getTime()));
    const at = nextDigestAt(from, s);
    if (!at) return undefined;
    // Due soon means before the due day has ended; later, the overdue nudges take over.
    if (trigger.kind === 'due-soon' && at.getTime() >= startOfLocalDay(plusDays(action.dueDate, 1), s.timeZone).getTime()) continue;
    // A nudge whose digest would fall on or after the next nudge's day is the next nudge.
    const nextDay = triggers[index + 1]?.day;
    if (nextDay && at.getTime() >= startOfLocalDay(nextDay, s.timeZone).getTime()) continue;
    return { kind: trigger.kind, at, index };
  }
  return undefined;
}

/** Hours after a session with no actions captured by the client before the prompt goes out (with the next digest). */
export const POST_SESSION_PROMPT_HOURS = 24;

/** The post-session prompt of a session recorded at `recordedAt`: the first digest time after the wait. */
export const postSessionPromptAt = (recordedAt: Date, s: DigestSettings, hours = POST_SESSION_PROMPT_HOURS): Date | undefined =>
  nextDigestAt(new Date(recordedAt.getTime() + hours * 3_600_000), s);

export type ReminderKindName = 'postSession' | 'dueSoon' | 'overdue' | 'assessment';

/** Which kinds of reminder a program's client gets: the program's own choice, else the firm's, else on. */
export function reminderKindsOn(policy: { kinds?: Partial<Record<ReminderKindName, boolean>> }, program?: Partial<Record<ReminderKindName, boolean>>): Record<ReminderKindName, boolean> {
  const on = (kind: ReminderKindName) => program?.[kind] ?? policy.kinds?.[kind] ?? true;
  return { postSession: on('postSession'), dueSoon: on('dueSoon'), overdue: on('overdue'), assessment: on('assessment') };
}

/** A client's digest settings: their own hour and frequency, the firm's quiet hours and "due soon" window. */
export function digestSettings(
  policy: { digestHour: number; quietHoursStart: string; quietHoursEnd: string; dueSoonDays: number },
  client: { timeZone: string; emailPreferences?: { reminders: ReminderFrequency; hour: number } },
): DigestSettings & { dueSoonDays: number } {
  return {
    timeZone: client.timeZone,
    hour: client.emailPreferences?.hour ?? policy.digestHour,
    frequency: client.emailPreferences?.reminders ?? 'daily',
    quietStart: policy.quietHoursStart,
    quietEnd: policy.quietHoursEnd,
    dueSoonDays: policy.dueSoonDays,
  };
}

/**
 * An action with its next reminder set (`remindAt`, or none): after a change of its due date or status the count
 * starts again; reminders whose time has passed count as sent.
 */
export function scheduleAction<A extends { dueDate?: string; status: string; archived?: boolean; remindersSent?: number; remindAt?: string }>(
  action: A,
  settings: (DigestSettings & { dueSoonDays: number }) | undefined,
  now: Date,
  restart: boolean,
): A {
  const sent = restart ? 0 : (action.remindersSent ?? 0);
  const next = settings ? nextActionReminder(action, sent, settings, now) : undefined;
  const { remindAt: _old, ...rest } = action;
  return { ...rest, remindersSent: next ? next.index : sent, ...(next ? { remindAt: next.at.toISOString() } : {}) } as A;
}

/**
 * What a digest needs of its program, copied onto each reminder when it is scheduled, so the sweep can send a digest
 * from the due index alone, without reading the program. The copy is proven current where it matters: the digest's
 * transaction checks the program's `version` and link generation, and a copy that fails the check (the program or its
 * client changed since) is replaced by a read of the program.
 */
export interface DigestRecipient {
  programId: string;
  clientId: string;
  programVersion: number;
  clientLinkGeneration: number;
  title: string;
  status: string;
  /** The program's own choice of reminder kinds (ReminderKinds), over the firm's. */
  reminderKinds?: Partial<Record<ReminderKindName, boolean>>;
  client: { name: string; email: string; locale: 'en' | 'de'; timeZone: string; status?: string; emailPreferences?: { reminders: ReminderFrequency; hour: number } };
}

export const digestRecipient = (program: Omit<DigestRecipient, 'programVersion'> & { version: number }): DigestRecipient => ({
  programId: program.programId,
  clientId: program.clientId,
  programVersion: program.version,
  clientLinkGeneration: program.clientLinkGeneration,
  title: program.title,
  status: program.status,
  ...(program.reminderKinds ? { reminderKinds: program.reminderKinds } : {}),
  client: program.client,
});
