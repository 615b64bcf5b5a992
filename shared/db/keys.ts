import { ULID_PATTERN } from '../ids.js';

/**
 * Key builders: the only place key strings are made. Every tenant-owned key demands a TenantScope, and every
 * tenant-owned partition key (on the table and on every GSI) starts with `T#<tenantId>#`, so an IAM
 * `dynamodb:LeadingKeys` condition can confine a role to one tenant. Platform keys (slug claims, the tenant
 * registry) never start with `T#`.
 */
declare const verified: unique symbol;

/** A tenant id that came from a verified token, a verified link, or tenant creation; never from request input. */
export interface TenantScope {
  readonly tenantId: string;
  readonly [verified]: true;
}

export function tenantScope(tenantId: string): TenantScope {
  if (!ULID_PATTERN.test(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  return { tenantId } as TenantScope;
}

export interface Key {
  PK: string;
  SK: string;
}

export const tenantPrefix = (scope: TenantScope): string => `T#${scope.tenantId}#`;

const STAFF_PREFIX = 'STAFF#';
const COACH_DIGEST_DUE = 'COACH-DIGEST#';
/** Sorts after every other sort key of a program's collection (`~` follows letters and digits). */
export const REPORT_SNAPSHOT_PREFIX = '~REPORT#';
const firmPartition = (scope: TenantScope) => `${tenantPrefix(scope)}FIRM`;

export const keys = {
  /** The firm's profile and settings. */
  tenant: (scope: TenantScope): Key => ({ PK: firmPartition(scope), SK: 'PROFILE' }),
  /** A staff user of the firm; the firm partition holds profile and staff so "firm and staff" is one Query. */
  staff: (scope: TenantScope, userId: string): Key => ({ PK: firmPartition(scope), SK: `${STAFF_PREFIX}${userId}` }),
  /** One email, keyed by its idempotency key (kind, recipient, period): a second send of the same key is refused. */
  email: (scope: TenantScope, idempotencyKey: string): Key => ({
    PK: `${tenantPrefix(scope)}EMAIL`,
    SK: idempotencyKey,
  }),
  /** GSI1 entry that exists only while an email is unsent: the outbox. */
  outbox: (scope: TenantScope, queuedAt: string, idempotencyKey: string) => ({
    GSI1PK: `${tenantPrefix(scope)}OUTBOX`,
    GSI1SK: `${queuedAt}#${idempotencyKey}`,
  }),
  outboxPartition: (scope: TenantScope) => `${tenantPrefix(scope)}OUTBOX`,
  /** An emailed link, by the hash of its secret (the secret itself is never stored). */
  link: (scope: TenantScope, secretHash: string): Key => ({ PK: `${tenantPrefix(scope)}LINK`, SK: secretHash }),
  /** The firm's counters (active owners; active clients later), written in the same transaction as what they count. */
  firmCounters: (scope: TenantScope): Key => ({ PK: firmPartition(scope), SK: 'COUNTERS' }),
  /** Holds one address for one staff user or one pending invitation of the firm: addresses are unique without a read of the firm. */
  staffAddress: (scope: TenantScope, addressHash: string): Key => ({ PK: firmPartition(scope), SK: `ADDRESS#${addressHash}` }),
  staffPrefix: STAFF_PREFIX,
  /** Invitations, in their own partition so staff reads never page through invitation history; closed ones expire. */
  invitation: (scope: TenantScope, invitationId: string): Key => ({ PK: `${tenantPrefix(scope)}INVITE`, SK: invitationId }),
  invitationPartition: (scope: TenantScope) => `${tenantPrefix(scope)}INVITE`,
  /** GSI1 entry that exists only while an invitation is pending: the pending invitations one staff user sent. */
  pendingInvitationBySender: (scope: TenantScope, senderId: string, invitationId: string) => ({
    GSI1PK: `${tenantPrefix(scope)}INVITER#${senderId}`,
    GSI1SK: invitationId,
  }),
  pendingInvitationsBySenderPartition: (scope: TenantScope, senderId: string) => `${tenantPrefix(scope)}INVITER#${senderId}`,
  /** A signed-out ID token (by its jti) until it would have expired anyway. */
  signedOutToken: (scope: TenantScope, jti: string): Key => ({ PK: `${tenantPrefix(scope)}SIGNOUT`, SK: jti }),
  /** A browser session of the staff web app, by the SHA-256 of its cookie's secret (TTL: its absolute end). */
  webSession: (scope: TenantScope, secretHash: string): Key => ({ PK: `${tenantPrefix(scope)}SESSION`, SK: secretHash }),
  /** Append-only audit trail, newest last. */
  audit: (scope: TenantScope, at: string, eventId: string): Key => ({
    PK: `${tenantPrefix(scope)}AUDIT`,
    SK: `${at}#${eventId}`,
  }),
  auditPartition: (scope: TenantScope) => `${tenantPrefix(scope)}AUDIT`,
  /**
   * Every partition a firm owns on the table but its audit trail, which no role may delete: what removing a firm
   * (or, later, erasure) walks. Keep it complete; a unit test compares it with every key builder. Each program's
   * own partitions (`programPartitions`) are found through the firm's program list.
   */
  removablePartitions: (scope: TenantScope): string[] =>
    ['FIRM', 'INVITE', 'LINK', 'EMAIL', 'SIGNOUT', 'SESSION', 'RATE', 'CLIENT', 'SPONSOR', 'SUPPRESS'].map((name) => `${tenantPrefix(scope)}${name}`),

  // The coaching core. Clients and sponsors each have a firm partition (get by id, list the firm's); a program is an
  // item collection of its own (the program item, its sessions, actions and obstacles: the program page is one
  // Query), with its change history beside it so the page never reads through history.
  /** A client of the firm. */
  client: (scope: TenantScope, clientId: string): Key => ({ PK: `${tenantPrefix(scope)}CLIENT`, SK: clientId }),
  clientPartition: (scope: TenantScope) => `${tenantPrefix(scope)}CLIENT`,
  /** GSI1: a coach's clients, by status then id. */
  clientOfCoach: (scope: TenantScope, coachId: string, status: string, clientId: string) => ({
    GSI1PK: `${tenantPrefix(scope)}COACH#${coachId}#CLIENT`,
    GSI1SK: `${status}#${clientId}`,
  }),
  clientsOfCoachPartition: (scope: TenantScope, coachId: string) => `${tenantPrefix(scope)}COACH#${coachId}#CLIENT`,
  /** GSI2: the firm's clients by status then id. */
  clientByStatus: (scope: TenantScope, status: string, clientId: string) => ({ GSI2PK: `${tenantPrefix(scope)}CLIENTS`, GSI2SK: `${status}#${clientId}` }),
  clientsByStatusPartition: (scope: TenantScope) => `${tenantPrefix(scope)}CLIENTS`,
  /** A sponsor (manager, HR) of the firm, who receives progress reports of the programs naming them. */
  sponsor: (scope: TenantScope, sponsorId: string): Key => ({ PK: `${tenantPrefix(scope)}SPONSOR`, SK: sponsorId }),
  sponsorPartition: (scope: TenantScope) => `${tenantPrefix(scope)}SPONSOR`,
  /** The program item: settings and the summary counters lists show, at the head of its item collection. */
  program: (scope: TenantScope, programId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: 'PROGRAM' }),
  programPartition: (scope: TenantScope, programId: string) => `${tenantPrefix(scope)}PROGRAM#${programId}`,
  /** The partitions one program owns: its item collection and its history. */
  programPartitions: (scope: TenantScope, programId: string) => [`${tenantPrefix(scope)}PROGRAM#${programId}`, `${tenantPrefix(scope)}PROGRAM#${programId}#HISTORY`],
  /** GSI1: a coach's programs, by status then id. */
  programOfCoach: (scope: TenantScope, coachId: string, status: string, programId: string) => ({
    GSI1PK: `${tenantPrefix(scope)}COACH#${coachId}#PROGRAM`,
    GSI1SK: `${status}#${programId}`,
  }),
  programsOfCoachPartition: (scope: TenantScope, coachId: string) => `${tenantPrefix(scope)}COACH#${coachId}#PROGRAM`,
  /** GSI2: a client's programs, by status then id. */
  programOfClient: (scope: TenantScope, clientId: string, status: string, programId: string) => ({
    GSI2PK: `${tenantPrefix(scope)}CLIENT#${clientId}#PROGRAM`,
    GSI2SK: `${status}#${programId}`,
  }),
  programsOfClientPartition: (scope: TenantScope, clientId: string) => `${tenantPrefix(scope)}CLIENT#${clientId}#PROGRAM`,
  /** GSI3: the firm's programs, by status then id. */
  programByStatus: (scope: TenantScope, status: string, programId: string) => ({ GSI3PK: `${tenantPrefix(scope)}PROGRAMS`, GSI3SK: `${status}#${programId}` }),
  programsByStatusPartition: (scope: TenantScope) => `${tenantPrefix(scope)}PROGRAMS`,
  /** A session of a program, a micro action, an obstacle: children in the program's item collection. */
  session: (scope: TenantScope, programId: string, sessionId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: `SESSION#${sessionId}` }),
  action: (scope: TenantScope, programId: string, actionId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: `ACTION#${actionId}` }),
  obstacle: (scope: TenantScope, programId: string, obstacleId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: `OBSTACLE#${obstacleId}` }),
  /**
   * GSI2 entry of an action or session with a reminder to send, by the instant it is due (the client's digest time):
   * what the reminder sweep reads, only up to now. Moved to the next reminder when one is sent; removed when there
   * is none left (the action closed, its nudges used up; the session's actions captured).
   */
  dueReminder: (scope: TenantScope, dueAt: string, programId: string, subjectId: string) => ({
    GSI2PK: `${tenantPrefix(scope)}DUE`,
    GSI2SK: `${dueAt}#${programId}#${subjectId}`,
  }),
  dueRemindersPartition: (scope: TenantScope) => `${tenantPrefix(scope)}DUE`,
  /**
   * A program's invitation to its next self-assessment, while it is to come: in the program's collection, with a due
   * entry, so the client's digest invites them (the self-assessment schedules it; the reminder sweep sends it).
   */
  assessmentInvitation: (scope: TenantScope, programId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: 'ASSESSMENT_INVITATION' }),
  /** A round of a program's self-assessment, by the day it opened: the client's answers and the coach's view. */
  assessment: (scope: TenantScope, programId: string, round: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: `ASSESSMENT#${round}` }),
  /**
   * GSI2 entry of a staff user whose daily digest is on, by the instant it is due, in the same "due" partition. Its
   * sort key starts with a letter, so it sorts after every instant and the reminder sweep's `<= <now>` never reads it.
   */
  coachDigestDue: (scope: TenantScope, dueAt: string, userId: string) => ({
    GSI2PK: `${tenantPrefix(scope)}DUE`,
    GSI2SK: `${COACH_DIGEST_DUE}${dueAt}#${userId}`,
  }),
  coachDigestDuePrefix: COACH_DIGEST_DUE,
  /**
   * GSI3 entry of a change a client made (history), under the program's coach at the time, by instant: what the
   * coach's digest reads since the last one (its cost follows a day's activity, not the history).
   */
  coachActivity: (scope: TenantScope, coachId: string, at: string, programId: string, changeId: string) => ({
    GSI3PK: `${tenantPrefix(scope)}COACH#${coachId}#ACTIVITY`,
    GSI3SK: `${at}#${programId}#${changeId}`,
  }),
  coachActivityPartition: (scope: TenantScope, coachId: string) => `${tenantPrefix(scope)}COACH#${coachId}#ACTIVITY`,
  /**
   * A sponsor's report schedule for a program (the next report day, the latest reports sent): in the program's
   * collection, so the program page's one Query lists them. Only while the program is active.
   */
  reportSchedule: (scope: TenantScope, programId: string, sponsorId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: `REPORTS#${sponsorId}` }),
  /**
   * GSI2 entry of a report schedule, by the instant its next report is due: a partition of its own beside the
   * reminders' (the reminder sweep never reads it), read by the report sweep only up to now.
   */
  dueReport: (scope: TenantScope, dueAt: string, programId: string, sponsorId: string) => ({
    GSI2PK: `${tenantPrefix(scope)}DUE#REPORTS`,
    GSI2SK: `${dueAt}#${programId}#${sponsorId}`,
  }),
  dueReportsPartition: (scope: TenantScope) => `${tenantPrefix(scope)}DUE#REPORTS`,
  /**
   * A sent report as the sponsor got it (`reportId`: `<period end>#<sponsorId>`, `#now` for one sent on demand). Its
   * sort key sorts after every other item of the collection, so the program page reads up to it and never through
   * a long program's reports (the schedules list the latest).
   */
  reportSnapshot: (scope: TenantScope, programId: string, reportId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: `${REPORT_SNAPSHOT_PREFIX}${reportId}` }),
  /**
   * The sponsor's answer to the one question of one report (at most one per report: its key is the report's), in the
   * program's collection before the snapshots, so the program page's one Query shows the answers over time.
   */
  pulse: (scope: TenantScope, programId: string, reportId: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}`, SK: `PULSE#${reportId}` }),
  /**
   * One change of an action or of an obstacle that blocked it (what, by whom, when, the fields before and after), keyed
   * by the action and the change id: the id comes from the form or request, so a second submit of the same change is
   * refused, and an action's history is one Query.
   */
  change: (scope: TenantScope, programId: string, actionId: string, changeId: string): Key => ({
    PK: `${tenantPrefix(scope)}PROGRAM#${programId}#HISTORY`,
    SK: `${actionId}#${changeId}`,
  }),
  historyPartition: (scope: TenantScope, programId: string) => `${tenantPrefix(scope)}PROGRAM#${programId}#HISTORY`,
  /**
   * The client's answers to a round of the self-assessment, as the coach's digest shows them: beside the history (its
   * activity index entry moves with each save, so a changed answer shows in the next digest once).
   */
  assessmentActivity: (scope: TenantScope, programId: string, round: string): Key => ({ PK: `${tenantPrefix(scope)}PROGRAM#${programId}#HISTORY`, SK: `ASSESSMENT#${round}` }),
  /**
   * The firm's suppression list: one entry per address, by the hash of the lower-cased address (never the address),
   * with why nothing (a bounce, a complaint) or no more of one list (an unsubscribe) goes to it.
   */
  suppression: (scope: TenantScope, addressHash: string): Key => ({ PK: `${tenantPrefix(scope)}SUPPRESS`, SK: addressHash }),
  /** A tenant-owned rate counter (e.g. invitations per firm per hour) for one window; it expires after the window. */
  rate: (scope: TenantScope, rule: string, subject: string, windowStart: number): Key => ({
    PK: `${tenantPrefix(scope)}RATE`,
    SK: `${rule}#${subject}#${windowStart}`,
  }),
} as const;

/** Platform items: not owned by any tenant, never readable through a tenant-scoped role. */
export const platformKeys = {
  /** Claims a slug across the platform; its conditional put makes slugs unique. */
  slug: (slug: string): Key => ({ PK: `SLUG#${slug}`, SK: 'SLUG' }),
  /** The list of tenants, for schedules that fan out per tenant (one Query, never a Scan). */
  tenantRegistry: (tenantId: string): Key => ({ PK: 'TENANTS', SK: `T#${tenantId}` }),
  tenantRegistryPartition: 'TENANTS',
  /** A platform rate counter (per source address or account address, before any tenant is known) for one window. */
  rate: (rule: string, subject: string, windowStart: number): Key => ({ PK: `RATE#${rule}#${subject}`, SK: String(windowStart) }),
  /** GSI1 entry of a firm whose owner has not set a password yet, by the instant its welcome link expires. */
  unclaimedTenant: (claimBy: number, tenantId: string) => ({ GSI1PK: 'UNCLAIMED', GSI1SK: `${String(claimBy).padStart(12, '0')}#${tenantId}` }),
  unclaimedTenantPartition: 'UNCLAIMED',
} as const;
