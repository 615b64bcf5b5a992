import { auditItem } from '../db/audit.js';
import { answersItem, assessmentActivityItem, extraRoundItem } from '../db/assessments.js';
import { programCountersItem } from '../db/coaching.js';
import { ConditionFailed, transact } from '../db/transact.js';
import type { StaffPrincipal } from '../domain/access.js';
import {
  cadenceOf,
  checkAnswers,
  scheduledKindOn,
  type Assessment,
  type ClientAssessmentForm,
  type CoachViewInput,
  type RoundKind,
} from '../domain/assessments.js';
import { PROGRAM_LIMITS } from '../domain/coaching.js';
import { noCounterChange, WORKING_STATUSES, type ProgramCollection } from '../domain/program.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { assessmentEmail } from '../email/templates/client.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { rateLimitFailure, rateLimitItems } from '../limits/rate.js';
import type { Logger } from '../log.js';
import { assessmentState, clientToday, roundView } from './assessment-rounds.js';
import type { ClientView } from './client-page.js';
import { assertClientActive, assertWorking, checkLinkGenerationItem, CLIENT_LINK_DAYS, clientLinkCharges, clientLinkFor } from './programs.js';

/**
 * The self-assessment's reads and writes: the invitation a program keeps to its next round (written with the program,
 * moved on by the reminder sweep), the client's answers from their page, the coach's own view, and the coach's
 * "send one now". A round's answers are one item of the program's collection, written with the program's
 * counters item (its state and, for the client, the link's generation) in one transaction.
 */

const withRound = (collection: ProgramCollection, round: Assessment): ProgramCollection => ({
  ...collection,
  assessments: [...(collection.assessments ?? []).filter((a) => a.round !== round.round), round].sort((a, b) => (a.round < b.round ? -1 : 1)),
});

const assertRoomFor = (collection: ProgramCollection, round: string) => {
  const assessments = collection.assessments ?? [];
  if (!assessments.some((a) => a.round === round) && assessments.length >= PROGRAM_LIMITS.assessments) {
    throw new ConflictError(`This program has reached its limit of ${PROGRAM_LIMITS.assessments} self-assessments; start a new program for the next phase`, undefined, 'closed');
  }
};

/**
 * The client's answers to the open round, from their page: every competency of the program, each with a stage and
 * an optional note. Answers to a round that closed meanwhile are refused (the page shows the new one).
 */
export async function recordClientAssessment(view: ClientView, form: ClientAssessmentForm, now: Date): Promise<{ collection: ProgramCollection; round: Assessment }> {
  const { collection, scope } = view;
  const { program } = collection;
  const open = assessmentState(collection, now).open;
  if (!open || open.round !== form.round) throw new ConflictError('This self-assessment has closed; the page shows the one open now', undefined, 'round-closed');
  const answers = checkAnswers(program, form.answers, { all: true });
  assertRoomFor(collection, open.round);
  const existing = collection.assessments?.find((a) => a.round === open.round);
  const at = now.toISOString();
  try {
    await transact([
      answersItem(scope, { programId: program.programId, round: open.round, kind: open.kind }, 'client', { answers, at }, now),
      assessmentActivityItem(scope, program, open.round, answers, now),
      programCountersItem(scope, program.programId, noCounterChange(), { now, byClient: true, linkGeneration: view.link.generation, statuses: WORKING_STATUSES }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('Your page changed meanwhile; here it is as it stands', undefined, 'changed');
    throw error;
  }
  const round: Assessment = {
    programId: program.programId,
    round: open.round,
    kind: existing?.kind ?? open.kind,
    client: { answers, at, firstAnsweredAt: existing?.client?.firstAnsweredAt ?? at },
    ...(existing?.coach ? { coach: existing.coach } : {}),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    version: (existing?.version ?? 0) + 1,
  };
  return { collection: withRound(collection, round), round };
}

/** A round that has opened by `today`: a scheduled one, or one the coach opened. */
function roundOpenedBy(collection: Pick<ProgramCollection, 'program' | 'assessments'>, round: string, today: string): RoundKind | undefined {
  if (round > today) return undefined;
  return collection.assessments?.find((a) => a.round === round)?.kind ?? scheduledKindOn(cadenceOf(collection.program), round);
}

/**
 * The round of a program that opened on `round`: stored (answered, or opened by "send one now"), or scheduled and not
 * answered yet; a round still to come, or none that day, is a 404. Needs the program and that round's item only.
 */
export function openedRound(state: Pick<ProgramCollection, 'program' | 'assessments'>, round: string, now: Date): { kind: RoundKind; stored?: Assessment } {
  const kind = roundOpenedBy(state, round, clientToday(state.program, now));
  if (!kind) throw new NotFoundError('No self-assessment round of this program opened on that day');
  const stored = state.assessments?.find((a) => a.round === round);
  return { kind, ...(stored ? { stored } : {}) };
}

/** The coach's own view of a round (some or all competencies): shown beside the client's, to staff only. */
export async function recordCoachView(actor: StaffPrincipal, collection: ProgramCollection, round: string, input: CoachViewInput, now: Date) {
  const { program } = collection;
  const { kind } = openedRound(collection, round, now);
  const answers = checkAnswers(program, input.answers, { all: false });
  assertRoomFor(collection, round);
  await transact([
    answersItem(actor.scope, { programId: program.programId, round, kind }, 'coach', { answers, at: now.toISOString(), by: actor.userId }, now),
    auditItem(actor.scope, { actor: { kind: 'staff', id: actor.userId }, action: 'assessment.coach-view', resource: `program/${program.programId}/assessment/${round}` }, now),
  ]);
  const existing = collection.assessments?.find((a) => a.round === round);
  const at = now.toISOString();
  return roundView({
    programId: program.programId,
    round,
    kind,
    ...(existing?.client ? { client: existing.client } : {}),
    coach: { answers, at, by: actor.userId },
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    version: (existing?.version ?? 0) + 1,
  });
}

/**
 * The coach's "send one now": a round opens today (unless one opened today already) and the client gets an email with
 * a link straight to it. The email's key names the program and the client's day: a second request that day sends nothing.
 */
export async function openAssessmentNow(actor: StaffPrincipal, collection: ProgramCollection, deps: { now: Date; appUrl: string; log: Logger }) {
  const { program } = collection;
  assertWorking(program);
  assertClientActive(program);
  if (!program.competencies.length) throw new ConflictError('This program names no competencies to assess; add them first');
  const today = clientToday(program, deps.now);
  const opensToday = !!roundOpenedBy(collection, today, today);
  if (!opensToday) assertRoomFor(collection, today);
  const link = clientLinkFor(actor.scope, program, deps.now);
  const email = assessmentEmail(actor.tenant, program.client, { programId: program.programId, key: `assessment-invitation#${program.programId}#${today}`, coachName: actor.name, days: CLIENT_LINK_DAYS }, link, deps.appUrl);
  const change = [
    queueEmailItem(actor.scope, email, deps.now),
    checkLinkGenerationItem(actor.scope, program),
    link.item,
    auditItem(actor.scope, { actor: { kind: 'staff', id: actor.userId }, action: 'assessment.opened', resource: `program/${program.programId}/assessment/${today}` }, deps.now),
    ...(opensToday ? [] : [extraRoundItem(actor.scope, program.programId, today, deps.now)]),
  ];
  const charges = clientLinkCharges(actor.scope, program.client.email);
  try {
    await transact([...change, ...rateLimitItems(charges, deps.now)]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.failed.includes(0)) return { round: today, email: 'sent-already' as const };
    const limited = error instanceof ConditionFailed ? rateLimitFailure(error, charges, change.length, deps.now) : undefined;
    if (limited) throw limited;
    if (error instanceof ConditionFailed) throw new ConflictError('The program changed meanwhile; reload and try again');
    throw error;
  }
  return { round: today, email: await sendNow(actor.scope, email, deps.now, deps.log, link.token) };
}
