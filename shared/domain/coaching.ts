import * as z from 'zod/mini';
import { ULID_PATTERN } from '../ids.js';
import { staffUserId } from './staff.js';
import { LOCALES, REPORT_CADENCES, reminderKindsSchema, SHARING_LEVELS, type Locale, type ReminderKinds } from './tenant.js';
import { email, lazySchema, multilineText, pageQuery, text, timeZone } from './validation.js';
import type { SharingChange, SharingConsent } from './reports.js';

/**
 * The coaching core's records and the schemas of what staff and clients send: clients, sponsors, programs, sessions,
 * micro actions and obstacles. Types are inferred from the schemas where input shapes a record.
 */
const id = (what: string) => z.string().check(z.regex(ULID_PATTERN, `must be ${what} id`));
export const clientIdSchema = () => id('a client');
export const sponsorIdSchema = () => id('a sponsor');
export const programIdSchema = () => id('a program');
export const sessionIdSchema = () => id('a session');
export const actionIdSchema = () => id('an action');
export const obstacleIdSchema = () => id('an obstacle');

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const calendarDate = () =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
    z.refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    }, 'must be a date that exists'),
  );

/** An instant with its offset, e.g. `2026-11-25T14:00:00+01:00`; stored as UTC. */
export const instant = () =>
  z.pipe(
    z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'must be a date and time with its offset, e.g. 2026-11-25T14:00:00+01:00')),
    z.transform((v) => new Date(v).toISOString()),
  );

export const CLIENT_STATUSES = ['active', 'archived'] as const;
export const SPONSOR_STATUSES = ['active', 'archived'] as const;
export const PROGRAM_STATUSES = ['active', 'paused', 'completed', 'archived'] as const;
export const ACTION_STATUSES = ['open', 'done', 'partly', 'not_done', 'dropped'] as const;
export const OBSTACLE_CATEGORIES = ['time', 'energy', 'skill', 'support', 'environment', 'other'] as const;
export const REMINDER_FREQUENCIES = ['daily', 'weekly', 'off'] as const;

export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ObstacleCategory = (typeof OBSTACLE_CATEGORIES)[number];

/** Limits that keep one program's item collection (the program page's one Query) well inside a 1 MB page. */
export const PROGRAM_LIMITS = { sessions: 150, actions: 600, obstacles: 600, competencies: 12, goals: 10, sponsors: 5, actionsPerSession: 10, assessments: 60 } as const;

const emailPreferences = () =>
  z.strictObject({
    /** How often reminder digests may come (the schedules read it). */
    reminders: z.enum(REMINDER_FREQUENCIES),
    /** The local hour digests arrive at, in the client's time zone. */
    hour: z.int().check(z.gte(0), z.lte(23)),
  });

const atLeastOne = (what: string) => z.refine<object>((v) => Object.keys(v).length > 0, `give at least one ${what} to change`);

// Clients
export const clientCreateSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: text(1, 120),
    email: email(),
    organisation: z.optional(text(1, 120)),
    timeZone: z.optional(timeZone()),
    locale: z.optional(z.enum(LOCALES)),
    /** The coach; a coach creating a client may only name themselves (the default). */
    coachId: z.optional(staffUserId()),
    emailPreferences: z.optional(emailPreferences()),
  }));
export type ClientCreate = z.output<typeof clientCreateSchema>;

export const clientUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      name: z.optional(text(1, 120)),
      email: z.optional(email()),
      organisation: z.optional(z.nullable(text(1, 120))),
      timeZone: z.optional(timeZone()),
      locale: z.optional(z.enum(LOCALES)),
      /** Moving the client to another coach (owner, admin) moves their programs with them. */
      coachId: z.optional(staffUserId()),
      emailPreferences: z.optional(z.partial(emailPreferences())),
      status: z.optional(z.enum(CLIENT_STATUSES)),
    })
    .check(atLeastOne('field')));
export type ClientUpdate = z.output<typeof clientUpdateSchema>;

export const clientPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ clientId: clientIdSchema() }));
export const clientListQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ ...pageQuery(), coachId: z.optional(staffUserId()), status: z.optional(z.enum(CLIENT_STATUSES)) }));

export interface Client {
  clientId: string;
  name: string;
  email: string;
  organisation?: string;
  timeZone: string;
  locale: Locale;
  coachId: string;
  emailPreferences: { reminders: (typeof REMINDER_FREQUENCIES)[number]; hour: number };
  /** SES reported a permanent bounce or a complaint for the address: no email goes to it (shared/email/feedback.ts). */
  emailSuppressed?: { reason: 'bounce' | 'complaint'; since: string };
  status: ClientStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * The client as a program keeps it (lists, pages, emails and reminder times need it without reading the client): an
 * archived client's page takes no more changes and gets no more emails.
 */
export type ClientSummary = Pick<Client, 'name' | 'email' | 'locale' | 'timeZone'> & { status?: ClientStatus; emailPreferences?: Client['emailPreferences'] };
export const clientSummary = (c: ClientSummary): ClientSummary => ({
  name: c.name,
  email: c.email,
  locale: c.locale,
  timeZone: c.timeZone,
  status: c.status ?? 'active',
  ...(c.emailPreferences ? { emailPreferences: c.emailPreferences } : {}),
});

// Sponsors
export const sponsorCreateSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: text(1, 120),
    email: email(),
    organisation: z.optional(text(1, 120)),
    /** What the sponsor is to the client, e.g. "manager" or "HR". */
    role: text(1, 80),
    locale: z.optional(z.enum(LOCALES)),
    timeZone: z.optional(timeZone()),
  }));
export type SponsorCreate = z.output<typeof sponsorCreateSchema>;

export const sponsorUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      name: z.optional(text(1, 120)),
      email: z.optional(email()),
      organisation: z.optional(z.nullable(text(1, 120))),
      role: z.optional(text(1, 80)),
      locale: z.optional(z.enum(LOCALES)),
      timeZone: z.optional(timeZone()),
      status: z.optional(z.enum(SPONSOR_STATUSES)),
    })
    .check(atLeastOne('field')));
export type SponsorUpdate = z.output<typeof sponsorUpdateSchema>;

export const sponsorPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ sponsorId: sponsorIdSchema() }));
export const sponsorListQuerySchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ ...pageQuery(), status: z.optional(z.enum(SPONSOR_STATUSES)) }));

export interface Sponsor {
  sponsorId: string;
  name: string;
  email: string;
  organisation?: string;
  role: string;
  locale: Locale;
  timeZone: string;
  status: (typeof SPONSOR_STATUSES)[number];
  /** Why no report reaches this sponsor (copied from the firm's suppression list; dropped when the address changes). */
  emailSuppressed?: { reason: 'bounce' | 'complaint' | 'unsubscribed'; since: string };
  createdAt: string;
  updatedAt: string;
  version: number;
}

// Programs
const competencies = () =>
  z.array(text(1, 80)).check(
    z.maxLength(PROGRAM_LIMITS.competencies),
    z.refine((list) => new Set(list.map((c) => c.toLowerCase())).size === list.length, 'must not name a competency twice'),
  );
const goals = () => z.array(multilineText(1, 500)).check(z.maxLength(PROGRAM_LIMITS.goals));
const sponsorIds = () =>
  z.array(sponsorIdSchema()).check(z.maxLength(PROGRAM_LIMITS.sponsors), z.refine((list) => new Set(list).size === list.length, 'must not name a sponsor twice'));
/** Weeks between self-assessments: 1 to 26. */
const assessmentWeeks = () => z.int().check(z.gte(1), z.lte(26));
const datesInOrder = () => z.refine<{ startDate?: string; endDate?: string | null }>(
  (v) => !v.startDate || !v.endDate || v.endDate >= v.startDate,
  { message: 'must not be before the start date', path: ['endDate'] },
);

export const programCreateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      clientId: clientIdSchema(),
      sponsorIds: z._default(sponsorIds(), []),
      title: text(1, 160),
      goals: z._default(goals(), []),
      competencies: z._default(competencies(), []),
      startDate: calendarDate(),
      endDate: z.optional(calendarDate()),
      sessionsPlanned: z.int().check(z.gte(1), z.lte(PROGRAM_LIMITS.sessions)),
      reportCadence: z.optional(z.enum(REPORT_CADENCES)),
      /** This program's own choice of reminder kinds, over the firm's (`reminderPolicy.kinds`). */
      reminderKinds: z.optional(reminderKindsSchema),
      sharingLevel: z.optional(z.enum(SHARING_LEVELS)),
      /** Weeks between self-assessments (besides the one at the start and the one at the end); default 4. */
      assessmentEveryWeeks: z.optional(assessmentWeeks()),
    })
    .check(datesInOrder()));
export type ProgramCreate = z.output<typeof programCreateSchema>;

export const programUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      sponsorIds: z.optional(sponsorIds()),
      title: z.optional(text(1, 160)),
      goals: z.optional(goals()),
      competencies: z.optional(competencies()),
      startDate: z.optional(calendarDate()),
      endDate: z.optional(z.nullable(calendarDate())),
      sessionsPlanned: z.optional(z.int().check(z.gte(1), z.lte(PROGRAM_LIMITS.sessions))),
      status: z.optional(z.enum(PROGRAM_STATUSES)),
      reportCadence: z.optional(z.enum(REPORT_CADENCES)),
      /** This program's own choice of reminder kinds, over the firm's (`reminderPolicy.kinds`). */
      reminderKinds: z.optional(reminderKindsSchema),
      sharingLevel: z.optional(z.enum(SHARING_LEVELS)),
      assessmentEveryWeeks: z.optional(assessmentWeeks()),
      /** The day the next session is planned for (null: none planned). */
      nextSessionOn: z.optional(z.nullable(calendarDate())),
    })
    .check(atLeastOne('field'), datesInOrder()));
export type ProgramUpdate = z.output<typeof programUpdateSchema>;

export const programPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema() }));
export const programListQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ ...pageQuery(), coachId: z.optional(staffUserId()), clientId: z.optional(clientIdSchema()), status: z.optional(z.enum(PROGRAM_STATUSES)) }));
export const programChildListQuerySchema = /* @__PURE__ */ lazySchema(() => z.strictObject(pageQuery()));

/** Counts the program item keeps, written in the same transaction as each change, so lists never read children. */
export interface ProgramCounters {
  sessionsHeld: number;
  actionsOpen: number;
  actionsDone: number;
  actionsPartly: number;
  actionsNotDone: number;
  actionsDropped: number;
  obstaclesOpen: number;
  /** Due date of every open action that has one, by action id: overdue counts follow the clock without a write. */
  dueOpen: Record<string, string>;
  /** Every action and obstacle ever added (archived ones too): held under PROGRAM_LIMITS. */
  actionsTotal: number;
  obstaclesTotal: number;
  /**
   * Flow checks of the program's live actions, by zone (shared/domain/flow.ts): lists show the balance without reading
   * the actions. Programs from before they were counted have none until a backfill.
   */
  flowAnxiety?: number;
  flowBoredom?: number;
  flowInFlow?: number;
  flowApathy?: number;
}

export interface Program extends ProgramCounters {
  programId: string;
  clientId: string;
  coachId: string;
  /** The client as the program's pages, lists and emails need it; kept in step with the client record. */
  client: ClientSummary;
  sponsorIds: string[];
  title: string;
  goals: string[];
  competencies: string[];
  startDate: string;
  endDate?: string;
  /** The day the next session is planned for (set when a session is recorded, or in the settings). */
  nextSessionOn?: string;
  sessionsPlanned: number;
  status: ProgramStatus;
  reportCadence: (typeof REPORT_CADENCES)[number];
  /** Reminder kinds this program turns on or off, over the firm's policy. */
  reminderKinds?: ReminderKinds;
  /** The coach's proposal of what sponsors may see; reports use `sharedLevel` (shared/domain/reports.ts). */
  sharingLevel: (typeof SHARING_LEVELS)[number];
  /** Weeks between self-assessments (absent: DEFAULT_ASSESSMENT_WEEKS, shared/domain/assessments.ts). */
  assessmentEveryWeeks?: number;
  /** What the client agreed to on their sharing page; none yet: reports share `metrics`. */
  sharingConsent?: SharingConsent;
  /** The proposal's and the agreement's latest changes, newest first. */
  sharingHistory?: SharingChange[];
  lastSessionAt?: string;
  lastClientActivityAt?: string;
  /** Client links of an older generation stop working: revoking all links of the program bumps it. */
  clientLinkGeneration: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

// Sessions
const actionDraft = () =>
  z.strictObject({
    title: text(1, 200),
    ifThenPlan: z.optional(text(1, 300)),
    dueDate: z.optional(calendarDate()),
    competency: z.optional(text(1, 80)),
  });
export type ActionDraft = z.output<ReturnType<typeof actionDraft>>;

export const sessionCreateSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    heldAt: instant(),
    /** What the client sees on their page and in the email. */
    sharedSummary: z._default(multilineText(0, 4000), ''),
    /** The coach's own notes: never shown to the client or a sponsor, never in any email. */
    privateNotes: z._default(multilineText(0, 8000), ''),
    /** Actions agreed in the session (the "lock-in"), created with it. */
    actions: z._default(z.array(actionDraft()).check(z.maxLength(PROGRAM_LIMITS.actionsPerSession)), []),
    /** Email the client a link to capture and review this session's actions (default yes). */
    notifyClient: z._default(z.boolean(), true),
    /** The day the next session is planned for, as agreed in this one (the coach's home shows it). */
    nextSessionOn: z.optional(calendarDate()),
  }));
export type SessionCreate = z.output<typeof sessionCreateSchema>;

export const sessionUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      heldAt: z.optional(instant()),
      sharedSummary: z.optional(multilineText(0, 4000)),
      privateNotes: z.optional(multilineText(0, 8000)),
      archived: z.optional(z.boolean()),
    })
    .check(atLeastOne('field')));
export type SessionUpdate = z.output<typeof sessionUpdateSchema>;

export const sessionPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema(), sessionId: sessionIdSchema() }));

export interface Session {
  sessionId: string;
  programId: string;
  number: number;
  heldAt: string;
  sharedSummary: string;
  privateNotes: string;
  archived: boolean;
  /** When the post-session prompt is due, until the client captures an action for it (or it is sent). */
  promptAt?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

// Micro actions
export type Actor = { kind: 'client' } | { kind: 'staff'; id: string };

export const flowCheck = () =>
  z.strictObject({ challenge: z.int().check(z.gte(1), z.lte(5)), skill: z.int().check(z.gte(1), z.lte(5)) });

export const actionCreateSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    sessionId: z.optional(sessionIdSchema()),
    title: text(1, 200),
    ifThenPlan: z.optional(text(1, 300)),
    dueDate: z.optional(calendarDate()),
    competency: z.optional(text(1, 80)),
  }));
export type ActionCreate = z.output<typeof actionCreateSchema>;

export const actionUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      title: z.optional(text(1, 200)),
      ifThenPlan: z.optional(z.nullable(text(1, 300))),
      dueDate: z.optional(z.nullable(calendarDate())),
      competency: z.optional(z.nullable(text(1, 80))),
      status: z.optional(z.enum(ACTION_STATUSES)),
      reflection: z.optional(z.nullable(multilineText(1, 1000))),
      flow: z.optional(z.nullable(flowCheck())),
      archived: z.optional(z.boolean()),
    })
    .check(atLeastOne('field')));
export type ActionUpdate = z.output<typeof actionUpdateSchema>;

export const actionPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema(), actionId: actionIdSchema() }));

export interface Action {
  actionId: string;
  programId: string;
  sessionId?: string;
  title: string;
  ifThenPlan?: string;
  dueDate?: string;
  competency?: string;
  status: ActionStatus;
  reflection?: string;
  flow?: { challenge: number; skill: number; at: string };
  createdBy: Actor;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** When the status last changed to something other than open. */
  decidedAt?: string;
  /** Reminders sent about it so far (due soon, then overdue nudges), and when the next one is due, if any. */
  remindersSent?: number;
  remindAt?: string;
  version: number;
}

// Obstacles
export const obstacleCreateSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    actionId: actionIdSchema(),
    text: multilineText(1, 1000),
    category: z.enum(OBSTACLE_CATEGORIES),
    /** When it got in the way; now if not given. */
    at: z.optional(instant()),
  }));
export type ObstacleCreate = z.output<typeof obstacleCreateSchema>;

export const obstacleUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      text: z.optional(multilineText(1, 1000)),
      category: z.optional(z.enum(OBSTACLE_CATEGORIES)),
      /** Resolving (by the coach) needs a note; `false` opens it again. */
      resolved: z.optional(z.boolean()),
      resolutionNote: z.optional(multilineText(1, 1000)),
      archived: z.optional(z.boolean()),
    })
    .check(
      atLeastOne('field'),
      z.refine<{ resolved?: boolean; resolutionNote?: string }>((v) => v.resolved !== true || v.resolutionNote !== undefined, {
        message: 'is needed to resolve an obstacle: say how it was resolved',
        path: ['resolutionNote'],
      }),
    ));
export type ObstacleUpdate = z.output<typeof obstacleUpdateSchema>;

export const obstaclePathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ programId: programIdSchema(), obstacleId: obstacleIdSchema() }));

export interface Obstacle {
  obstacleId: string;
  programId: string;
  actionId: string;
  text: string;
  category: ObstacleCategory;
  at: string;
  resolved?: { at: string; by: string; note: string };
  createdBy: Actor;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One change of an action or obstacle, as its history shows it. */
export interface Change {
  changeId: string;
  subject: 'action' | 'obstacle';
  subjectId: string;
  /** The action it concerns (an obstacle's: the action it blocked): the history of an action holds its obstacles' too. */
  actionId: string;
  at: string;
  by: Actor;
  /** `created`, `updated`, or `undone` (a change taken back). */
  kind: 'created' | 'updated' | 'undone';
  /** Each changed field: its value before and after (`null`: not set). */
  fields: Record<string, { from: unknown; to: unknown }>;
  /** The change an undo took back. */
  undoes?: string;
  /** The subject's version right after this change: an undo applies only while it is still at this version. */
  versionAfter: number;
  /** An obstacle logged in the same step (a client's "not done, because…"): an undo archives it too. */
  obstacleId?: string;
  /** Until when the client's page offers to undo it. */
  undoUntil?: string;
}

export const clientLinkRequestSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({}));
