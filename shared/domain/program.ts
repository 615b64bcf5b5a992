import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { assessmentOf, type Assessment } from './assessments.js';
import { flowSuggestions, flowZone, type FlowSuggestion, type FlowZone } from './flow.js';
import type { Pulse } from './pulse.js';
import type { ReportSchedule } from './reports.js';
import { PROGRAM_LIMITS, type Action, type ActionStatus, type ActionUpdate, type Actor, type Change, type Obstacle, type Program, type ProgramCounters, type Session } from './coaching.js';

/**
 * The coaching loop as plain functions over plain data: what a change of an action does to it and to the program's
 * counters, and what the program page shows (completion, overdue actions, flow checks, the next session's agenda).
 * No I/O here: shared/coaching/* reads and writes, these decide.
 */

/** Programs take new sessions, actions and obstacles while active or paused; completed and archived ones are kept as they are. */
export const WORKING_STATUSES = ['active', 'paused'] as const;

/** A program that still runs for its client: working, and the client not archived (else its pages are read only, and nothing is scheduled). */
export const programRuns = (program: { status: string; client: { status?: string } }): boolean =>
  (WORKING_STATUSES as readonly string[]).includes(program.status) && program.client.status !== 'archived';

/** The calendar date at `now` in a time zone, `YYYY-MM-DD` (the client's "today" decides what is overdue). */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A date `days` after a `YYYY-MM-DD` date. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type CounterName = Exclude<keyof ProgramCounters, 'dueOpen'>;

const statusCounter: Record<ActionStatus, CounterName> = {
  open: 'actionsOpen',
  done: 'actionsDone',
  partly: 'actionsPartly',
  not_done: 'actionsNotDone',
  dropped: 'actionsDropped',
};

export const emptyCounters = (): ProgramCounters => ({
  sessionsHeld: 0,
  actionsOpen: 0,
  actionsDone: 0,
  actionsPartly: 0,
  actionsNotDone: 0,
  actionsDropped: 0,
  obstaclesOpen: 0,
  dueOpen: {},
  actionsTotal: 0,
  obstaclesTotal: 0,
  flowAnxiety: 0,
  flowBoredom: 0,
  flowInFlow: 0,
  flowApathy: 0,
});

/** The counter of each flow zone on the program item. */
export const flowCounter: Record<FlowZone, CounterName> = { anxiety: 'flowAnxiety', boredom: 'flowBoredom', flow: 'flowInFlow', apathy: 'flowApathy' };

/** The program's flow checks by zone, from its counters (zeros for a program from before they were counted). */
export const flowZonesOfCounters = (p: Partial<ProgramCounters>): Record<FlowZone, number> => ({
  anxiety: p.flowAnxiety ?? 0,
  boredom: p.flowBoredom ?? 0,
  flow: p.flowInFlow ?? 0,
  apathy: p.flowApathy ?? 0,
});

/** How a change of the program's children moves its counters: numbers to add, due dates to set or remove. */
export interface CounterChange {
  add: Partial<Record<CounterName, number>>;
  dueSet: Record<string, string>;
  dueRemove: string[];
}

export const noCounterChange = (): CounterChange => ({ add: {}, dueSet: {}, dueRemove: [] });

const counts = (a: Pick<Action, 'archived'> | undefined): a is Pick<Action, 'archived'> => !!a && !a.archived;

/** Merges counter changes of one transaction (an action and its obstacle, a session and its actions). */
export function mergeCounterChanges(...changes: CounterChange[]): CounterChange {
  const out = noCounterChange();
  for (const change of changes) {
    for (const [name, n] of Object.entries(change.add) as [CounterName, number][]) out.add[name] = (out.add[name] ?? 0) + n;
    Object.assign(out.dueSet, change.dueSet);
    out.dueRemove.push(...change.dueRemove.filter((id) => !(id in change.dueSet)));
  }
  for (const [name, n] of Object.entries(out.add) as [CounterName, number][]) if (n === 0) delete out.add[name];
  return out;
}

/** The counter change of an action going from `before` to `after` (undefined: did not exist). */
export function actionCounterChange(before: Action | undefined, after: Action | undefined): CounterChange {
  const change = noCounterChange();
  const bump = (name: CounterName, n: number) => (change.add[name] = (change.add[name] ?? 0) + n);
  if (!before && after) bump('actionsTotal', 1);
  if (counts(before)) bump(statusCounter[before.status], -1);
  if (counts(after)) bump(statusCounter[after.status], 1);
  if (counts(before) && before.flow) bump(flowCounter[flowZone(before.flow.challenge, before.flow.skill)], -1);
  if (counts(after) && after.flow) bump(flowCounter[flowZone(after.flow.challenge, after.flow.skill)], 1);
  const dueBefore = counts(before) && before.status === 'open' ? before.dueDate : undefined;
  const dueAfter = counts(after) && after.status === 'open' ? after.dueDate : undefined;
  const id = (after ?? before)!.actionId;
  if (dueAfter && dueAfter !== dueBefore) change.dueSet[id] = dueAfter;
  if (dueBefore && !dueAfter) change.dueRemove.push(id);
  for (const [name, n] of Object.entries(change.add) as [CounterName, number][]) if (n === 0) delete change.add[name];
  return change;
}

const isOpenObstacle = (o: Obstacle | undefined): o is Obstacle => !!o && !o.archived && !o.resolved;

export function obstacleCounterChange(before: Obstacle | undefined, after: Obstacle | undefined): CounterChange {
  const change = noCounterChange();
  const delta = (isOpenObstacle(after) ? 1 : 0) - (isOpenObstacle(before) ? 1 : 0);
  if (delta) change.add.obstaclesOpen = delta;
  if (!before && after) change.add.obstaclesTotal = 1;
  return change;
}

/** The fields of a record that differ between two versions, as a history shows them. */
export function changedFields<T extends object>(before: T | undefined, after: T, fields: readonly (keyof T & string)[]): Change['fields'] {
  const out: Change['fields'] = {};
  for (const field of fields) {
    const from = before?.[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[field] = { from, to };
  }
  return out;
}

export const ACTION_HISTORY_FIELDS = ['title', 'ifThenPlan', 'dueDate', 'competency', 'status', 'reflection', 'flow', 'archived'] as const;
export const OBSTACLE_HISTORY_FIELDS = ['text', 'category', 'resolved', 'archived'] as const;

/** Fields only the client who created an action (or staff) may change; anyone with the link may mark and reflect. */
const PLAN_FIELDS = ['title', 'ifThenPlan', 'dueDate', 'competency'] as const;

/** A competency named by an action must be one of the program's. */
export function checkCompetency(program: Pick<Program, 'competencies'>, competency: string | null | undefined, field = 'competency'): void {
  if (competency === undefined || competency === null) return;
  if (!program.competencies.includes(competency)) {
    throw new ValidationError([{ field, message: program.competencies.length ? `must be one of the program's competencies: ${program.competencies.join(', ')}` : 'the program names no competencies' }]);
  }
}

/** An action after an update by `by`; throws when the update is not allowed or changes nothing it may change. */
export function applyActionUpdate(program: Pick<Program, 'competencies'>, action: Action, update: ActionUpdate, by: Actor, now: Date): Action {
  if (by.kind === 'client') {
    const planChange = PLAN_FIELDS.some((f) => update[f] !== undefined);
    if (planChange && action.createdBy.kind !== 'client') throw new ForbiddenError('Only your own actions can be edited; your coach set this one up with you', 'forbidden', 'not-own');
    if (update.archived !== undefined && action.createdBy.kind !== 'client') throw new ForbiddenError('Only your own actions can be removed', 'forbidden', 'not-own');
  }
  checkCompetency(program, update.competency);
  const at = now.toISOString();
  const next: Action = { ...action };
  const setOrClear = <K extends 'ifThenPlan' | 'dueDate' | 'competency' | 'reflection'>(field: K, value: string | null | undefined) => {
    if (value === undefined) return;
    if (value === null) delete next[field];
    else next[field] = value as Action[K];
  };
  if (update.title !== undefined) next.title = update.title;
  setOrClear('ifThenPlan', update.ifThenPlan);
  setOrClear('dueDate', update.dueDate);
  setOrClear('competency', update.competency);
  setOrClear('reflection', update.reflection);
  if (update.flow === null) delete next.flow;
  else if (update.flow !== undefined) next.flow = { ...update.flow, at };
  if (update.archived !== undefined) next.archived = update.archived;
  if (update.status !== undefined && update.status !== action.status) {
    next.status = update.status;
    if (update.status === 'open') delete next.decidedAt;
    else next.decidedAt = at;
  }
  next.updatedAt = at;
  next.version = action.version + 1;
  return next;
}

/** A new action of a program, by the client or staff; held to the program's limit. */
export function newAction(
  program: Pick<Program, 'programId' | 'competencies' | 'actionsTotal'>,
  draft: { title: string; ifThenPlan?: string; dueDate?: string; competency?: string; sessionId?: string },
  ids: { actionId: string },
  by: Actor,
  now: Date,
): Action {
  checkCompetency(program, draft.competency);
  if (program.actionsTotal >= PROGRAM_LIMITS.actions) throw new ConflictError(`This program has reached its limit of ${PROGRAM_LIMITS.actions} actions; start a new program for the next phase`, undefined, 'closed');
  const at = now.toISOString();
  return {
    actionId: ids.actionId,
    programId: program.programId,
    ...(draft.sessionId ? { sessionId: draft.sessionId } : {}),
    title: draft.title,
    ...(draft.ifThenPlan ? { ifThenPlan: draft.ifThenPlan } : {}),
    ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
    ...(draft.competency ? { competency: draft.competency } : {}),
    status: 'open',
    createdBy: by,
    archived: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

export interface Completion {
  total: number;
  open: number;
  done: number;
  partly: number;
  notDone: number;
  dropped: number;
  /** (done + half of partly) / (all but dropped); null when there is nothing to count. */
  rate: number | null;
}

export function completionOf(actions: readonly Pick<Action, 'status' | 'archived'>[]): Completion {
  const live = actions.filter((a) => !a.archived);
  const n = (s: ActionStatus) => live.filter((a) => a.status === s).length;
  const c = { total: live.length, open: n('open'), done: n('done'), partly: n('partly'), notDone: n('not_done'), dropped: n('dropped') };
  const counted = c.total - c.dropped;
  return { ...c, rate: counted > 0 ? Math.round(((c.done + c.partly / 2) / counted) * 1000) / 1000 : null };
}

/** The same completion from the program item's counters (lists: no children read). */
export function completionOfCounters(p: ProgramCounters): Completion {
  const c = { open: p.actionsOpen, done: p.actionsDone, partly: p.actionsPartly, notDone: p.actionsNotDone, dropped: p.actionsDropped };
  const total = c.open + c.done + c.partly + c.notDone + c.dropped;
  const counted = total - c.dropped;
  return { total, ...c, rate: counted > 0 ? Math.round(((c.done + c.partly / 2) / counted) * 1000) / 1000 : null };
}

/** How many open actions are past due today in the client's time zone, from the program item alone. */
export const overdueCount = (program: Pick<Program, 'dueOpen' | 'client'>, now: Date): number => {
  const today = localDate(now, program.client.timeZone);
  return Object.values(program.dueOpen ?? {}).filter((due) => due < today).length;
};

/** Days ahead that count as "due soon" on the agenda. */
export const DUE_SOON_DAYS = 7;

export type AgendaItem =
  | { kind: 'obstacle'; obstacleId: string; actionId: string; actionTitle?: string; text: string; category: string; at: string }
  | { kind: 'not-done'; actionId: string; title: string; status: ActionStatus; dueDate?: string }
  | { kind: 'overdue'; actionId: string; title: string; dueDate: string }
  | { kind: 'due-soon'; actionId: string; title: string; dueDate: string }
  | FlowSuggestion;

/**
 * The next session's agenda: open obstacles first (oldest first), then the actions not done since the last session
 * (marked not done or partly since then, or open and past due), then the flow check's suggestions to split or stretch
 * (what happened first, then how to shape the next actions), then open actions due within DUE_SOON_DAYS.
 */
export function agendaOf(program: Pick<Program, 'lastSessionAt' | 'client'>, actions: readonly Action[], obstacles: readonly Obstacle[], now: Date): AgendaItem[] {
  const today = localDate(now, program.client.timeZone);
  const soon = addDays(today, DUE_SOON_DAYS);
  const live = actions.filter((a) => !a.archived);
  const title = new Map(live.map((a) => [a.actionId, a.title]));
  const since = program.lastSessionAt ?? '';
  const obstacleItems: AgendaItem[] = obstacles
    .filter(isOpenObstacle)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((o) => ({ kind: 'obstacle', obstacleId: o.obstacleId, actionId: o.actionId, ...(title.has(o.actionId) ? { actionTitle: title.get(o.actionId)! } : {}), text: o.text, category: o.category, at: o.at }));
  const byDue = (a: Action, b: Action) => ((a.dueDate ?? '9999') < (b.dueDate ?? '9999') ? -1 : (a.dueDate ?? '9999') > (b.dueDate ?? '9999') ? 1 : 0);
  const notDone: AgendaItem[] = live
    .filter((a) => ((a.status === 'not_done' || a.status === 'partly') && (a.decidedAt ?? '') >= since) || (a.status === 'open' && a.dueDate !== undefined && a.dueDate < today))
    .sort(byDue)
    .map((a) => (a.status === 'open' ? { kind: 'overdue', actionId: a.actionId, title: a.title, dueDate: a.dueDate! } : { kind: 'not-done', actionId: a.actionId, title: a.title, status: a.status, ...(a.dueDate ? { dueDate: a.dueDate } : {}) }));
  const dueSoon: AgendaItem[] = live
    .filter((a) => a.status === 'open' && a.dueDate !== undefined && a.dueDate >= today && a.dueDate <= soon)
    .sort(byDue)
    .map((a) => ({ kind: 'due-soon', actionId: a.actionId, title: a.title, dueDate: a.dueDate! }));
  return [...obstacleItems, ...notDone, ...flowSuggestions(live, program.lastSessionAt), ...dueSoon];
}

/** The program's items, as one Query of its item collection returns them. */
export interface ProgramCollection {
  program: Program;
  sessions: Session[];
  actions: Action[];
  obstacles: Obstacle[];
  /** Each sponsor's report schedule and latest reports (absent where a collection is made by hand). */
  reportSchedules?: ReportSchedule[];
  /** The self-assessment's rounds, oldest first. */
  assessments?: Assessment[];
  /** The sponsors' answers to their reports' one question (one per report). */
  pulses?: Pulse[];
}

/** A stored item without its keys and type tag: the record itself. */
const record = <T>(item: Record<string, unknown>): T => {
  // digestTo rides on a due reminder (a copy of its digest's recipient), it is not part of the record.
  const { PK: _pk, SK: _sk, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, GSI3PK: _e, GSI3SK: _f, type: _t, digestTo: _g, ...rest } = item;
  return rest as T;
};

export function splitCollection(items: readonly Record<string, unknown>[]): ProgramCollection | undefined {
  const head = items.find((i) => i.type === 'Program');
  if (!head) return undefined;
  const program = record<Program>(head);
  const of = <T>(type: string) => items.filter((i) => i.type === type).map((i) => record<T>(i));
  return {
    program,
    sessions: of<Session>('Session').sort((a, b) => a.number - b.number),
    actions: of<Action>('Action').sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)),
    obstacles: of<Obstacle>('Obstacle'),
    reportSchedules: of<ReportSchedule>('ReportSchedule'),
    assessments: items.filter((i) => i.type === 'Assessment').map((i) => assessmentOf(record(i))).sort((a, b) => (a.round < b.round ? -1 : 1)),
    pulses: of<Pulse>('Pulse'),
  };
}

/** How many latest flow checks the program page shows. */
export const LATEST_FLOW_CHECKS = 5;

/** Everything the coach needs before the next session, from the program's item collection. */
export function programPage(collection: ProgramCollection, now: Date) {
  const { program, actions, obstacles } = collection;
  const sessions = collection.sessions.filter((s) => !s.archived);
  const live = actions.filter((a) => !a.archived);
  const today = localDate(now, program.client.timeZone);
  const latest = sessions.at(-1);
  return {
    sessions: sessions.map((s) => ({ session: s, completion: completionOf(live.filter((a) => a.sessionId === s.sessionId)) })),
    actions: live,
    openObstacles: obstacles.filter(isOpenObstacle).sort((a, b) => (a.at < b.at ? -1 : 1)),
    completion: completionOf(live),
    overdue: live.filter((a) => a.status === 'open' && a.dueDate !== undefined && a.dueDate < today),
    latestFlowChecks: live
      .filter((a) => a.flow)
      .sort((a, b) => (a.flow!.at < b.flow!.at ? 1 : -1))
      .slice(0, LATEST_FLOW_CHECKS)
      .map((a) => ({ actionId: a.actionId, title: a.title, challenge: a.flow!.challenge, skill: a.flow!.skill, at: a.flow!.at })),
    agenda: agendaOf(program, live, obstacles, now),
    ...(latest ? { latestSessionId: latest.sessionId } : {}),
    today,
  };
}
