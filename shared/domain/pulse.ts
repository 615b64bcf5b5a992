import * as z from 'zod/mini';
import type { Program } from './coaching.js';
import { lazySchema } from './validation.js';

/**
 * The sponsor's one-question pulse, as plain functions: what each report asks about (the program's competencies in
 * turn, else its goals, else its title), what an answer is, and what the coach's program page shows of the answers.
 * No I/O here: shared/coaching/pulse.ts reads and writes.
 */

/** The scale: 1 no change … 5 a lot of change. */
export const PULSE_ANSWERS = [1, 2, 3, 4, 5] as const;
export type PulseAnswer = (typeof PULSE_ANSWERS)[number];

/** Answers one sponsor's pulse keeps per program (a year of weekly reports, and then some): the program page's Query stays small. */
export const PULSE_LIMIT = 60;

/** Answers the program page shows (the latest). */
export const LATEST_PULSES = 24;

/** The one answer to the question of one report: one item per report in the program's collection. */
export interface Pulse {
  programId: string;
  reportId: string;
  sponsorId: string;
  subject: string;
  answer: PulseAnswer;
  answeredAt: string;
}

/** What a report asks about, stored in its snapshot when it is prepared: what the answer is about stays fixed. */
export interface PulseQuestion {
  subject: string;
}

/**
 * The subject of a sponsor's `reportsSent`-th report (0 for the first): each competency in turn, then the goals if the
 * program names no competency, else the program itself. A goal's line breaks become spaces (it stands in a sentence).
 */
export function pulseSubject(program: Pick<Program, 'competencies' | 'goals' | 'title'>, reportsSent: number): string {
  const subjects = program.competencies.length ? program.competencies : program.goals;
  const subject = subjects.length ? subjects[reportsSent % subjects.length]! : program.title;
  return subject.replace(/\s+/g, ' ').trim();
}

/** The period end of a report: its id starts with it. */
const periodEndOf = (reportId: string) => reportId.slice(0, 10);

/** The program page's pulse: the latest answers, oldest first (report ids start with their period end), each with the report's period end. */
export function pulseView(collection: { pulses?: readonly Pulse[] }) {
  const answers = [...(collection.pulses ?? [])]
    .sort((a, b) => (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : a.answeredAt < b.answeredAt ? -1 : 1))
    .slice(-LATEST_PULSES)
    .map((p) => ({ reportId: p.reportId, sponsorId: p.sponsorId, subject: p.subject, answer: p.answer, periodEnd: periodEndOf(p.reportId), answeredAt: p.answeredAt }));
  return { answers };
}

const token = () => z.string().check(z.minLength(1), z.maxLength(200));
const answer = () => z.enum(['1', '2', '3', '4', '5'], 'must be a whole number from 1 (no change) to 5 (a lot of change)');

/** The answer link's query (`/pulse?token=…&answer=3`) and the confirm form alike: the report's link token and the answer, strings as a URL or form has them. */
export const pulseInputSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ token: token(), answer: answer() }));

export const pulseAnswerOf = (value: '1' | '2' | '3' | '4' | '5'): PulseAnswer => Number(value) as PulseAnswer;
