import * as z from 'zod/mini';
import { ACTION_STATUSES, CLIENT_STATUSES, OBSTACLE_CATEGORIES, PROGRAM_STATUSES, REMINDER_FREQUENCIES, SPONSOR_STATUSES } from '../domain/coaching.js';
import { FLOW_ZONES, type FlowZone } from '../domain/flow.js';
import { LOCALES, REPORT_CADENCES, reminderKindsSchema, SHARING_LEVELS } from '../domain/tenant.js';
import { ROUND_KINDS } from '../domain/assessments.js';

/**
 * The success bodies of the coaching core's staff routes (see responses.ts for the rules: strict, made on first use).
 */
const lazy = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

const isoTime = () => z.iso.datetime();
const date = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const next = () => z.optional(z.string());
const actor = () => z.union([z.strictObject({ kind: z.literal('client') }), z.strictObject({ kind: z.literal('staff'), id: z.string() })]);

const completion = () =>
  z.strictObject({
    total: z.int(),
    open: z.int(),
    done: z.int(),
    partly: z.int(),
    notDone: z.int(),
    dropped: z.int(),
    /** (done + half of partly) / (all but dropped), 0-1; null when there is nothing to count. */
    rate: z.nullable(z.number()),
  });

export const clientView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    clientId: z.string(),
    name: z.string(),
    email: z.string(),
    organisation: z.optional(z.string()),
    timeZone: z.string(),
    locale: z.enum(LOCALES),
    coachId: z.string(),
    emailPreferences: z.strictObject({ reminders: z.enum(REMINDER_FREQUENCIES), hour: z.int() }),
    /** Why no email reaches the client's address (SES reported a permanent bounce or a complaint), and since when. */
    emailSuppressed: z.optional(z.strictObject({ reason: z.enum(['bounce', 'complaint']), since: isoTime() })),
    status: z.enum(CLIENT_STATUSES),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    version: z.int(),
  }));

export const sponsorView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    sponsorId: z.string(),
    name: z.string(),
    email: z.string(),
    organisation: z.optional(z.string()),
    role: z.string(),
    locale: z.enum(LOCALES),
    timeZone: z.string(),
    status: z.enum(SPONSOR_STATUSES),
    /** Why no report reaches this sponsor: their address bounced or complained, or they unsubscribed from reports. */
    emailSuppressed: z.optional(z.strictObject({ reason: z.enum(['bounce', 'complaint', 'unsubscribed']), since: isoTime() })),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    version: z.int(),
  }));

export const programSummary = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    programId: z.string(),
    clientId: z.string(),
    coachId: z.string(),
    client: z.strictObject({ name: z.string(), locale: z.enum(LOCALES), timeZone: z.string() }),
    sponsorIds: z.array(z.string()),
    title: z.string(),
    goals: z.array(z.string()),
    competencies: z.array(z.string()),
    startDate: date(),
    endDate: z.optional(date()),
    sessionsPlanned: z.int(),
    sessionsHeld: z.int(),
    status: z.enum(PROGRAM_STATUSES),
    reportCadence: z.enum(REPORT_CADENCES),
    /** The coach's proposal of what sponsors may see; reports share it only once the client agrees (see the program page's `sharing`). */
    sharingLevel: z.enum(SHARING_LEVELS),
    /** Weeks between self-assessments (besides the one at the start and the one at the end). */
    assessmentEveryWeeks: z.int(),
    reminderKinds: z.optional(reminderKindsSchema),
    lastSessionAt: z.optional(isoTime()),
    nextSessionOn: z.optional(date()),
    lastClientActivityAt: z.optional(isoTime()),
    completion: completion(),
    openObstacles: z.int(),
    overdueActions: z.int(),
    /** The flow checks of the program's live actions, by zone. */
    flowChecks: z.strictObject({ anxiety: z.int(), boredom: z.int(), flow: z.int(), apathy: z.int() }),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    version: z.int(),
  }));

export const sessionView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    sessionId: z.string(),
    programId: z.string(),
    number: z.int(),
    heldAt: isoTime(),
    sharedSummary: z.string(),
    /** The coach's own notes: never shown to the client or a sponsor, never in an email. */
    privateNotes: z.string(),
    archived: z.boolean(),
    createdBy: z.string(),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    version: z.int(),
  }));

export const actionView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    actionId: z.string(),
    programId: z.string(),
    sessionId: z.optional(z.string()),
    title: z.string(),
    ifThenPlan: z.optional(z.string()),
    dueDate: z.optional(date()),
    competency: z.optional(z.string()),
    status: z.enum(ACTION_STATUSES),
    reflection: z.optional(z.string()),
    flow: z.optional(z.strictObject({ challenge: z.int(), skill: z.int(), at: isoTime() })),
    createdBy: actor(),
    archived: z.boolean(),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    decidedAt: z.optional(isoTime()),
    version: z.int(),
  }));

export const obstacleView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    obstacleId: z.string(),
    programId: z.string(),
    actionId: z.string(),
    text: z.string(),
    category: z.enum(OBSTACLE_CATEGORIES),
    at: isoTime(),
    resolved: z.optional(z.strictObject({ at: isoTime(), by: z.string(), note: z.string() })),
    createdBy: actor(),
    archived: z.boolean(),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    version: z.int(),
  }));

export const changeView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    changeId: z.string(),
    subject: z.enum(['action', 'obstacle']),
    subjectId: z.string(),
    /** The action it concerns: an action's history holds its obstacles' changes too. */
    actionId: z.string(),
    at: isoTime(),
    by: actor(),
    kind: z.enum(['created', 'updated', 'undone']),
    fields: z.record(z.string(), z.strictObject({ from: z.unknown(), to: z.unknown() })),
    undoes: z.optional(z.string()),
    obstacleId: z.optional(z.string()),
  }));

const flowCheck = () =>
  z.strictObject({ actionId: z.string(), title: z.string(), status: z.enum(ACTION_STATUSES), challenge: z.int(), skill: z.int(), at: isoTime() });
const flowSummaryView = () =>
  z.strictObject({
    /** How many of the latest flow checks are counted. */
    latest: z.int(),
    rule: z.strictObject({ wellAbove: z.int(), highEnough: z.int() }),
    counts: z.strictObject(Object.fromEntries(FLOW_ZONES.map((zone) => [zone, z.int()])) as Record<FlowZone, z.ZodMiniInt>),
    recent: z.array(z.extend(flowCheck(), { zone: z.enum(FLOW_ZONES) })),
  });
const competencyActions = () =>
  z.strictObject({
    competency: z.string(),
    /** False for a competency the program no longer names that actions still do. */
    inProgram: z.boolean(),
    completion: completion(),
    actions: z.array(z.strictObject({ actionId: z.string(), title: z.string(), status: z.enum(ACTION_STATUSES) })),
  });

const agendaItem = () =>
  z.union([
    z.strictObject({
      kind: z.literal('obstacle'),
      obstacleId: z.string(),
      actionId: z.string(),
      actionTitle: z.optional(z.string()),
      text: z.string(),
      category: z.enum(OBSTACLE_CATEGORIES),
      at: isoTime(),
      /** How to resolve it from the agenda. */
      resolve: z.strictObject({ method: z.literal('PATCH'), path: z.string(), body: z.strictObject({ resolved: z.literal(true), resolutionNote: z.string() }) }),
    }),
    z.strictObject({ kind: z.literal('not-done'), actionId: z.string(), title: z.string(), status: z.enum(ACTION_STATUSES), dueDate: z.optional(date()) }),
    z.strictObject({ kind: z.literal('overdue'), actionId: z.string(), title: z.string(), dueDate: date() }),
    z.strictObject({ kind: z.literal('due-soon'), actionId: z.string(), title: z.string(), dueDate: date() }),
    /** A flow check's suggestion: split an action that was too hard (anxiety), stretch one that was too easy (boredom). */
    z.strictObject({ kind: z.enum(['split', 'stretch']), ...flowCheck().shape }),
  ]);

export const clientResponse = /* @__PURE__ */ lazy(() => z.strictObject({ client: clientView() }));
export const clientPageResponse = /* @__PURE__ */ lazy(() => z.strictObject({ clients: z.array(clientView()), next: next() }));
export const sponsorResponse = /* @__PURE__ */ lazy(() => z.strictObject({ sponsor: sponsorView() }));
export const sponsorPageResponse = /* @__PURE__ */ lazy(() => z.strictObject({ sponsors: z.array(sponsorView()), next: next() }));
export const programResponse = /* @__PURE__ */ lazy(() => z.strictObject({ program: programSummary() }));
export const programListResponse = /* @__PURE__ */ lazy(() => z.strictObject({ programs: z.array(programSummary()), next: next() }));

/** The program page: everything the coach needs before the next session. */
const pulseAnswers = () =>
  z.strictObject({
    answers: z.array(z.strictObject({ reportId: z.string(), sponsorId: z.string(), subject: z.string(), answer: z.int().check(z.gte(1), z.lte(5)), periodEnd: date(), answeredAt: isoTime() })),
  });

export const programPageResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    program: programSummary(),
    sessions: z.array(z.extend(sessionView(), { completion: completion() })),
    actions: z.array(actionView()),
    openObstacles: z.array(obstacleView()),
    /** The sponsors' answers to their reports' one question, oldest first (the latest LATEST_PULSES). */
    pulse: pulseAnswers(),
    completion: completion(),
    overdueActions: z.array(z.string()),
    latestFlowChecks: z.array(z.strictObject({ actionId: z.string(), title: z.string(), challenge: z.int(), skill: z.int(), at: isoTime() })),
    /** Where the latest flow checks sit (zones by FLOW_RULE), newest first, and how many in each zone. */
    flow: flowSummaryView(),
    /** Each competency's linked actions (the latest few) and their completion; competencies the program dropped last. */
    competencies: z.array(competencyActions()),
    agenda: z.array(agendaItem()),
    /** The client's today, in their time zone: what "overdue" and "due soon" are measured from. */
    today: date(),
    reports: programReports(),
    assessments: programAssessments(),
    sharing: programSharing(),
  }));

// The self-assessment
const stage = () => z.int().check(z.gte(1), z.lte(4));
const answerSet = () => z.array(z.strictObject({ competency: z.string(), stage: stage(), note: z.optional(z.string()) }));
const roundKind = () => z.enum(ROUND_KINDS);
const stagePoint = () => z.strictObject({ round: date(), stage: stage() });
/** Each competency's stages so far: the client's (and the coach's view), the first against the latest. */
const competencyProgress = () =>
  z.strictObject({ competency: z.string(), points: z.array(stagePoint()), coachPoints: z.array(stagePoint()), baseline: z.optional(stagePoint()), latest: z.optional(stagePoint()) });
/** The round open now (answers can change until `closesOn`, when the next opens), with the client's answers so far. */
const openRound = () =>
  z.nullable(z.strictObject({ round: date(), kind: roundKind(), closesOn: z.optional(date()), answers: z.optional(answerSet()), answeredAt: z.optional(isoTime()) }));
const nextRound = () => z.nullable(z.strictObject({ opensOn: date(), kind: roundKind() }));
const programAssessments = () => z.strictObject({ everyWeeks: z.int(), open: openRound(), next: nextRound(), progress: z.array(competencyProgress()) });
const roundView = () =>
  z.strictObject({
    round: date(),
    kind: roundKind(),
    client: z.optional(z.strictObject({ answers: answerSet(), at: isoTime(), firstAnsweredAt: isoTime() })),
    /** The coach's own view: never shown to the client or a sponsor. */
    coach: z.optional(z.strictObject({ answers: answerSet(), at: isoTime(), by: z.string() })),
  });
/** The self-assessment, with the sponsors' pulse answers over the same time beside it. */
export const assessmentsResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ everyWeeks: z.int(), open: openRound(), next: nextRound(), rounds: z.array(roundView()), progress: z.array(competencyProgress()), pulse: pulseAnswers() }));
export const assessmentOpenedResponse = /* @__PURE__ */ lazy(() => z.strictObject({ round: date(), email: z.enum(['sent', 'queued', 'suppressed', 'sent-already']) }));
export const assessmentRoundResponse = /* @__PURE__ */ lazy(() => z.strictObject({ assessment: roundView() }));

export const sessionResponse = /* @__PURE__ */ lazy(() => z.strictObject({ session: sessionView() }));
export const sessionRecordedResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ session: sessionView(), actions: z.array(actionView()), email: z.optional(z.enum(['sent', 'queued'])) }));
export const sessionPageResponse = /* @__PURE__ */ lazy(() => z.strictObject({ sessions: z.array(sessionView()), next: next() }));
export const actionResponse = /* @__PURE__ */ lazy(() => z.strictObject({ action: actionView() }));
export const actionWithHistoryResponse = /* @__PURE__ */ lazy(() => z.strictObject({ action: actionView(), history: z.array(changeView()), historyNext: next() }));
export const actionPageResponse = /* @__PURE__ */ lazy(() => z.strictObject({ actions: z.array(actionView()), next: next() }));
export const obstacleResponse = /* @__PURE__ */ lazy(() => z.strictObject({ obstacle: obstacleView() }));
export const obstaclePageResponse = /* @__PURE__ */ lazy(() => z.strictObject({ obstacles: z.array(obstacleView()), next: next() }));
export const clientLinkSentResponse = /* @__PURE__ */ lazy(() => z.strictObject({ email: z.enum(['sent', 'queued']), validUntil: z.int() }));

const reportPeriod = () => z.strictObject({ start: date(), end: date() });
const reportRef = () =>
  z.strictObject({ reportId: z.string(), sponsorId: z.string(), period: reportPeriod(), sentAt: isoTime(), trigger: z.enum(['scheduled', 'now']) });
const actionCounts = () => z.strictObject({ captured: z.int(), done: z.int(), partly: z.int(), notDone: z.int() });

/** A report's content, as much of it as the sharing level lets in. */
const reportContent = () =>
  z.strictObject({
    programTitle: z.string(),
    clientName: z.string(),
    sharingLevel: z.enum(SHARING_LEVELS),
    period: reportPeriod(),
    sessions: z.strictObject({ heldInPeriod: z.int(), heldSoFar: z.int(), planned: z.int() }),
    actions: z.strictObject({ period: actionCounts(), overall: z.extend(actionCounts(), { open: z.int() }) }),
    trend: z.array(z.strictObject({ start: date(), completion: z.nullable(z.int()) })),
    actionTitles: z.optional(z.array(z.strictObject({ title: z.string(), status: z.enum(ACTION_STATUSES) }))),
    competenceStages: z.optional(z.array(z.strictObject({ competency: z.string(), stage: z.int(), previousStage: z.optional(z.int()), firstStage: z.optional(z.int()), assessedAt: isoTime() }))),
    obstacles: z.optional(z.array(z.strictObject({ text: z.string(), category: z.enum(OBSTACLE_CATEGORIES), actionTitle: z.string() }))),
    reflections: z.optional(z.array(z.strictObject({ actionTitle: z.string(), text: z.string() }))),
  });

/** Each sponsor's next report (none while the program is not active) and the latest reports sent, newest first. */
export const programReports = () =>
  z.strictObject({
    next: z.array(z.strictObject({ sponsorId: z.string(), reportDay: date(), dueAt: isoTime() })),
    sent: z.array(reportRef()),
  });

export const reportPreviewResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ period: reportPeriod(), content: reportContent(), text: z.string(), reports: programReports() }));
export const reportsSentResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ reports: z.array(z.strictObject({ sponsorId: z.string(), reportId: z.string(), email: z.enum(['sent', 'queued', 'suppressed', 'sent-already']) })) }));

/**
 * What sponsors may see: the coach's proposal (`sharingLevel`), the client's agreement, and what reports share now
 * (`effective`: `metrics` until the client agrees, then the agreement, never above the proposal).
 */
const programSharing = () =>
  z.strictObject({
    proposed: z.enum(SHARING_LEVELS),
    agreed: z.optional(z.strictObject({ level: z.enum(SHARING_LEVELS), at: isoTime() })),
    effective: z.enum(SHARING_LEVELS),
    /** The latest changes, newest first: who (a staff user, or the client), what, which level, when. */
    history: z.array(z.strictObject({ by: actor(), change: z.enum(['proposed', 'agreed', 'lowered']), level: z.enum(SHARING_LEVELS), at: isoTime() })),
  });
