import type { Change, Program } from './coaching.js';
import { overdueCount, WORKING_STATUSES } from './program.js';
import { startOfLocalDay } from './reminders.js';
import { DEFAULT_COACH_DIGEST, type CoachDigestPolicy, type Tenant } from './tenant.js';

/**
 * What goes in the coach's daily digest, as plain functions of `now`: which of their programs stall and why, and what
 * their clients did since the last one (when it goes out: ./coach-digest-schedule.ts). The sweep
 * (shared/schedules/coach-digests.ts) reads and writes; nothing here touches a table.
 */

/** The firm's policy, with defaults for firms from before it existed. */
export const coachDigestPolicy = (tenant: Pick<Tenant, 'coachDigest'>): CoachDigestPolicy => ({ ...DEFAULT_COACH_DIGEST, ...tenant.coachDigest });

// Stalled programs
export type StallReason = { kind: 'inactive'; days: number } | { kind: 'overdue'; count: number } | { kind: 'no-session'; weeks: number };

const DAY_MS = 86_400_000;
const wholeDays = (from: string, now: Date) => Math.floor((now.getTime() - Date.parse(from)) / DAY_MS);

/**
 * Why an active program stalls, from the program item alone (its counters and stamps, never its children): no
 * client activity for `inactiveDays` (counted from the program's start when the client never acted), `overdueActions`
 * or more open actions past due in the client's zone, no session for `sessionGapWeeks` (from the start when none was
 * held). A program that has not started yet does not stall.
 */
export function stallReasons(
  program: Pick<Program, 'status' | 'startDate' | 'createdAt' | 'lastClientActivityAt' | 'lastSessionAt' | 'dueOpen' | 'client'>,
  policy: CoachDigestPolicy,
  now: Date,
): StallReason[] {
  if (program.status !== 'active') return [];
  const started = [program.createdAt, startOfLocalDay(program.startDate, program.client.timeZone).toISOString()].sort().at(-1)!;
  if (started > now.toISOString()) return [];
  const reasons: StallReason[] = [];
  const inactive = wholeDays(program.lastClientActivityAt ?? started, now);
  if (inactive >= policy.inactiveDays) reasons.push({ kind: 'inactive', days: inactive });
  const overdue = overdueCount(program, now);
  if (overdue >= policy.overdueActions) reasons.push({ kind: 'overdue', count: overdue });
  const sinceSession = wholeDays(program.lastSessionAt ?? started, now);
  if (sinceSession >= policy.sessionGapWeeks * 7) reasons.push({ kind: 'no-session', weeks: Math.floor(sinceSession / 7) });
  return reasons;
}

// What clients did
/** What a client's change carries for the coach's digest (written on the history entry with its activity index entry). */
export interface ActivityNote {
  programId: string;
  actionTitle: string;
  /** The obstacle logged with it, as the client wrote it. */
  obstacleText?: string;
  /** A self-assessment's answers (subject `assessment`): each competency's stage. */
  stages?: { competency: string; stage: number }[];
}

/** A client's change as the activity index returns it. */
export type ClientActivity = Pick<Change, 'changeId' | 'kind' | 'fields' | 'at' | 'undoes' | 'obstacleId'> & { subject: Change['subject'] | 'assessment'; activity: ActivityNote };

export type ActivityLine =
  | { kind: 'added'; title: string }
  | { kind: 'done' | 'partly' | 'not_done' | 'dropped'; title: string }
  | { kind: 'obstacle'; title: string; text: string }
  | { kind: 'reflection'; title: string; text: string }
  /** The client answered a self-assessment: `title` lists each competency's stage. */
  | { kind: 'assessed'; title: string };

/** Long client text is cut in the email: the coach reads the rest where they work. */
export const EXCERPT_CHARS = 200;
const excerpt = (text: string) => (text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text);

/**
 * The lines one program's client changes make, oldest first: actions added, marked done / partly / not done / dropped,
 * obstacles logged, reflections written. A change the client took back (undo) and the undo itself make none.
 */
export function activityLines(changes: readonly ClientActivity[]): ActivityLine[] {
  const undone = new Set(changes.filter((c) => c.undoes).map((c) => c.undoes));
  const lines: ActivityLine[] = [];
  for (const c of [...changes].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    if (c.undoes || undone.has(c.changeId)) continue;
    const title = c.activity.actionTitle;
    if (c.subject === 'assessment') {
      lines.push({ kind: 'assessed', title: (c.activity.stages ?? []).map((s) => `${s.competency} ${s.stage}/4`).join(', ') });
      continue;
    }
    if (c.subject === 'obstacle') {
      if (c.kind === 'created') lines.push({ kind: 'obstacle', title, text: excerpt(String(c.fields.text?.to ?? c.activity.obstacleText ?? '')) });
      continue;
    }
    if (c.kind === 'created') lines.push({ kind: 'added', title });
    const status = c.fields.status?.to;
    if (status === 'done' || status === 'partly' || status === 'not_done' || status === 'dropped') lines.push({ kind: status, title });
    if (c.activity.obstacleText) lines.push({ kind: 'obstacle', title, text: excerpt(c.activity.obstacleText) });
    const reflection = c.fields.reflection?.to;
    if (typeof reflection === 'string' && reflection) lines.push({ kind: 'reflection', title, text: excerpt(reflection) });
  }
  return lines;
}

export interface CoachDigestProgram {
  programId: string;
  programTitle: string;
  clientName: string;
  activity: ActivityLine[];
  stalls: StallReason[];
}

export interface CoachDigestContent {
  /** Programs whose client did something since the last digest. */
  active: CoachDigestProgram[];
  /** Programs that stall (some may also be in `active`, e.g. actions piling up while the client writes). */
  stalled: CoachDigestProgram[];
  /** Activity lines left out of the email (more than MAX_DIGEST_LINES). */
  moreLines: number;
}

/** Lines in one email: a coach with a busy day sees the first ones and a count of the rest. */
export const MAX_DIGEST_LINES = 150;

/**
 * What goes in a coach's digest: per program of theirs (active or paused, coached by them now), what the client did
 * since the last digest, and the active programs that stall. Activity of programs not theirs (moved to another coach
 * since) or closed (completed, archived) is left out. Nothing to say: undefined, and no email goes out.
 */
export function coachDigestContent(
  programs: readonly Program[],
  activity: readonly ClientActivity[],
  policy: CoachDigestPolicy,
  coachId: string,
  now: Date,
): CoachDigestContent | undefined {
  const own = programs.filter((p) => p.coachId === coachId && (WORKING_STATUSES as readonly string[]).includes(p.status));
  const byProgram = new Map<string, ClientActivity[]>();
  for (const a of activity) byProgram.set(a.activity.programId, [...(byProgram.get(a.activity.programId) ?? []), a]);
  let budget = MAX_DIGEST_LINES;
  let moreLines = 0;
  const active: CoachDigestProgram[] = [];
  const stalled: CoachDigestProgram[] = [];
  const byName = [...own].sort((a, b) => a.client.name.localeCompare(b.client.name) || a.title.localeCompare(b.title));
  for (const p of byName) {
    const all = activityLines(byProgram.get(p.programId) ?? []);
    const lines = all.slice(0, Math.max(budget, 0));
    budget -= lines.length;
    moreLines += all.length - lines.length;
    const entry = { programId: p.programId, programTitle: p.title, clientName: p.client.name, activity: lines, stalls: stallReasons(p, policy, now) };
    if (all.length) active.push(entry);
    if (entry.stalls.length) stalled.push(entry);
  }
  return active.length || stalled.length ? { active, stalled, moreLines } : undefined;
}
