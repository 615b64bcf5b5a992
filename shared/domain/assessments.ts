import * as z from 'zod/mini';
import { ValidationError, type FieldIssue } from '../errors.js';
import { calendarDate, PROGRAM_LIMITS, programIdSchema, type Program } from './coaching.js';
import { digestSettings, localDay, nextDigestAt, plusDays, startOfLocalDay, type DigestSettings } from './reminders.js';
import type { CompetenceStage } from './reports.js';
import { lazySchema, multilineText, text } from './validation.js';

/**
 * The self-assessment on the four stages of competence, as plain functions: when a program's rounds open (one at the
 * start, one every few weeks, one at the end, and any the coach opens), which round is open on a day, what a client's
 * or a coach's answers may be, and how each competency's stage moves over time. No I/O here.
 *
 * A round is named by the day it opens (the client's calendar day). Its answers can change until the next round
 * opens; a round nobody answered leaves nothing behind.
 */
export const STAGES = [1, 2, 3, 4] as const;
export type Stage = (typeof STAGES)[number];

/** Weeks between rounds unless the program says otherwise. */
export const DEFAULT_ASSESSMENT_WEEKS = 4;
/** A periodic round this close to the end round is left out: the end round follows days later anyway. */
export const MIN_DAYS_BEFORE_END = 7;
export const ROUND_KINDS = ['start', 'periodic', 'end', 'extra'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export interface AssessmentCadence {
  startDate: string;
  endDate?: string;
  everyWeeks: number;
}

export const cadenceOf = (program: Pick<Program, 'startDate' | 'endDate' | 'assessmentEveryWeeks'>): AssessmentCadence => ({
  startDate: program.startDate,
  ...(program.endDate ? { endDate: program.endDate } : {}),
  everyWeeks: program.assessmentEveryWeeks ?? DEFAULT_ASSESSMENT_WEEKS,
});

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The kind of a scheduled round on `day`, if one opens that day. */
export function scheduledKindOn(c: AssessmentCadence, day: string): RoundKind | undefined {
  if (day === c.startDate) return 'start';
  if (c.endDate && day === c.endDate) return 'end';
  if (day < c.startDate || (c.endDate && day > c.endDate)) return undefined;
  const since = daysBetween(c.startDate, day);
  if (since % (c.everyWeeks * 7) !== 0) return undefined;
  if (c.endDate && daysBetween(day, c.endDate) < MIN_DAYS_BEFORE_END) return undefined;
  return 'periodic';
}

/** The first scheduled round opening after `day` (none after the end round). */
export function nextScheduledRound(c: AssessmentCadence, day: string): { opensOn: string; kind: RoundKind } | undefined {
  if (day < c.startDate) return { opensOn: c.startDate, kind: 'start' };
  const step = c.everyWeeks * 7;
  const periodic = plusDays(c.startDate, (Math.floor(daysBetween(c.startDate, day) / step) + 1) * step);
  if (!c.endDate) return { opensOn: periodic, kind: 'periodic' };
  if (day >= c.endDate) return undefined;
  if (periodic < c.endDate && daysBetween(periodic, c.endDate) >= MIN_DAYS_BEFORE_END) return { opensOn: periodic, kind: 'periodic' };
  return { opensOn: c.endDate, kind: 'end' };
}

/** The latest scheduled round opened on or before `day`, if the program has begun. */
export function latestScheduledRound(c: AssessmentCadence, day: string): { opensOn: string; kind: RoundKind } | undefined {
  if (day < c.startDate) return undefined;
  if (c.endDate && day >= c.endDate) return { opensOn: c.endDate, kind: scheduledKindOn(c, c.endDate)! };
  const step = c.everyWeeks * 7;
  for (let n = Math.floor(daysBetween(c.startDate, day) / step); n >= 0; n -= 1) {
    const opensOn = plusDays(c.startDate, n * step);
    const kind = scheduledKindOn(c, opensOn);
    if (kind) return { opensOn, kind };
  }
  return { opensOn: c.startDate, kind: 'start' };
}

/**
 * The invitation a program keeps: to the round opening on the client's today, else the next one, due at the client's
 * digest time that day (with their reminders off, at their hour all the same: the digest then drops it). None while
 * the program names no competencies or has no round to come.
 */
export function nextInvitation(
  program: Pick<Program, 'startDate' | 'endDate' | 'assessmentEveryWeeks' | 'competencies' | 'client'>,
  policy: Parameters<typeof digestSettings>[0],
  now: Date,
): { opensOn: string; dueAt: Date } | undefined {
  if (!program.competencies.length) return undefined;
  const cadence = cadenceOf(program);
  const settings = digestSettings(policy, program.client);
  const today = localDay(now, settings.timeZone);
  const round = scheduledKindOn(cadence, today) ? { opensOn: today } : nextScheduledRound(cadence, today);
  if (!round) return undefined;
  const dueAt = invitationDueAt(round.opensOn, settings, now);
  return dueAt ? { opensOn: round.opensOn, dueAt } : undefined;
}

/** When the invitation to a round opening on `opensOn` goes out: the client's first digest time that day, not before `notBefore`. */
export function invitationDueAt(opensOn: string, settings: DigestSettings, notBefore: Date): Date | undefined {
  const from = new Date(Math.max(startOfLocalDay(opensOn, settings.timeZone).getTime(), notBefore.getTime()));
  return nextDigestAt(from, { ...settings, frequency: settings.frequency === 'off' ? 'daily' : settings.frequency });
}

/** A round of a program's self-assessment as stored (created by the first answer, or opened by the coach). */
export interface AnswerSet {
  answers: { competency: string; stage: Stage; note?: string }[];
  at: string;
}

export interface Assessment {
  programId: string;
  /** The day the round opened (the client's calendar day): its name. */
  round: string;
  kind: RoundKind;
  /** The client's own answers, as last saved; `firstAnsweredAt` is when they first answered. */
  client?: AnswerSet & { firstAnsweredAt: string };
  /** The coach's view of the same round: never shown to the client or a sponsor. */
  coach?: AnswerSet & { by: string };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A stored round as the domain reads it: the instant of the client's first answer is kept beside their answers. */
export function assessmentOf(stored: Record<string, unknown>): Assessment {
  const { firstClientAnswerAt, client, ...rest } = stored as unknown as Assessment & { firstClientAnswerAt?: string };
  return { ...rest, ...(client ? { client: { ...client, firstAnsweredAt: firstClientAnswerAt ?? client.at } } : {}) };
}

/**
 * The round open on `day`: the latest of the scheduled ones and those the coach opened (stored rounds of kind
 * `extra`), and the day the next one opens (the answers can change until then).
 */
export function openRound(c: AssessmentCadence, stored: readonly Pick<Assessment, 'round' | 'kind'>[], day: string): { round: string; kind: RoundKind; closesOn?: string } | undefined {
  const scheduled = latestScheduledRound(c, day);
  const extra = stored.filter((a) => a.kind === 'extra' && a.round <= day).sort((a, b) => (a.round < b.round ? 1 : -1))[0];
  const current = extra && (!scheduled || extra.round > scheduled.opensOn) ? { round: extra.round, kind: extra.kind } : scheduled ? { round: scheduled.opensOn, kind: scheduled.kind } : undefined;
  if (!current) return undefined;
  const next = nextScheduledRound(c, day);
  const laterExtra = stored.filter((a) => a.kind === 'extra' && a.round > day).sort((a, b) => (a.round < b.round ? -1 : 1))[0];
  const closesOn = [next?.opensOn, laterExtra?.round].filter((d): d is string => !!d).sort()[0];
  return { ...current, ...(closesOn ? { closesOn } : {}) };
}

// What clients and coaches send

const stage = () => z.coerce.number().check(z.int('must be a stage from 1 to 4'), z.gte(1, 'must be a stage from 1 to 4'), z.lte(4, 'must be a stage from 1 to 4'));
const answer = () => z.strictObject({ competency: text(1, 80), stage: stage(), note: z.optional(multilineText(1, 500)) });
export type AnswerInput = z.output<ReturnType<typeof answer>>;

/** The coach's own view of a round (JSON). */
export const coachViewSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ answers: z.array(answer()).check(z.minLength(1), z.maxLength(PROGRAM_LIMITS.competencies)) }));
export type CoachViewInput = z.output<typeof coachViewSchema>;

export const assessmentPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema(), round: calendarDate() }));
/** "Send one now": nothing to say but the request itself. */
export const assessmentOpenSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({}));

/**
 * The client's form: one fieldset per competency, fields `competency-<i>`, `stage-<i>`, `note-<i>` (a form sends
 * strings; an empty note counts as none). The round is the one the page showed: answers for a round that closed
 * meanwhile are refused, not filed under the new one.
 */
export const clientAssessmentFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    token: z.string().check(z.minLength(1), z.maxLength(200)),
    round: calendarDate(),
    answers: z.array(answer()).check(z.maxLength(PROGRAM_LIMITS.competencies)),
  }));
export type ClientAssessmentForm = z.output<typeof clientAssessmentFormSchema>;

/** A posted form's flat fields as the schema reads them: `stage-0` … into `answers[0].stage` …; unknown fields kept, so the strict schema names them. */
export function assessmentFormFields(form: Record<string, string>): Record<string, unknown> {
  const answers: Record<string, string>[] = [];
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form)) {
    const m = /^(competency|stage|note)-(\d{1,2})$/.exec(name);
    if (!m) {
      rest[name] = value;
      continue;
    }
    const i = Number(m[2]);
    if (i >= PROGRAM_LIMITS.competencies) {
      rest[name] = value;
      continue;
    }
    answers[i] ??= {};
    if (value.trim() !== '') answers[i]![m[1]!] = value;
  }
  return { ...rest, answers: Array.from({ length: answers.length }, (_, i) => answers[i] ?? {}) };
}

/**
 * Answers held to the program's competencies: each named once, none unknown; the client answers every one (a
 * self-assessment with gaps would chart as a fall), the coach may answer some.
 */
export function checkAnswers(program: Pick<Program, 'competencies'>, answers: readonly AnswerInput[], opts: { all: boolean }): AnswerSet['answers'] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (!program.competencies.includes(a.competency)) issues.push({ field: `answers.${i}.competency`, message: `must be one of the program's competencies: ${program.competencies.join(', ')}` });
    else if (seen.has(a.competency)) issues.push({ field: `answers.${i}.competency`, message: 'must not be answered twice' });
    seen.add(a.competency);
  });
  if (opts.all) {
    program.competencies.forEach((competency, i) => {
      if (!seen.has(competency)) issues.push({ field: `answers.${i}.stage`, message: `pick the stage that fits "${competency}" now` });
    });
  }
  if (!program.competencies.length) issues.push({ field: 'answers', message: 'the program names no competencies to assess' });
  if (issues.length) throw new ValidationError(issues);
  // In the program's order, whatever the form's.
  return program.competencies.flatMap((competency) => {
    const a = answers.find((x) => x.competency === competency);
    return a ? [{ competency, stage: a.stage as Stage, ...(a.note ? { note: a.note } : {}) }] : [];
  });
}

// Progress

export interface StagePoint {
  round: string;
  stage: Stage;
}

export interface CompetencyProgress {
  competency: string;
  /** The client's stage at each round they answered, oldest first. */
  points: StagePoint[];
  /** The coach's view at each round they recorded one (the coach's pages only). */
  coachPoints: StagePoint[];
  baseline?: StagePoint;
  latest?: StagePoint;
}

/** How each of the program's competencies moved, from its assessments (oldest first); retired competencies last. */
export function progressOf(program: Pick<Program, 'competencies'>, assessments: readonly Assessment[]): CompetencyProgress[] {
  const rounds = [...assessments].sort((a, b) => (a.round < b.round ? -1 : 1));
  const named = [...program.competencies];
  for (const a of rounds) for (const x of [...(a.client?.answers ?? []), ...(a.coach?.answers ?? [])]) if (!named.includes(x.competency)) named.push(x.competency);
  return named.map((competency) => {
    const of = (side: 'client' | 'coach') =>
      rounds.flatMap((a) => {
        const x = a[side]?.answers.find((y) => y.competency === competency);
        return x ? [{ round: a.round, stage: x.stage }] : [];
      });
    const points = of('client');
    return { competency, points, coachPoints: of('coach'), ...(points.length ? { baseline: points[0]!, latest: points.at(-1)! } : {}) };
  });
}

/**
 * The stages a sponsor report shows (at `assessments` and above): each competency's latest stage the client gave
 * before `before` (an instant: the report's period end), the one before it and the first.
 */
export function competenceStagesOf(program: Pick<Program, 'competencies'>, assessments: readonly Assessment[], before: string): CompetenceStage[] {
  const known = assessments.filter((a) => a.client && a.client.firstAnsweredAt < before);
  return progressOf(program, known)
    .filter((p) => program.competencies.includes(p.competency) && p.latest)
    .map((p) => {
      const last = known.find((a) => a.round === p.latest!.round)!;
      const previous = p.points.at(-2);
      return {
        competency: p.competency,
        stage: p.latest!.stage,
        ...(previous ? { previousStage: previous.stage } : {}),
        ...(p.points.length > 1 ? { firstStage: p.baseline!.stage } : {}),
        assessedAt: last.client!.at,
      };
    });
}
