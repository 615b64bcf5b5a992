import { auditItem } from '../db/audit.js';
import {
  actionItem,
  changeItem,
  checkActiveSponsorItem,
  checkClientItem,
  getProgramCollection,
  listPrograms,
  newProgramItem,
  programCountersItem,
  programSettingsItem,
  sessionItem,
} from '../db/coaching.js';
import { tableName } from '../db/client.js';
import { keys, type TenantScope } from '../db/keys.js';
import type { Page } from '../db/page.js';
import { ConditionFailed, transact, withoutKeys, type TransactItem } from '../db/transact.js';
import { can, coaches, type StaffPrincipal } from '../domain/access.js';
import { clientSummary, type Change, type Client, type Program, type ProgramCreate, type ProgramUpdate, type Session, type SessionCreate, type SessionUpdate } from '../domain/coaching.js';
import { actionsByCompetency } from '../domain/competency-actions.js';
import { flowSummary } from '../domain/flow.js';
import { ACTION_HISTORY_FIELDS, WORKING_STATUSES, actionCounterChange, changedFields, completionOfCounters, flowZonesOfCounters, emptyCounters, mergeCounterChanges, newAction, overdueCount, programPage, splitCollection, type ProgramCollection } from '../domain/program.js';
import { pulseView } from '../domain/pulse.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { captureEmail, freshLinkEmail } from '../email/templates/client.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { newId } from '../ids.js';
import { issueLink } from '../links/tokens.js';
import { digestRecipient, digestSettings, postSessionPromptAt, reminderKindsOn, scheduleAction } from '../domain/reminders.js';
import { rateRules } from '../limits/policy.js';
import { rateLimitFailure, rateLimitItems, rateSubject, type RateCharge } from '../limits/rate.js';
import type { Logger } from '../log.js';
import { actionView, obstacleView } from './views.js';
import { reportScheduleItems } from './report-schedules.js';
import { DEFAULT_ASSESSMENT_WEEKS } from '../domain/assessments.js';
import { assessmentsSummary, invitationItems, ROUND_FIELDS } from './assessment-rounds.js';
import { proposeSharing, reportsView, sharingView } from '../domain/reports.js';

/**
 * Programs and their sessions, and the client's link to a program. A program is one item collection: its page is
 * one Query. Recording a session writes the session, the actions agreed in it, the program's counters, a fresh
 * client link and the capture email to the outbox in one transaction; the email is sent right after.
 */
export interface Deps {
  now: Date;
  appUrl: string;
  log: Logger;
}

/** Days a client link works; each new email carries a fresh one. */
export const CLIENT_LINK_DAYS = 30;

const audit = (p: StaffPrincipal, action: string, resource: string, now: Date, details?: Record<string, unknown>) =>
  auditItem(p.scope, { actor: { kind: 'staff', id: p.userId }, action, resource, ...(details ? { details } : {}) }, now);

export const programNotFound = () => new NotFoundError('No program with that id in your firm');

/** The program item among items a request read with its auth, if the principal may see it; else a 404. */
export function visibleProgram(principal: StaffPrincipal, loaded: readonly Record<string, unknown>[], programId: string): Program {
  const item = withoutKeys<Program>(loaded.find((i) => i.type === 'Program' && i.programId === programId));
  if (!item || !coaches(principal, item.coachId)) throw programNotFound();
  return item;
}

export const assertWorking = (program: Program) => {
  if (!(WORKING_STATUSES as readonly string[]).includes(program.status)) throw new ConflictError(`This program is ${program.status}; set it active again to change it`);
};

/** `client`: the client the input names, as read with the request's auth. */
export async function createProgram(actor: StaffPrincipal, client: Client | undefined, input: ProgramCreate, deps: { now: Date }): Promise<Program> {
  if (!client || client.clientId !== input.clientId || !coaches(actor, client.coachId) || client.status !== 'active') {
    throw new ValidationError([{ field: 'clientId', message: 'must be an active client of yours' }]);
  }
  const at = deps.now.toISOString();
  const program: Program = {
    programId: newId(deps.now.getTime()),
    clientId: client.clientId,
    coachId: client.coachId,
    client: clientSummary(client),
    sponsorIds: input.sponsorIds,
    title: input.title,
    goals: input.goals,
    competencies: input.competencies,
    startDate: input.startDate,
    ...(input.endDate ? { endDate: input.endDate } : {}),
    sessionsPlanned: input.sessionsPlanned,
    status: 'active',
    reportCadence: input.reportCadence ?? actor.tenant.reportDefaults.cadence,
    sharingLevel: input.sharingLevel ?? actor.tenant.reportDefaults.sharingLevel,
    sharingHistory: [{ by: { kind: 'staff', id: actor.userId }, change: 'proposed', level: input.sharingLevel ?? actor.tenant.reportDefaults.sharingLevel, at }],
    ...(input.reminderKinds ? { reminderKinds: input.reminderKinds } : {}),
    ...(input.assessmentEveryWeeks ? { assessmentEveryWeeks: input.assessmentEveryWeeks } : {}),
    clientLinkGeneration: 0,
    ...emptyCounters(),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const sponsorChecks = input.sponsorIds.map((id) => checkActiveSponsorItem(actor.scope, id));
  try {
    await transact([
      newProgramItem(actor.scope, program),
      checkClientItem(actor.scope, client),
      ...sponsorChecks,
      audit(actor, 'program.created', `program/${program.programId}`, deps.now, { clientId: client.clientId, sharing: { change: 'proposed', level: program.sharingLevel } }),
      ...reportScheduleItems(actor.scope, actor.tenant, undefined, program, deps.now),
      ...invitationItems(actor.scope, actor.tenant, program, deps.now, { replacing: false }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      const sponsorFailures = error.failed.filter((i) => i >= 2 && i < 2 + sponsorChecks.length);
      if (sponsorFailures.length) throw new ValidationError(sponsorFailures.map((i) => ({ field: `sponsorIds.${i - 2}`, message: 'must be an active sponsor of your firm' })));
      throw new ConflictError('The client changed meanwhile; reload and try again');
    }
    throw error;
  }
  return program;
}

/** The program's collection, if the principal may see it: one Query. */
export async function programCollection(principal: StaffPrincipal, programId: string): Promise<ProgramCollection> {
  const collection = splitCollection(await getProgramCollection(principal.scope, programId));
  if (!collection || !coaches(principal, collection.program.coachId)) throw programNotFound();
  return collection;
}

export async function updateProgram(actor: StaffPrincipal, program: Program, change: ProgramUpdate, deps: { now: Date }): Promise<Program> {
  const fields: Partial<Program> = {};
  for (const [key, value] of Object.entries(change)) (fields as Record<string, unknown>)[key] = value === null ? undefined : value;
  // A new proposal is a step of the sharing history; lowering it also lowers what the client agreed to.
  const proposal = change.sharingLevel && change.sharingLevel !== program.sharingLevel ? proposeSharing(program, change.sharingLevel, { kind: 'staff', id: actor.userId }, deps.now) : undefined;
  if (proposal) Object.assign(fields, proposal);
  const sponsorChecks = (change.sponsorIds ?? []).filter((id) => !program.sponsorIds.includes(id)).map((id) => checkActiveSponsorItem(actor.scope, id));
  const next: Program = { ...program, ...fields, updatedAt: deps.now.toISOString(), version: program.version + 1 };
  if (next.endDate && next.endDate < next.startDate) throw new ValidationError([{ field: change.endDate ? 'endDate' : 'startDate', message: 'the end date must not be before the start date' }]);
  try {
    await transact([
      programSettingsItem(actor.scope, program, fields, deps.now),
      ...sponsorChecks,
      audit(actor, 'program.updated', `program/${program.programId}`, deps.now, {
        fields: Object.keys(change),
        ...(change.status ? { status: change.status } : {}),
        ...(proposal ? { sharing: { change: proposal.sharingHistory[0]!.change, level: change.sharingLevel } } : {}),
      }),
      ...reportScheduleItems(actor.scope, actor.tenant, program, next, deps.now),
      // The invitation to the next self-assessment follows the rounds (and carries the program's new version).
      ...(ROUND_FIELDS.some((f) => f in change) ? invitationItems(actor.scope, actor.tenant, next, deps.now, { replacing: true }) : []),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.failed.some((i) => i > 0 && i <= sponsorChecks.length)) {
      throw new ValidationError([{ field: 'sponsorIds', message: 'must name active sponsors of your firm' }]);
    }
    if (error instanceof ConditionFailed) throw new ConflictError('This program changed meanwhile; reload and try again');
    throw error;
  }
  if (next.endDate === undefined) delete next.endDate;
  return next;
}

export function listProgramsFor(actor: StaffPrincipal, query: { coachId?: string; clientId?: string; status?: string; limit: number; cursor?: string }): Promise<Page<Program>> {
  if (!can(actor.role, 'clients:assign') && query.coachId !== undefined && query.coachId !== actor.userId) {
    throw new ForbiddenError('A coach lists their own programs only; leave out coachId');
  }
  const coachId = can(actor.role, 'clients:assign') ? query.coachId : actor.userId;
  return listPrograms(actor.scope, { coachId, clientId: query.clientId, status: query.status }, query.limit, query.cursor);
}

/** A program as lists show it: settings and counters, no children. */
export function programSummaryView(p: Program, now: Date) {
  return {
    programId: p.programId,
    clientId: p.clientId,
    coachId: p.coachId,
    client: { name: p.client.name, locale: p.client.locale, timeZone: p.client.timeZone },
    sponsorIds: p.sponsorIds,
    title: p.title,
    goals: p.goals,
    competencies: p.competencies,
    startDate: p.startDate,
    ...(p.endDate ? { endDate: p.endDate } : {}),
    sessionsPlanned: p.sessionsPlanned,
    sessionsHeld: p.sessionsHeld,
    status: p.status,
    reportCadence: p.reportCadence,
    sharingLevel: p.sharingLevel,
    assessmentEveryWeeks: p.assessmentEveryWeeks ?? DEFAULT_ASSESSMENT_WEEKS,
    ...(p.reminderKinds ? { reminderKinds: p.reminderKinds } : {}),
    ...(p.lastSessionAt ? { lastSessionAt: p.lastSessionAt } : {}),
    ...(p.nextSessionOn ? { nextSessionOn: p.nextSessionOn } : {}),
    ...(p.lastClientActivityAt ? { lastClientActivityAt: p.lastClientActivityAt } : {}),
    completion: completionOfCounters(p),
    openObstacles: p.obstaclesOpen,
    overdueActions: overdueCount(p, now),
    flowChecks: flowZonesOfCounters(p),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

/** Staff see a session whole, private notes included (marked as such by their name). */
export const sessionView = (s: Session) => {
  const { sessionId, programId, number, heldAt, sharedSummary, privateNotes, archived, createdBy, createdAt, updatedAt, version } = s;
  return { sessionId, programId, number, heldAt, sharedSummary, privateNotes, archived, createdBy, createdAt, updatedAt, version };
};

/** The client's link for a program, at the program's current link generation. */
export const clientLinkFor = (scope: TenantScope, program: Pick<Program, 'programId' | 'clientId' | 'clientLinkGeneration'>, now: Date) =>
  issueLink(scope, 'client', program.programId, CLIENT_LINK_DAYS * 86_400, now, program.clientLinkGeneration, { clientId: program.clientId });

export const assertClientActive = (program: Program) => {
  if (program.client.status === 'archived') throw new ConflictError('This client is archived; reactivate them first', undefined, 'client-archived');
};

/**
 * `opts.sessionId`: an id the caller made beforehand (a form made it when it was shown), so the same request sent
 * twice records one session: the second finds it recorded (ConflictError `already-recorded`) and writes nothing.
 */
export async function recordSession(actor: StaffPrincipal, program: Program, input: SessionCreate, deps: Deps, opts: { sessionId?: string } = {}) {
  assertWorking(program);
  assertClientActive(program);
  const at = deps.now.toISOString();
  const session: Session = {
    sessionId: opts.sessionId ?? newId(deps.now.getTime()),
    programId: program.programId,
    number: program.sessionsHeld + 1,
    heldAt: input.heldAt,
    sharedSummary: input.sharedSummary,
    privateNotes: input.privateNotes,
    archived: false,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  // Unless the client captures an action for it first, the client's digest prompts them a day after the session.
  const prompt = input.notifyClient && reminderKindsOn(actor.tenant.reminderPolicy, program.reminderKinds).postSession;
  const promptAt = prompt ? postSessionPromptAt(deps.now, digestSettings(actor.tenant.reminderPolicy, program.client), actor.tenant.reminderPolicy.postSessionHours) : undefined;
  if (promptAt) session.promptAt = promptAt.toISOString();
  const by = { kind: 'staff' as const, id: actor.userId };
  const settings = digestSettings(actor.tenant.reminderPolicy, program.client);
  let total = program.actionsTotal;
  const actions = input.actions.map((draft, i) => {
    try {
      const action = newAction({ ...program, actionsTotal: total++ }, { ...draft, sessionId: session.sessionId }, { actionId: newId(deps.now.getTime()) }, by, deps.now);
      return scheduleAction(action, settings, deps.now, true);
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.fields!.map((f) => ({ ...f, field: `actions.${i}.${f.field}` })));
      throw error;
    }
  });
  const created = (a: (typeof actions)[number]): Change => ({
    changeId: newId(deps.now.getTime()),
    subject: 'action',
    subjectId: a.actionId,
    actionId: a.actionId,
    at,
    by,
    kind: 'created',
    fields: changedFields(undefined, a, ACTION_HISTORY_FIELDS),
    versionAfter: 1,
  });
  const counters = mergeCounterChanges({ add: { sessionsHeld: 1 }, dueSet: {}, dueRemove: [] }, ...actions.map((a) => actionCounterChange(undefined, a)));
  const latest = !program.lastSessionAt || session.heldAt > program.lastSessionAt;
  const link = input.notifyClient ? clientLinkFor(actor.scope, program, deps.now) : undefined;
  const email = link
    ? captureEmail(actor.tenant, program.client, { programId: program.programId, clientId: program.clientId, sessionId: session.sessionId, number: session.number, coachName: actor.name, days: CLIENT_LINK_DAYS }, link, deps.appUrl)
    : undefined;
  const counterItem = programCountersItem(actor.scope, program.programId, counters, {
    now: deps.now,
    statuses: WORKING_STATUSES,
    ...(latest ? { sessionAt: session.heldAt } : {}),
    ...(input.nextSessionOn ? { nextSessionOn: input.nextSessionOn } : {}),
  });
  // The session number is the count before it: a concurrent recording of another session is refused, not numbered twice.
  const update = counterItem.Update!;
  update.ConditionExpression = `${update.ConditionExpression} AND sessionsHeld = :held`;
  update.ExpressionAttributeValues = { ...update.ExpressionAttributeValues, ':held': program.sessionsHeld };
  try {
    await transact([
      counterItem,
      sessionItem(actor.scope, session, digestRecipient(program)),
      ...actions.map((a) => actionItem(actor.scope, a, digestRecipient(program))),
      ...actions.map((a) => changeItem(actor.scope, program.programId, created(a))),
      ...(link && email ? [link.item, queueEmailItem(actor.scope, email, deps.now)] : []),
      audit(actor, 'session.recorded', `program/${program.programId}/session/${session.sessionId}`, deps.now, { number: session.number, actions: actions.length, clientNotified: !!email }),
    ]);
  } catch (error) {
    // The session item is the transaction's second: its id taken means this very session is recorded already.
    if (error instanceof ConditionFailed && opts.sessionId && error.failed.includes(1)) throw new ConflictError('This session is recorded already', undefined, 'already-recorded');
    if (error instanceof ConditionFailed && error.failed.includes(0)) throw new ConflictError('The program changed meanwhile (another session was recorded, or its status changed); reload and try again');
    throw error;
  }
  const delivery = email && link ? await sendNow(actor.scope, email, deps.now, deps.log, link.token) : undefined;
  return { session, actions, ...(delivery ? { email: delivery } : {}) };
}

export async function updateSession(actor: StaffPrincipal, program: Program, session: Session, change: SessionUpdate, deps: { now: Date }): Promise<Session> {
  const next: Session = { ...session, ...change, updatedAt: deps.now.toISOString(), version: session.version + 1 };
  try {
    await transact([sessionItem(actor.scope, next, digestRecipient(program)), audit(actor, 'session.updated', `program/${program.programId}/session/${session.sessionId}`, deps.now, { fields: Object.keys(change) })]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('This session changed meanwhile; reload and try again');
    throw error;
  }
  return next;
}

/** Emails the client a fresh link to the program (the coach's "send the link again"). */
export async function sendClientLink(actor: StaffPrincipal, program: Program, deps: Deps) {
  assertWorking(program);
  assertClientActive(program);
  const link = clientLinkFor(actor.scope, program, deps.now);
  const email = freshLinkEmail(actor.tenant, program.client, { programId: program.programId, clientId: program.clientId, key: `client-link#${program.programId}#${newId(deps.now.getTime())}`, days: CLIENT_LINK_DAYS }, link, deps.appUrl);
  const change = [
    checkLinkGenerationItem(actor.scope, program),
    link.item,
    queueEmailItem(actor.scope, email, deps.now),
    audit(actor, 'client-link.sent', `program/${program.programId}`, deps.now),
  ];
  const charges = clientLinkCharges(actor.scope, program.client.email);
  try {
    await transact([...change, ...rateLimitItems(charges, deps.now)]);
  } catch (error) {
    const limited = error instanceof ConditionFailed ? rateLimitFailure(error, charges, change.length, deps.now) : undefined;
    if (limited) throw limited;
    if (error instanceof ConditionFailed) throw new ConflictError('The program changed meanwhile; reload and try again');
    throw error;
  }
  return { email: await sendNow(actor.scope, email, deps.now, deps.log, link.token), validUntil: link.validUntil };
}

/** Ends every open link of the program's client at once: the program's link generation moves on. */
export async function revokeClientLinks(actor: StaffPrincipal, program: Program, deps: { now: Date }): Promise<void> {
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: keys.program(actor.scope, program.programId),
          UpdateExpression: 'ADD clientLinkGeneration :one',
          ConditionExpression: 'clientLinkGeneration = :g',
          ExpressionAttributeValues: { ':one': 1, ':g': program.clientLinkGeneration },
        },
      },
      audit(actor, 'client-link.revoked', `program/${program.programId}`, deps.now),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('The links were revoked meanwhile; reload');
    throw error;
  }
}

/** Link emails to one client per day (the coach's and the client's own requests together). */
export const clientLinkCharges = (scope: TenantScope, clientEmail: string): RateCharge[] => [{ rule: rateRules.clientLinksPerRecipientDay, subject: rateSubject.recipient(scope, clientEmail) }];

export const checkLinkGenerationItem = (scope: TenantScope, program: Program): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.program(scope, program.programId),
    ConditionExpression: 'clientLinkGeneration = :g',
    ExpressionAttributeValues: { ':g': program.clientLinkGeneration },
  },
});

/** The program page: everything before the next session, from the one Query of its collection. */
export function programPageView(collection: ProgramCollection, now: Date) {
  const page = programPage(collection, now);
  return {
    program: programSummaryView(collection.program, now),
    sessions: page.sessions.map(({ session, completion }) => ({ ...sessionView(session), completion })),
    actions: page.actions.map(actionView),
    openObstacles: page.openObstacles.map(obstacleView),
    pulse: pulseView(collection),
    completion: page.completion,
    overdueActions: page.overdue.map((a) => a.actionId),
    latestFlowChecks: page.latestFlowChecks,
    flow: flowSummary(page.actions),
    competencies: actionsByCompetency(collection.program.competencies, page.actions),
    agenda: page.agenda.map((item) =>
      item.kind === 'obstacle' ? { ...item, resolve: { method: 'PATCH', path: `/v1/programs/${collection.program.programId}/obstacles/${item.obstacleId}`, body: { resolved: true, resolutionNote: '…' } } } : item,
    ),
    today: page.today,
    reports: reportsView(collection.reportSchedules),
    assessments: assessmentsSummary(collection, now),
    sharing: sharingView(collection.program),
  };
}
