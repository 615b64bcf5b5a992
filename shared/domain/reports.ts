import type { Action, Obstacle, Program, Session } from './coaching.js';
import type { PulseQuestion } from './pulse.js';
import { localDay, plusDays, startOfLocalDay, wallTime } from './reminders.js';
import type { REPORT_CADENCES, SHARING_LEVELS, WEEKDAYS } from './tenant.js';

/**
 * Sponsor progress reports as plain functions: when a program's next report goes out (a local day and hour in the
 * sponsor's time zone; weekly, fortnightly or monthly) and what it says (counts always; action titles, competence
 * stages, obstacles and reflections only as far as the program's sharing level allows). No I/O here.
 */
export type ReportCadence = (typeof REPORT_CADENCES)[number];
export type SharingLevel = (typeof SHARING_LEVELS)[number];
export type Weekday = (typeof WEEKDAYS)[number];

export interface ReportTiming {
  cadence: ReportCadence;
  weekday: Weekday;
  /** Local hour in the sponsor's zone, 0-23. */
  hour: number;
  /** The program's start date: report days count from it. */
  startDate: string;
}

const WEEKDAY_INDEX: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The first `weekday` on or after `day`. */
function weekdayOnOrAfter(day: string, weekday: Weekday): string {
  return plusDays(day, (WEEKDAY_INDEX[weekday] - weekdayOf(day) + 7) % 7);
}

/** The first `weekday` of the month `day` lies in. */
const firstWeekdayOfMonth = (day: string, weekday: Weekday) => weekdayOnOrAfter(`${day.slice(0, 7)}-01`, weekday);

/** A program's first report covers at least this many days (no report of a program's first day or two). */
export const MIN_FIRST_PERIOD_DAYS = 7;

/** The first day of a month that is `weekday`, on or after `day` (this month's, else next month's). */
function monthlyOnOrAfter(day: string, weekday: Weekday): string {
  const thisMonth = firstWeekdayOfMonth(day, weekday);
  if (thisMonth >= day) return thisMonth;
  const [y, m] = day.split('-').map(Number) as [number, number];
  return firstWeekdayOfMonth(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10), weekday);
}

/**
 * A program's first report day: the first `weekday` (monthly: the first month-opening `weekday`) at least a week after
 * its start. Weekly and fortnightly reports then keep that rhythm; monthly ones come on each month's first `weekday`.
 */
function firstReportDay(t: ReportTiming): string {
  const earliest = plusDays(t.startDate, MIN_FIRST_PERIOD_DAYS);
  return t.cadence === 'monthly' ? monthlyOnOrAfter(earliest, t.weekday) : weekdayOnOrAfter(earliest, t.weekday);
}

/** The first report day on or after `day` (a local calendar date). */
export function reportDayOnOrAfter(t: ReportTiming, day: string): string {
  const first = firstReportDay(t);
  if (day <= first) return first;
  if (t.cadence === 'monthly') return monthlyOnOrAfter(day, t.weekday);
  const step = t.cadence === 'weekly' ? 7 : 14;
  return plusDays(first, Math.ceil(daysBetween(first, day) / step) * step);
}

/** The report day before `reportDay` (the day the previous period began), or the start date for the first report. */
export function previousReportDay(t: ReportTiming, reportDay: string): string {
  if (reportDay <= firstReportDay(t)) return t.startDate;
  if (t.cadence === 'monthly') return firstWeekdayOfMonth(plusDays(`${reportDay.slice(0, 7)}-01`, -1), t.weekday);
  return plusDays(reportDay, t.cadence === 'weekly' ? -7 : -14);
}

/** The local calendar days a report covers: from the previous report day up to (not including) its own day. */
export interface ReportPeriod {
  start: string;
  /** Exclusive: the report's own day. */
  end: string;
}

export const reportPeriod = (t: ReportTiming, reportDay: string): ReportPeriod => ({ start: previousReportDay(t, reportDay), end: reportDay });

/** The instant a report goes out: its day at the hour, in the sponsor's zone. */
export function reportAt(reportDay: string, hour: number, timeZone: string): Date {
  const [y, m, d] = reportDay.split('-').map(Number) as [number, number, number];
  return wallTime(timeZone, y, m, d, hour * 60);
}

/**
 * The earliest instant a report day's hour comes anywhere (UTC+14): where the sponsor's zone is not known yet (a
 * program was just created), the due entry wakes the sweep then, and the sweep moves it to the sponsor's own hour.
 */
export const earliestReportAt = (reportDay: string, hour: number): Date => new Date(Date.parse(`${reportDay}T00:00:00Z`) + (hour - 14) * 3_600_000);

/**
 * The report day a new schedule starts with while the sponsor's zone is not known: the first one on or after the
 * earliest "today" anywhere (UTC-12), so no zone's report of today is skipped.
 */
export const firstScheduledDay = (t: ReportTiming, now: Date): string => reportDayOnOrAfter(t, localDay(now, 'Etc/GMT+12'));

/** The next report after `now` for a sponsor in `timeZone`: its day, instant and period. */
export function nextReport(t: ReportTiming, timeZone: string, now: Date): { day: string; at: Date; period: ReportPeriod } {
  let day = reportDayOnOrAfter(t, localDay(now, timeZone));
  if (reportAt(day, t.hour, timeZone).getTime() <= now.getTime()) day = reportDayOnOrAfter(t, plusDays(day, 1));
  return { day, at: reportAt(day, t.hour, timeZone), period: reportPeriod(t, day) };
}

/** The report timing of a program: its own cadence, the firm's weekday and hour. */
export const reportTiming = (program: Pick<Program, 'reportCadence' | 'startDate'>, defaults: { weekday: Weekday; hour: number }): ReportTiming => ({
  cadence: program.reportCadence,
  weekday: defaults.weekday,
  hour: defaults.hour,
  startDate: program.startDate,
});

// Content

const LEVELS: readonly SharingLevel[] = ['metrics', 'actions', 'assessments', 'full'];
/** Whether a sharing level shows what `needed` shows. */
export const shares = (level: SharingLevel, needed: SharingLevel): boolean => LEVELS.indexOf(level) >= LEVELS.indexOf(needed);
const lower = (a: SharingLevel, b: SharingLevel): SharingLevel => (shares(a, b) ? b : a);

// Consent: the coach proposes a sharing level (the program's `sharingLevel`), the client agrees on their page.

/** What the client agreed a sponsor may see, and when; `changeId`: the form that recorded it (a second submit finds it). */
export interface SharingConsent {
  level: SharingLevel;
  at: string;
  changeId: string;
}

/** One step of the sharing level's story: the coach proposed or lowered it, the client agreed or lowered it. */
export interface SharingChange {
  by: { kind: 'staff'; id: string } | { kind: 'client' };
  change: 'proposed' | 'agreed' | 'lowered';
  level: SharingLevel;
  at: string;
}

/** Changes the program keeps (newest first); the audit trail keeps every one. */
export const SHARING_HISTORY_MAX = 20;

export const withSharingChange = (history: readonly SharingChange[] | undefined, change: SharingChange): SharingChange[] => [change, ...(history ?? [])].slice(0, SHARING_HISTORY_MAX);

/**
 * What reports share: `metrics` until the client agrees; then what they agreed, but never above the coach's current
 * proposal (a coach lowering it lowers it at once; raising it waits for the client).
 */
export const sharedLevel = (program: { sharingLevel: SharingLevel; sharingConsent?: Pick<SharingConsent, 'level'> }): SharingLevel =>
  program.sharingConsent ? lower(program.sharingConsent.level, program.sharingLevel) : 'metrics';

/**
 * A coach's new proposal: the history entry it makes, and the consent it leaves. An agreement above the new proposal
 * comes down to it, so raising the proposal again needs the client's agreement again.
 */
export function proposeSharing(
  program: { sharingLevel: SharingLevel; sharingConsent?: SharingConsent; sharingHistory?: SharingChange[] },
  level: SharingLevel,
  by: { kind: 'staff'; id: string },
  now: Date,
): { sharingHistory: SharingChange[]; sharingConsent?: SharingConsent } {
  const change = shares(level, program.sharingLevel) ? 'proposed' : 'lowered';
  const consent = program.sharingConsent && !shares(level, program.sharingConsent.level) ? { ...program.sharingConsent, level } : program.sharingConsent;
  return { sharingHistory: withSharingChange(program.sharingHistory, { by, change, level, at: now.toISOString() }), ...(consent ? { sharingConsent: consent } : {}) };
}

/** Whether the coach proposes more than the client has agreed to (no agreement counts as `metrics`). */
export const awaitsAgreement = (program: { sharingLevel: SharingLevel; sharingConsent?: Pick<SharingConsent, 'level'> }): boolean =>
  !shares(program.sharingConsent?.level ?? 'metrics', program.sharingLevel);

/** Whether the client may agree to `level` now: at most the proposal. */
export const agreeable = (program: { sharingLevel: SharingLevel }, level: SharingLevel): boolean => shares(program.sharingLevel, level);

/** The client's agreement to `level`, as the program item keeps it (checked against the proposal by the caller). */
export function agreeToSharing(
  program: { sharingConsent?: SharingConsent; sharingHistory?: SharingChange[] },
  level: SharingLevel,
  changeId: string,
  now: Date,
): { sharingConsent: SharingConsent; sharingHistory: SharingChange[] } {
  const before = program.sharingConsent?.level;
  const change = before && !shares(level, before) ? 'lowered' : 'agreed';
  const at = now.toISOString();
  return { sharingConsent: { level, at, changeId }, sharingHistory: withSharingChange(program.sharingHistory, { by: { kind: 'client' }, change, level, at }) };
}

/** The program page's `sharing`: the proposal, the agreement (if any), what reports share now, and the history. */
export const sharingView = (program: { sharingLevel: SharingLevel; sharingConsent?: SharingConsent; sharingHistory?: SharingChange[] }) => ({
  proposed: program.sharingLevel,
  ...(program.sharingConsent ? { agreed: { level: program.sharingConsent.level, at: program.sharingConsent.at } } : {}),
  effective: sharedLevel(program),
  history: program.sharingHistory ?? [],
});

export interface ActionCounts {
  captured: number;
  done: number;
  partly: number;
  notDone: number;
}

/** One competency's stage of competence (1 unconsciously incompetent … 4 unconsciously competent), from assessments. */
export interface CompetenceStage {
  competency: string;
  stage: 1 | 2 | 3 | 4;
  /** The stage at the assessment before, when there is one. */
  previousStage?: 1 | 2 | 3 | 4;
  /** The first stage the client gave (the baseline), when there is more than one assessment. */
  firstStage?: 1 | 2 | 3 | 4;
  assessedAt: string;
}

/**
 * What a sponsor's report says, already cut to the program's sharing level: the snapshot stores exactly this, so a
 * report shown again later never shows more than was shared when it was sent.
 */
export interface ReportContent {
  programTitle: string;
  clientName: string;
  sharingLevel: SharingLevel;
  period: ReportPeriod;
  sessions: { heldInPeriod: number; heldSoFar: number; planned: number };
  actions: { period: ActionCounts; overall: ActionCounts & { open: number } };
  /** Completion (0-100, done plus half of partly over the decided) of each period so far, oldest first; null: nothing decided. */
  trend: { start: string; completion: number | null }[];
  /** `actions` and up: the period's actions by title. */
  actionTitles?: { title: string; status: Action['status'] }[];
  /** `assessments` and up, once self-assessments exist: none is made up before. */
  competenceStages?: CompetenceStage[];
  /** `full`: obstacles logged in the period, and the client's reflections. */
  obstacles?: { text: string; category: Obstacle['category']; actionTitle: string }[];
  reflections?: { actionTitle: string; text: string }[];
}

/** Bars the trend shows at most (the latest periods). */
export const TREND_PERIODS = 12;
/** Action titles a report lists at most; obstacles and reflections at most, each cut to a length (email under 100 KB). */
export const REPORT_LIST_MAX = 30;
export const REPORT_NOTES_MAX = 10;
export const REPORT_NOTE_CHARS = 400;

/** A client's text cut to the report's length, on a character (not a UTF-16 half) boundary. */
const cut = (text: string): string => {
  const chars = [...text];
  return chars.length <= REPORT_NOTE_CHARS ? text : `${chars.slice(0, REPORT_NOTE_CHARS - 1).join('')}…`;
};

const inPeriod = (iso: string | undefined, from: Date, to: Date) => !!iso && iso >= from.toISOString() && iso < to.toISOString();

const completion = (decided: Action[]): number | null => {
  const done = decided.filter((a) => a.status === 'done').length;
  const partly = decided.filter((a) => a.status === 'partly').length;
  const all = decided.length;
  return all === 0 ? null : Math.round(((done + partly / 2) / all) * 100);
};

const DECIDED = new Set(['done', 'partly', 'not_done']);

/**
 * The report of one period from the program's item collection. Days are the client's (their activity is), cut at
 * local midnight; the period ends where the report's day begins.
 */
export function reportContent(
  collection: { program: Program; sessions: Session[]; actions: Action[]; obstacles: Obstacle[]; competenceStages?: CompetenceStage[] },
  timing: ReportTiming,
  period: ReportPeriod,
): ReportContent {
  const { program } = collection;
  const zone = program.client.timeZone;
  const from = startOfLocalDay(period.start, zone);
  const to = startOfLocalDay(period.end, zone);
  const sessions = collection.sessions.filter((s) => !s.archived);
  const actions = collection.actions.filter((a) => !a.archived);
  const decidedIn = (a: Action, f: Date, t: Date) => DECIDED.has(a.status) && inPeriod(a.decidedAt, f, t);
  const countIn = (f: Date, t: Date): ActionCounts => ({
    captured: actions.filter((a) => inPeriod(a.createdAt, f, t)).length,
    done: actions.filter((a) => a.status === 'done' && decidedIn(a, f, t)).length,
    partly: actions.filter((a) => a.status === 'partly' && decidedIn(a, f, t)).length,
    notDone: actions.filter((a) => a.status === 'not_done' && decidedIn(a, f, t)).length,
  });
  const soFar = actions.filter((a) => a.createdAt < to.toISOString());
  const overall = {
    captured: soFar.length,
    done: soFar.filter((a) => a.status === 'done' && (a.decidedAt ?? '') < to.toISOString()).length,
    partly: soFar.filter((a) => a.status === 'partly' && (a.decidedAt ?? '') < to.toISOString()).length,
    notDone: soFar.filter((a) => a.status === 'not_done' && (a.decidedAt ?? '') < to.toISOString()).length,
    open: 0,
  };
  overall.open = soFar.filter((a) => a.status === 'open' || (a.decidedAt ?? '') >= to.toISOString()).length;

  const trend: ReportContent['trend'] = [];
  for (let end = period.end; trend.length < TREND_PERIODS && end > timing.startDate; ) {
    const start = previousReportDay(timing, end);
    const f = startOfLocalDay(start, zone);
    const t = startOfLocalDay(end, zone);
    trend.unshift({ start, completion: completion(actions.filter((a) => decidedIn(a, f, t))) });
    if (start >= end) break;
    end = start;
  }

  const level = sharedLevel(program);
  const touched = actions.filter((a) => inPeriod(a.createdAt, from, to) || decidedIn(a, from, to));
  const titleOf = new Map(collection.actions.map((a) => [a.actionId, a.title]));
  const content: ReportContent = {
    programTitle: program.title,
    clientName: program.client.name,
    sharingLevel: level,
    period,
    sessions: {
      heldInPeriod: sessions.filter((s) => inPeriod(s.heldAt, from, to)).length,
      heldSoFar: sessions.filter((s) => s.heldAt < to.toISOString()).length,
      planned: program.sessionsPlanned,
    },
    actions: { period: countIn(from, to), overall },
    trend,
  };
  if (shares(level, 'actions')) content.actionTitles = touched.slice(0, REPORT_LIST_MAX).map((a) => ({ title: a.title, status: decidedIn(a, from, to) ? a.status : 'open' }));
  if (shares(level, 'assessments') && collection.competenceStages?.length) content.competenceStages = collection.competenceStages;
  if (shares(level, 'full')) {
    content.obstacles = collection.obstacles
      .filter((o) => !o.archived && inPeriod(o.at, from, to))
      .slice(0, REPORT_NOTES_MAX)
      .map((o) => ({ text: cut(o.text), category: o.category, actionTitle: titleOf.get(o.actionId) ?? '' }));
    content.reflections = touched
      .filter((a) => a.reflection)
      .slice(0, REPORT_NOTES_MAX)
      .map((a) => ({ actionTitle: a.title, text: cut(a.reflection!) }));
  }
  return content;
}

// Schedules and snapshots as stored

/** A sent report, as a schedule lists it (its snapshot holds the content). */
export interface ReportRef {
  reportId: string;
  sponsorId: string;
  period: ReportPeriod;
  sentAt: string;
  trigger: 'scheduled' | 'now';
}

/** Reports a schedule lists (the program page shows them); older ones stay stored, reachable by their links. */
export const RECENT_REPORTS = 12;

/** One sponsor's report schedule for a program. `reportDay` and `dueAt` exist while a report is to come. */
export interface ReportSchedule {
  programId: string;
  sponsorId: string;
  reportDay?: string;
  dueAt?: string;
  /** Reports sent so far: each send holds the schedule to the count it read. */
  reportsSent: number;
  recent: ReportRef[];
  /** Pulse answers recorded for this sponsor's reports (held below PULSE_LIMIT by the answer's transaction). */
  pulses?: number;
}

/** A sent report: what the sponsor got, kept to be shown again (the web version). */
export interface ReportSnapshot extends ReportRef {
  programId: string;
  sponsorName: string;
  locale: 'en' | 'de';
  content: ReportContent;
  /** The one question its email asked the sponsor (none once the sponsor's answers reached PULSE_LIMIT). */
  pulse?: PulseQuestion;
}

/** The id of a report: its period's end and sponsor (one on demand: and the day it was asked for). */
export const reportIdOf = (periodEnd: string, sponsorId: string, trigger: ReportRef['trigger']): string => `${periodEnd}#${sponsorId}${trigger === 'now' ? '#now' : ''}`;

export const withRecent = (recent: readonly ReportRef[], ref: ReportRef): ReportRef[] => [ref, ...recent.filter((r) => r.reportId !== ref.reportId)].slice(0, RECENT_REPORTS);

/** What the program page shows of its reports: each sponsor's next one, and the latest sent (newest first). */
export function reportsView(schedules: readonly ReportSchedule[] = []) {
  return {
    next: schedules.filter((s) => s.reportDay && s.dueAt).map((s) => ({ sponsorId: s.sponsorId, reportDay: s.reportDay!, dueAt: s.dueAt! })),
    sent: schedules
      .flatMap((s) => s.recent ?? [])
      .sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : 0))
      .slice(0, RECENT_REPORTS),
  };
}
