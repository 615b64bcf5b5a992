import { assessmentInvitationItem, noAssessmentInvitationItem } from '../db/assessments.js';
import type { TenantScope } from '../db/keys.js';
import type { TransactItem } from '../db/transact.js';
import { cadenceOf, nextScheduledRound, openRound, progressOf, scheduledKindOn } from '../domain/assessments.js';
import type { Program } from '../domain/coaching.js';
import { WORKING_STATUSES, type ProgramCollection } from '../domain/program.js';
import { digestRecipient, digestSettings, localDay, nextDigestAt, startOfLocalDay } from '../domain/reminders.js';
import type { Tenant } from '../domain/tenant.js';

/** The client's today, which names rounds. */
export const clientToday = (program: Pick<Program, 'client'>, now: Date) => localDay(now, program.client.timeZone);

/**
 * The invitation a program keeps, written with each change that moves its rounds (dates, cadence, competencies,
 * status): to the round opening today, else the next one, at the client's digest time. None while the program names
 * no competencies, is not running, or has no round to come.
 */
export function invitationItems(scope: TenantScope, tenant: Tenant, program: Program, now: Date): TransactItem[] {
  const runs = (WORKING_STATUSES as readonly string[]).includes(program.status) && program.client.status !== 'archived';
  const cadence = cadenceOf(program);
  const today = clientToday(program, now);
  const round = scheduledKindOn(cadence, today) ? { opensOn: today } : nextScheduledRound(cadence, today);
  if (!runs || !program.competencies.length || !round) return [noAssessmentInvitationItem(scope, program.programId)];
  const settings = digestSettings(tenant.reminderPolicy, program.client);
  const from = new Date(Math.max(startOfLocalDay(round.opensOn, settings.timeZone).getTime(), now.getTime()));
  const dueAt = nextDigestAt(from, { ...settings, frequency: settings.frequency === 'off' ? 'daily' : settings.frequency });
  if (!dueAt) return [noAssessmentInvitationItem(scope, program.programId)];
  return [assessmentInvitationItem(scope, { programId: program.programId, dueAt: dueAt.toISOString(), opensOn: round.opensOn, cadence }, digestRecipient(program))];
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
