import { assessmentInvitationItem, noAssessmentInvitationItem } from '../db/assessments.js';
import type { TenantScope } from '../db/keys.js';
import type { TransactItem } from '../db/transact.js';
import { cadenceOf, nextInvitation, nextScheduledRound, openRound, progressOf, type Assessment } from '../domain/assessments.js';
import type { Program } from '../domain/coaching.js';
import { programRuns, type ProgramCollection } from '../domain/program.js';
import { pulseView } from '../domain/pulse.js';
import { digestRecipient, localDay } from '../domain/reminders.js';
import type { Tenant } from '../domain/tenant.js';

/** The client's today, which names rounds. */
export const clientToday = (program: Pick<Program, 'client'>, now: Date) => localDay(now, program.client.timeZone);

/**
 * The invitation a program keeps, written with each change that moves its rounds (dates, cadence, competencies,
 * status): to the round opening today, else the next one, at the client's digest time. None while the program names
 * no competencies, is not running, or has no round to come.
 */
export function invitationItems(scope: TenantScope, tenant: Tenant, program: Program, now: Date, opts: { replacing: boolean }): TransactItem[] {
  const next = programRuns(program) ? nextInvitation(program, tenant.reminderPolicy, now) : undefined;
  if (!next) return opts.replacing ? [noAssessmentInvitationItem(scope, program.programId)] : [];
  return [assessmentInvitationItem(scope, { programId: program.programId, dueAt: next.dueAt.toISOString(), opensOn: next.opensOn, cadence: cadenceOf(program) }, digestRecipient(program))];
}

/** Program fields whose change moves the rounds or who takes them. */
export const ROUND_FIELDS = ['startDate', 'endDate', 'assessmentEveryWeeks', 'competencies', 'status'] as const;

/** What a page or the API shows of a program's self-assessment: the open round, the next, and progress so far. */
export function assessmentState(collection: ProgramCollection, now: Date) {
  const { program } = collection;
  const assessments = collection.assessments ?? [];
  const today = clientToday(program, now);
  const cadence = cadenceOf(program);
  const open = program.competencies.length ? openRound(cadence, assessments, today) : undefined;
  const stored = open ? assessments.find((a) => a.round === open.round) : undefined;
  const next = nextScheduledRound(cadence, today);
  return {
    today,
    everyWeeks: cadence.everyWeeks,
    open: open ? { ...open, ...(stored?.client ? { answers: stored.client.answers, answeredAt: stored.client.at } : {}) } : undefined,
    next: next && program.competencies.length ? next : undefined,
    progress: progressOf(program, assessments),
  };
}

/** The program page's part of the self-assessment: the open round, the next, and each competency's stages so far. */
export function assessmentsSummary(collection: ProgramCollection, now: Date) {
  const state = assessmentState(collection, now);
  return { everyWeeks: state.everyWeeks, open: state.open ?? null, next: state.next ?? null, progress: state.progress };
}

/** The coach's view of the self-assessment (API and, later, the staff pages): every round with both sides, and the pulse. */
export function assessmentsView(collection: ProgramCollection, now: Date) {
  return { ...assessmentsSummary(collection, now), rounds: [...(collection.assessments ?? [])].reverse().map(roundView), pulse: pulseView(collection) };
}

export const roundView = (a: Assessment) => ({
  round: a.round,
  kind: a.kind,
  ...(a.client ? { client: a.client } : {}),
  ...(a.coach ? { coach: a.coach } : {}),
});
