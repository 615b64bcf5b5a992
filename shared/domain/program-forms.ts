import * as z from 'zod/mini';
import type { FieldIssue } from '../errors.js';
import { calendarDate, programIdSchema, obstacleIdSchema, actionIdSchema, sessionCreateSchema, type SessionCreate } from './coaching.js';
import { localDay, wallTime } from './reminders.js';
import { lazySchema, pageQuery, toFieldIssues } from './validation.js';

/**
 * The forms of a program's pages in the staff web app, as posted (strings), and how each maps onto the JSON API's own
 * schema: the rules of a session and its actions stay in sessionCreateSchema; the form only reshapes fixed rows.
 */

/** Rows for actions the record-session form offers (fixed, empty: it works without script). */
export const SESSION_FORM_ACTIONS = 5;
export const ACTION_ROW_FIELDS = ['title', 'dueDate', 'competency', 'ifThenPlan'] as const;
export type ActionRowField = (typeof ACTION_ROW_FIELDS)[number];

/** A field of action row `i`, named as the API's schema names its problems: `actions.0.title`. */
export const actionField = (i: number, field: ActionRowField) => `actions.${i}.${field}`;

// Posted text is bounded here only against abuse; the API's schema says what a field may hold.
const posted = () => z.optional(z.string().check(z.maxLength(20_000)));

export const recordSessionFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    date: posted(),
    sharedSummary: posted(),
    privateNotes: posted(),
    nextSessionOn: posted(),
    /** Made when the form was shown: the session's id, so the same form sent twice records one session. */
    sessionId: posted(),
    ...Object.fromEntries(Array.from({ length: SESSION_FORM_ACTIONS }, (_, i) => ACTION_ROW_FIELDS.map((f) => [actionField(i, f), posted()])).flat()),
  }));
export type RecordSessionForm = Record<string, string | undefined>;

export const resolveObstacleFormSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ note: posted() }));
export const sendReportFormSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ sponsorId: posted() }));
export const emptyFormSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({}));

export const programPagePathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema() }));
export const obstacleResolvePathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema(), obstacleId: obstacleIdSchema() }));
export const actionHistoryPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema(), actionId: actionIdSchema() }));
export const programPageQuerySchema = /* @__PURE__ */ lazySchema(() => z.object({ done: z.optional(z.string().check(z.maxLength(40))) }));
export const actionHistoryQuerySchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ cursor: pageQuery().cursor }));

/**
 * When a session held on `date` (the firm's calendar) happened: now if it is today, else midday of that day. The
 * instant orders sessions and tells "since the last session" apart; the form asks only for the day.
 */
export function heldAtOf(date: string, timeZone: string, now: Date): string {
  if (date === localDay(now, timeZone)) return now.toISOString();
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return wallTime(timeZone, y, m, d, 12 * 60).toISOString();
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

/**
 * The session the form describes, parsed by the API's schema: rows left empty are skipped, and every problem is named
 * by the form's own field (a row keeps its number whatever rows before it were empty).
 */
export function sessionOfForm(form: RecordSessionForm, opts: { timeZone: string; now: Date }): { ok: true; session: SessionCreate; rows: number[] } | { ok: false; problems: FieldIssue[] } {
  const problems: FieldIssue[] = [];
  const date = (form.date ?? '').trim();
  const dateCheck = calendarDate().safeParse(date);
  if (!dateCheck.success) problems.push(...toFieldIssues(dateCheck.error.issues, 'date'));
  const rows = Array.from({ length: SESSION_FORM_ACTIONS }, (_, i) => i).filter((i) => ACTION_ROW_FIELDS.some((f) => !blank(form[actionField(i, f)])));
  const actions = rows.map((i) => {
    const value = (f: ActionRowField) => (blank(form[actionField(i, f)]) ? undefined : form[actionField(i, f)]);
    // A row with only a date or a plan still needs its title: the schema says so by the row's title.
    return { title: form[actionField(i, 'title')] ?? '', ...Object.fromEntries(ACTION_ROW_FIELDS.slice(1).flatMap((f) => (value(f) === undefined ? [] : [[f, value(f)]]))) };
  });
  const candidate = {
    heldAt: dateCheck.success ? heldAtOf(date, opts.timeZone, opts.now) : opts.now.toISOString(),
    sharedSummary: form.sharedSummary ?? '',
    privateNotes: form.privateNotes ?? '',
    actions,
    notifyClient: true,
    ...(blank(form.nextSessionOn) ? {} : { nextSessionOn: form.nextSessionOn!.trim() }),
  };
  const parsed = sessionCreateSchema.safeParse(candidate);
  if (!parsed.success) problems.push(...toFieldIssues(parsed.error.issues).map((p) => ({ ...p, field: rowField(p.field, rows) })));
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, session: parsed.data, rows };
}

/** `actions.1.title` of the parsed list, as the form's row it came from. */
export const rowField = (field: string, rows: readonly number[]): string => {
  const m = /^actions\.(\d+)\.(.+)$/.exec(field);
  return m ? `actions.${rows[Number(m[1])] ?? 0}.${m[2]}` : field === 'heldAt' ? 'date' : field;
};
