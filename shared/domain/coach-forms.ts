import * as z from 'zod/mini';
import type { FieldIssue } from '../errors.js';
import { assessmentFormFields, coachViewSchema, type CoachViewInput } from './assessments.js';
import { calendarDate, PROGRAM_LIMITS, sessionUpdateSchema, type Session, type SessionUpdate } from './coaching.js';
import { heldAtOf } from './program-forms.js';
import { localDay } from './reminders.js';
import { lazySchema, toFieldIssues } from './validation.js';

/**
 * The coach's forms on a program's page that the JSON API already had: a session edited (or archived) and the coach's
 * own view of a self-assessment round. Each posted form is reshaped onto the API's own schema (sessionUpdateSchema,
 * coachViewSchema), so the rules stay there.
 */

// Posted text is bounded here only against abuse; the API's schema says what a field may hold.
const posted = () => z.optional(z.string().check(z.maxLength(20_000)));

export const editSessionFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ date: posted(), sharedSummary: posted(), privateNotes: posted(), archived: posted() }));
export type EditSessionForm = z.output<typeof editSessionFormSchema>;

/** The coach-view form: per competency `competency-<i>`, `stage-<i>` and `note-<i>`, as the client's form names them. */
export const coachViewFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject(
    Object.fromEntries(Array.from({ length: PROGRAM_LIMITS.competencies }, (_, i) => ['competency', 'stage', 'note'].map((f) => [`${f}-${i}`, posted()])).flat()),
  ));
export type CoachViewForm = Record<string, string | undefined>;

/** The session's day in the firm's calendar: what the form shows and compares with. */
export const sessionDay = (session: Pick<Session, 'heldAt'>, timeZone: string) => localDay(new Date(session.heldAt), timeZone);

/**
 * The change the edit form describes, parsed by the API's schema. The day moves the instant only when it changed (the
 * time of day kept otherwise); a problem of `heldAt` is the form's `date`.
 */
export function sessionChangeOfForm(form: EditSessionForm, session: Session, opts: { timeZone: string; now: Date }): { ok: true; change: SessionUpdate } | { ok: false; problems: FieldIssue[] } {
  const date = (form.date ?? '').trim();
  const dateCheck = calendarDate().safeParse(date);
  const problems: FieldIssue[] = dateCheck.success ? [] : toFieldIssues(dateCheck.error.issues, 'date');
  const moved = dateCheck.success && date !== sessionDay(session, opts.timeZone);
  const parsed = sessionUpdateSchema.safeParse({
    ...(moved ? { heldAt: heldAtOf(date, opts.timeZone, opts.now) } : {}),
    sharedSummary: form.sharedSummary ?? '',
    privateNotes: form.privateNotes ?? '',
    archived: form.archived === 'on',
  });
  if (!parsed.success) problems.push(...toFieldIssues(parsed.error.issues).map((p) => ({ ...p, field: p.field === 'heldAt' ? 'date' : p.field })));
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, change: parsed.data };
}

/**
 * The coach's view the form describes: a competency left without stage and note is left out (the coach may answer
 * some); a note without a stage asks for the stage. Problems are named by the form's fields (`stage-2`).
 */
export function coachViewOfForm(form: CoachViewForm): { ok: true; view: CoachViewInput; rows: number[] } | { ok: false; problems: FieldIssue[] } {
  const fields = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
  const rows = (assessmentFormFields(fields).answers as Record<string, string>[]).map((answer, i) => ({ answer, i })).filter(({ answer }) => answer.stage !== undefined || answer.note !== undefined);
  if (!rows.length) return { ok: false, problems: [{ field: 'stage-0', message: 'choose a stage for at least one competency' }] };
  const parsed = coachViewSchema.safeParse({ answers: rows.map((r) => r.answer) });
  if (parsed.success) return { ok: true, view: parsed.data, rows: rows.map((r) => r.i) };
  return { ok: false, problems: toFieldIssues(parsed.error.issues).map((p) => ({ ...p, field: coachViewField(p.field, rows.map((r) => r.i)) })) };
}

/** `answers.1.stage` of the parsed list as the form's field: `stage-<row it came from>` (a competency's problem is its stage's). */
export const coachViewField = (field: string, rows: readonly number[]): string => {
  const m = /^answers\.(\d+)\.(stage|note|competency)$/.exec(field);
  if (!m) return 'stage-0';
  const row = rows[Number(m[1])] ?? 0;
  return m[2] === 'note' ? `note-${row}` : `stage-${row}`;
};
