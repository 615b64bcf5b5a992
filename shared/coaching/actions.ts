import { actionItem, changeItem, historyOf, obstacleItem, programCountersItem, sessionPromptDoneItem } from '../db/coaching.js';
import type { TenantScope } from '../db/keys.js';
import type { Page } from '../db/page.js';
import { ConditionFailed, transact, type TransactItem } from '../db/transact.js';
import type { StaffPrincipal } from '../domain/access.js';
import { digestRecipient, digestSettings, scheduleAction } from '../domain/reminders.js';
import type { Tenant } from '../domain/tenant.js';
import type { Action, ActionCreate, ActionUpdate, Actor, Change, Obstacle, ObstacleCreate, ObstacleUpdate, Program, Session } from '../domain/coaching.js';
import {
  ACTION_HISTORY_FIELDS,
  actionCounterChange,
  applyActionUpdate,
  changedFields,
  mergeCounterChanges,
  newAction,
  OBSTACLE_HISTORY_FIELDS,
  obstacleCounterChange,
  WORKING_STATUSES,
} from '../domain/program.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { newId } from '../ids.js';

/**
 * Changes of micro actions and obstacles, by staff or by the client through their link. Each change writes the
 * record, its history entry and the program's counters in one transaction; the history entry's id comes from the
 * request (a form's change id), so a second submit of the same change is refused instead of recorded twice.
 */

/** How long the client's page offers to take a change back. */
export const UNDO_MINUTES = 15;

export const actionNotFound = () => new NotFoundError('No action with that id in this program');
export const obstacleNotFound = () => new NotFoundError('No obstacle with that id in this program');

/** Thrown when the same change was submitted before: it is recorded once, and the caller answers as if it just was. */
export class AlreadyRecorded extends Error {
  constructor(readonly changeId: string) {
    super(`change ${changeId} was recorded already`);
  }
}

export interface ChangeContext {
  scope: TenantScope;
  program: Program;
  by: Actor;
  now: Date;
  /** The firm's reminder policy: an action's next reminder is set with each change. */
  policy?: Tenant['reminderPolicy'];
  /** Client changes: the link's generation, which must still be the program's when the change is written. */
  linkGeneration?: number;
}

export interface ChangeResult {
  action?: Action;
  obstacle?: Obstacle;
  change: Change;
}

const itemIndex = { program: 0, subject: 1, change: 2 } as const;

/** The action with its next reminder, for the client's digest settings (none without the firm's policy). */
const scheduled = (ctx: ChangeContext, action: Action, before?: Action): Action =>
  scheduleAction(action, ctx.policy ? digestSettings(ctx.policy, ctx.program.client) : undefined, ctx.now, !before || before.dueDate !== action.dueDate || before.status !== action.status);

/**
 * Writes one change: [program counters, the action or obstacle, its history entry, (an obstacle logged with it)]. A
 * client's change is indexed for their coach's digest under the action's title (and the obstacle they logged).
 */
async function write(ctx: ChangeContext, subject: TransactItem, change: Change, counters: ReturnType<typeof mergeCounterChanges>, extra: TransactItem[] = [], about?: { actionTitle: string; obstacleText?: string }): Promise<void> {
  const activity = ctx.by.kind === 'client' && about ? { coachId: ctx.program.coachId, ...about } : undefined;
  const items = [
    programCountersItem(ctx.scope, ctx.program.programId, counters, {
      now: ctx.now,
      statuses: WORKING_STATUSES,
      byClient: ctx.by.kind === 'client',
      ...(ctx.linkGeneration !== undefined ? { linkGeneration: ctx.linkGeneration } : {}),
    }),
    subject,
    changeItem(ctx.scope, ctx.program.programId, change, activity),
    ...extra,
  ];
  try {
    await transact(items);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (error.failed.includes(itemIndex.change)) throw new AlreadyRecorded(change.changeId);
    if (error.failed.includes(itemIndex.program)) throw new ConflictError('This program no longer takes changes (it was completed, archived, or its links were revoked), or it reached its limits', undefined, 'closed');
    throw new ConflictError('This changed meanwhile; reload and try again', undefined, 'changed');
  }
}

const changeOf = (ctx: ChangeContext, changeId: string, subject: { kind: Change['subject']; id: string; actionId: string }, kind: Change['kind'], fields: Change['fields'], versionAfter: number, extra: Partial<Change> = {}): Change => ({
  changeId,
  subject: subject.kind,
  subjectId: subject.id,
  actionId: subject.actionId,
  at: ctx.now.toISOString(),
  by: ctx.by,
  kind,
  fields,
  versionAfter,
  ...(ctx.by.kind === 'client' ? { undoUntil: new Date(ctx.now.getTime() + UNDO_MINUTES * 60_000).toISOString() } : {}),
  ...extra,
});

export async function addAction(ctx: ChangeContext, draft: ActionCreate, changeId: string = newId(ctx.now.getTime())): Promise<ChangeResult> {
  // The new action takes the change's id: a second submit of the same form names the same action and is refused.
  const action = scheduled(ctx, newAction(ctx.program, draft, { actionId: changeId }, ctx.by, ctx.now));
  const change = changeOf(ctx, changeId, { kind: 'action', id: action.actionId, actionId: action.actionId }, 'created', changedFields(undefined, action, ACTION_HISTORY_FIELDS), 1);
  // A client capturing an action for a session ends its post-session prompt.
  const promptDone = ctx.by.kind === 'client' && action.sessionId ? [sessionPromptDoneItem(ctx.scope, ctx.program.programId, action.sessionId)] : [];
  await write(ctx, actionItem(ctx.scope, action, digestRecipient(ctx.program)), change, actionCounterChange(undefined, action), promptDone, { actionTitle: action.title });
  return { action, change };
}

/** Logs an obstacle in the same step, e.g. with "not done"; its category and text as the client gave them. */
export interface ObstacleDraft {
  text: string;
  category: Obstacle['category'];
  at?: string;
}

const newObstacle = (ctx: ChangeContext, actionId: string, draft: ObstacleDraft): Obstacle => {
  const at = ctx.now.toISOString();
  return { obstacleId: newId(ctx.now.getTime()), programId: ctx.program.programId, actionId, text: draft.text, category: draft.category, at: draft.at ?? at, createdBy: ctx.by, archived: false, createdAt: at, updatedAt: at, version: 1 };
};

export async function changeAction(ctx: ChangeContext, action: Action, update: ActionUpdate, opts: { changeId?: string; obstacle?: ObstacleDraft; undoes?: string } = {}): Promise<ChangeResult> {
  const next = scheduled(ctx, applyActionUpdate(ctx.program, action, update, ctx.by, ctx.now), action);
  const fields = changedFields(action, next, ACTION_HISTORY_FIELDS);
  if (Object.keys(fields).length === 0 && !opts.obstacle) throw new ValidationError([{ field: '', message: 'changes nothing: every field already has that value' }]);
  const obstacle = opts.obstacle ? newObstacle(ctx, action.actionId, opts.obstacle) : undefined;
  const change = changeOf(ctx, opts.changeId ?? newId(ctx.now.getTime()), { kind: 'action', id: action.actionId, actionId: action.actionId }, opts.undoes ? 'undone' : 'updated', fields, next.version, {
    ...(obstacle ? { obstacleId: obstacle.obstacleId } : {}),
    ...(opts.undoes ? { undoes: opts.undoes } : {}),
  });
  const counters = mergeCounterChanges(actionCounterChange(action, next), ...(obstacle ? [obstacleCounterChange(undefined, obstacle)] : []));
  await write(ctx, actionItem(ctx.scope, next, digestRecipient(ctx.program)), change, counters, obstacle ? [obstacleItem(ctx.scope, obstacle)] : [], { actionTitle: next.title, ...(obstacle ? { obstacleText: obstacle.text } : {}) });
  return { action: next, ...(obstacle ? { obstacle } : {}), change };
}

/**
 * Takes a change back: the fields it changed return to what they were, and an obstacle logged with it is archived.
 * Only while the action is still as the change left it (nothing changed since), and only within UNDO_MINUTES.
 */
export async function undoChange(ctx: ChangeContext, change: Change, action: Action, obstacle: Obstacle | undefined, opts: { changeId: string }): Promise<ChangeResult> {
  if (change.undoUntil && change.undoUntil < ctx.now.toISOString()) throw new ConflictError('This change is too old to undo; change the action directly instead', undefined, 'undo-too-old');
  if (action.version !== change.versionAfter) throw new ConflictError('The action changed again since; change it directly instead', undefined, 'undo-stale');
  const restore: Record<string, unknown> = {};
  for (const [field, { from }] of Object.entries(change.fields)) restore[field] = from;
  // Undoing an addition removes the action (archived, like any removal; its history stays).
  if (change.kind === 'created') restore.archived = true;
  const { flow, ...rest } = restore as ActionUpdate & { flow?: { challenge: number; skill: number } | null };
  const update = { ...rest, ...(flow !== undefined ? { flow: flow ? { challenge: flow.challenge, skill: flow.skill } : null } : {}) } as ActionUpdate;
  const next = scheduled(ctx, { ...applyActionUpdate(ctx.program, action, update, { kind: 'staff', id: 'undo' }, ctx.now) }, action);
  // The restored flow check keeps the moment it was given.
  if (flow) next.flow = flow as Action['flow'];
  const fields = changedFields(action, next, ACTION_HISTORY_FIELDS);
  const archivedObstacle = obstacle && !obstacle.archived ? { ...obstacle, archived: true, updatedAt: ctx.now.toISOString(), version: obstacle.version + 1 } : undefined;
  const undo = changeOf(ctx, opts.changeId, { kind: 'action', id: action.actionId, actionId: action.actionId }, 'undone', fields, next.version, { undoes: change.changeId });
  delete undo.undoUntil;
  const counters = mergeCounterChanges(actionCounterChange(action, next), ...(archivedObstacle ? [obstacleCounterChange(obstacle, archivedObstacle)] : []));
  await write(ctx, actionItem(ctx.scope, next, digestRecipient(ctx.program)), undo, counters, archivedObstacle ? [obstacleItem(ctx.scope, archivedObstacle)] : [], { actionTitle: next.title });
  return { action: next, ...(archivedObstacle ? { obstacle: archivedObstacle } : {}), change: undo };
}

export async function logObstacle(ctx: ChangeContext, action: Action, draft: ObstacleCreate): Promise<ChangeResult> {
  const obstacle = newObstacle(ctx, action.actionId, draft);
  const change = changeOf(ctx, newId(ctx.now.getTime()), { kind: 'obstacle', id: obstacle.obstacleId, actionId: obstacle.actionId }, 'created', changedFields(undefined, obstacle, OBSTACLE_HISTORY_FIELDS), 1);
  await write(ctx, obstacleItem(ctx.scope, obstacle), change, obstacleCounterChange(undefined, obstacle), [], { actionTitle: action.title });
  return { obstacle, change };
}

export async function changeObstacle(ctx: ChangeContext & { by: { kind: 'staff'; id: string } }, obstacle: Obstacle, update: ObstacleUpdate): Promise<ChangeResult> {
  const at = ctx.now.toISOString();
  const next: Obstacle = { ...obstacle, updatedAt: at, version: obstacle.version + 1 };
  if (update.text !== undefined) next.text = update.text;
  if (update.category !== undefined) next.category = update.category;
  if (update.archived !== undefined) next.archived = update.archived;
  // Resolving a resolved obstacle keeps who resolved it and when; only its note may change.
  if (update.resolved === true && !obstacle.resolved) next.resolved = { at, by: ctx.by.id, note: update.resolutionNote! };
  else if (update.resolved === false) delete next.resolved;
  else if (update.resolutionNote !== undefined && obstacle.resolved) next.resolved = { ...obstacle.resolved, note: update.resolutionNote };
  const fields = changedFields(obstacle, next, OBSTACLE_HISTORY_FIELDS);
  if (Object.keys(fields).length === 0) throw new ValidationError([{ field: '', message: 'changes nothing: every field already has that value' }]);
  const change = changeOf(ctx, newId(ctx.now.getTime()), { kind: 'obstacle', id: obstacle.obstacleId, actionId: obstacle.actionId }, 'updated', fields, next.version);
  await write(ctx, obstacleItem(ctx.scope, next), change, obstacleCounterChange(obstacle, next));
  return { obstacle: next, change };
}

/** The staff context of a change: their id in the history. */
export const staffContext = (principal: StaffPrincipal, program: Program, now: Date): ChangeContext & { by: { kind: 'staff'; id: string } } => ({
  scope: principal.scope,
  program,
  by: { kind: 'staff', id: principal.userId },
  now,
  policy: principal.tenant.reminderPolicy,
});

/** An action's history (its obstacles' changes included), a page at a time. */
export const actionHistory = (scope: TenantScope, programId: string, actionId: string, limit = 50, cursor?: string): Promise<Page<Change>> => historyOf(scope, programId, actionId, limit, cursor);

/** The session a new action comes from must be one of the program's. */
export function checkSessionOf(sessionItem: Session | undefined, sessionId: string | undefined): void {
  if (sessionId !== undefined && !sessionItem) throw new ValidationError([{ field: 'sessionId', message: 'must be a session of this program' }]);
}

