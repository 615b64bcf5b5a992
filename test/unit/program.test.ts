import { describe, expect, it } from 'vitest';
import type { Action, Obstacle, Program } from '../../shared/domain/coaching.js';
import {
  actionCounterChange,
  agendaOf,
  applyActionUpdate,
  completionOf,
  completionOfCounters,
  emptyCounters,
  flowZonesOfCounters,
  localDate,
  mergeCounterChanges,
  newAction,
  obstacleCounterChange,
  overdueCount,
} from '../../shared/domain/program.js';
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import { actionsByCompetency, COMPETENCY_ACTIONS_LISTED } from '../../shared/domain/competency-actions.js';

/** The coaching loop's rules as plain functions: counters, completion, overdue in the client's zone, the agenda. */
const now = new Date('2026-11-25T12:00:00Z');
const program: Pick<Program, 'programId' | 'competencies' | 'actionsTotal' | 'lastSessionAt' | 'client'> = {
  programId: 'P',
  competencies: ['Delegation'],
  actionsTotal: 0,
  lastSessionAt: '2026-11-20T09:00:00.000Z',
  client: { name: 'C', email: 'c@x', locale: 'en', timeZone: 'Europe/Zurich' },
};

const action = (over: Partial<Action>): Action => ({
  actionId: over.actionId ?? 'A',
  programId: 'P',
  title: over.title ?? 'Step',
  status: 'open',
  createdBy: { kind: 'client' },
  archived: false,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  version: 1,
  ...over,
});

const obstacle = (over: Partial<Obstacle>): Obstacle => ({
  obstacleId: over.obstacleId ?? 'O',
  programId: 'P',
  actionId: 'A',
  text: 'no time',
  category: 'time',
  at: '2026-11-22T10:00:00.000Z',
  createdBy: { kind: 'client' },
  archived: false,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  version: 1,
  ...over,
});

describe('the client’s day', () => {
  it('is the date in their time zone, not UTC', () => {
    expect(localDate(new Date('2026-11-25T23:30:00Z'), 'Europe/Zurich')).toBe('2026-11-26');
    expect(localDate(new Date('2026-11-25T23:30:00Z'), 'America/New_York')).toBe('2026-11-25');
  });

  it('decides what is overdue from the program item alone', () => {
    const p = { client: program.client, dueOpen: { a: '2026-11-24', b: '2026-11-25', c: '2026-12-01' } } as unknown as Program;
    expect(overdueCount(p, now)).toBe(1);
  });
});

describe('program counters', () => {
  it('move with an action’s status, and track the due date only while it is open', () => {
    const open = action({ dueDate: '2026-11-30' });
    expect(actionCounterChange(undefined, open)).toEqual({ add: { actionsTotal: 1, actionsOpen: 1 }, dueSet: { A: '2026-11-30' }, dueRemove: [] });
    const done = { ...open, status: 'done' as const };
    expect(actionCounterChange(open, done)).toEqual({ add: { actionsOpen: -1, actionsDone: 1 }, dueSet: {}, dueRemove: ['A'] });
    expect(actionCounterChange(open, { ...open, dueDate: '2026-12-02' })).toEqual({ add: {}, dueSet: { A: '2026-12-02' }, dueRemove: [] });
    expect(actionCounterChange(done, { ...done, archived: true })).toEqual({ add: { actionsDone: -1 }, dueSet: {}, dueRemove: [] });
  });

  it('count flow checks by zone: a check adds its zone, a changed check moves it, archiving takes it away', () => {
    const open = action({ actionId: 'A', status: 'open' });
    const inFlow = { ...open, status: 'done' as const, flow: { challenge: 4, skill: 4, at: 't' } };
    expect(actionCounterChange(open, inFlow).add).toEqual({ actionsOpen: -1, actionsDone: 1, flowInFlow: 1 });
    const anxious = { ...inFlow, flow: { challenge: 5, skill: 2, at: 't2' } };
    expect(actionCounterChange(inFlow, anxious).add).toEqual({ flowInFlow: -1, flowAnxiety: 1 });
    expect(actionCounterChange(anxious, { ...anxious, archived: true }).add).toEqual({ actionsDone: -1, flowAnxiety: -1 });
    // A check that stays in its zone moves nothing.
    expect(actionCounterChange(inFlow, { ...inFlow, flow: { challenge: 3, skill: 4, at: 't3' } }).add).toEqual({});
    expect(flowZonesOfCounters({})).toEqual({ anxiety: 0, boredom: 0, flow: 0, apathy: 0 });
  });

  it('count open obstacles: logged +1, resolved −1, archived −1', () => {
    const o = obstacle({});
    expect(obstacleCounterChange(undefined, o).add).toEqual({ obstaclesOpen: 1, obstaclesTotal: 1 });
    expect(obstacleCounterChange(o, { ...o, resolved: { at: 'x', by: 'u', note: 'n' } }).add).toEqual({ obstaclesOpen: -1 });
    expect(obstacleCounterChange(o, { ...o, archived: true }).add).toEqual({ obstaclesOpen: -1 });
  });

  it('merge: a due date set by one change and removed by none stays; sums cancel out', () => {
    const merged = mergeCounterChanges({ add: { actionsOpen: 1 }, dueSet: { A: '2026-12-01' }, dueRemove: [] }, { add: { actionsOpen: -1, actionsDone: 1 }, dueSet: {}, dueRemove: ['B'] });
    expect(merged).toEqual({ add: { actionsDone: 1 }, dueSet: { A: '2026-12-01' }, dueRemove: ['B'] });
  });

  it('give the same completion as the actions they count', () => {
    const actions = [action({ status: 'done' }), action({ status: 'partly' }), action({ status: 'not_done' }), action({ status: 'dropped' }), action({ status: 'open' })];
    const counters = actions.reduce((c, a) => {
      const change = actionCounterChange(undefined, a);
      for (const [k, n] of Object.entries(change.add)) (c as unknown as Record<string, number>)[k]! += n;
      return c;
    }, emptyCounters());
    expect(completionOfCounters(counters)).toEqual(completionOf(actions));
    // (done + half of partly) / (all but dropped) = 1.5 / 4
    expect(completionOf(actions).rate).toBe(0.375);
    expect(completionOf([]).rate).toBeNull();
  });
});

describe('changes of an action', () => {
  it('a client edits only their own actions, but marks any', () => {
    const coachs = action({ createdBy: { kind: 'staff', id: 'u' } });
    expect(() => applyActionUpdate(program, coachs, { title: 'Renamed' }, { kind: 'client' }, now)).toThrow(ForbiddenError);
    const marked = applyActionUpdate(program, coachs, { status: 'done', flow: { challenge: 4, skill: 3 } }, { kind: 'client' }, now);
    expect(marked).toMatchObject({ status: 'done', decidedAt: now.toISOString(), flow: { challenge: 4, skill: 3, at: now.toISOString() }, version: 2 });
    expect(applyActionUpdate(program, marked, { status: 'open' }, { kind: 'client' }, now).decidedAt).toBeUndefined();
  });

  it('names only the program’s competencies', () => {
    expect(() => applyActionUpdate(program, action({}), { competency: 'Cooking' }, { kind: 'client' }, now)).toThrow(ValidationError);
    expect(() => newAction(program, { title: 'x', competency: 'Cooking' }, { actionId: 'N' }, { kind: 'client' }, now)).toThrow(ValidationError);
    expect(newAction(program, { title: 'x', competency: 'Delegation' }, { actionId: 'N' }, { kind: 'client' }, now).competency).toBe('Delegation');
  });

  it('null clears an optional field', () => {
    const a = action({ ifThenPlan: 'When x, I will y', dueDate: '2026-12-01' });
    const cleared = applyActionUpdate(program, a, { ifThenPlan: null, dueDate: null }, { kind: 'client' }, now);
    expect(cleared.ifThenPlan).toBeUndefined();
    expect(cleared.dueDate).toBeUndefined();
  });
});

describe('the next session’s agenda', () => {
  it('lists open obstacles first (oldest first), then what was not done since the last session, then what is due soon', () => {
    const actions = [
      action({ actionId: 'soon', title: 'Due soon', dueDate: '2026-11-28' }),
      action({ actionId: 'later', title: 'Due later', dueDate: '2026-12-20' }),
      action({ actionId: 'late', title: 'Overdue', dueDate: '2026-11-23' }),
      action({ actionId: 'nd', title: 'Not done', status: 'not_done', decidedAt: '2026-11-22T08:00:00.000Z', dueDate: '2026-11-21' }),
      action({ actionId: 'old', title: 'Not done before the last session', status: 'not_done', decidedAt: '2026-11-10T08:00:00.000Z' }),
      action({ actionId: 'gone', title: 'Archived', status: 'not_done', decidedAt: '2026-11-22T08:00:00.000Z', archived: true }),
    ];
    const obstacles = [
      obstacle({ obstacleId: 'new', actionId: 'nd', at: '2026-11-23T10:00:00.000Z' }),
      obstacle({ obstacleId: 'old', actionId: 'late', at: '2026-11-21T10:00:00.000Z' }),
      obstacle({ obstacleId: 'done', resolved: { at: 'x', by: 'u', note: 'n' } }),
    ];
    const agenda = agendaOf(program, actions, obstacles, now);
    expect(agenda.map((i) => `${i.kind}:${'obstacleId' in i ? i.obstacleId : i.actionId}`)).toEqual(['obstacle:old', 'obstacle:new', 'not-done:nd', 'overdue:late', 'due-soon:soon']);
  });

  it('suggests splitting what was too hard and stretching what was too easy, after what was not done and before what is due soon', () => {
    const flow = (challenge: number, skill: number, at = '2026-11-23T08:00:00.000Z') => ({ challenge, skill, at });
    const actions = [
      action({ actionId: 'soon', dueDate: '2026-11-28' }),
      action({ actionId: 'nd', status: 'not_done', decidedAt: '2026-11-22T08:00:00.000Z', flow: flow(5, 2, '2026-11-22T08:00:00.000Z') }),
      action({ actionId: 'easy', status: 'done', decidedAt: '2026-11-21T08:00:00.000Z', flow: flow(1, 4, '2026-11-21T08:00:00.000Z') }),
      action({ actionId: 'hard', status: 'done', decidedAt: '2026-11-23T08:00:00.000Z', flow: flow(4, 1) }),
      action({ actionId: 'balanced', status: 'done', decidedAt: '2026-11-23T08:00:00.000Z', flow: flow(4, 4) }),
      action({ actionId: 'discussed', status: 'done', decidedAt: '2026-11-10T08:00:00.000Z', flow: flow(5, 1, '2026-11-10T08:00:00.000Z') }),
      action({ actionId: 'gone', status: 'done', archived: true, flow: flow(5, 1) }),
    ];
    const agenda = agendaOf(program, actions, [obstacle({ actionId: 'nd' })], now);
    // The action not done also gets its split: one says what happened, the other how to shape the next step.
    expect(agenda.map((i) => `${i.kind}:${'obstacleId' in i ? i.obstacleId : i.actionId}`)).toEqual(['obstacle:O', 'not-done:nd', 'split:nd', 'split:hard', 'stretch:easy', 'due-soon:soon']);
    expect(agenda.find((i) => i.kind === 'stretch')).toMatchObject({ title: 'Step', status: 'done', challenge: 1, skill: 4 });
  });
});

describe('actions by competency', () => {
  const linked = (competency: string | undefined, status: Action['status'], over: Partial<Action> = {}) => action({ ...(competency ? { competency } : {}), status, ...over });

  it('lists the program’s competencies in program order, then ones the program no longer names, with completion', () => {
    const actions = [
      linked('Feedback', 'done', { actionId: 'f1' }),
      linked('Delegation', 'partly', { actionId: 'd1' }),
      linked('Old focus', 'done', { actionId: 'o1' }),
      linked('Delegation', 'not_done', { actionId: 'd2', createdAt: '2026-11-21T10:00:00.000Z' }),
      linked(undefined, 'done', { actionId: 'none' }),
      linked('Feedback', 'done', { actionId: 'f2', archived: true }),
    ];
    const result = actionsByCompetency(['Delegation', 'Feedback', 'Presence'], actions);
    expect(result.map((c) => [c.competency, c.inProgram, c.completion.rate])).toEqual([
      ['Delegation', true, 0.25],
      ['Feedback', true, 1],
      ['Presence', true, null],
      ['Old focus', false, 1],
    ]);
    // Newest first; the archived one and the one without a competency are nowhere.
    expect(result[0]!.actions).toEqual([{ actionId: 'd2', title: 'Step', status: 'not_done' }, { actionId: 'd1', title: 'Step', status: 'partly' }]);
    expect(result[1]!.actions.map((a) => a.actionId)).toEqual(['f1']);
    expect(result[2]!.actions).toEqual([]);
  });

  it('lists at most COMPETENCY_ACTIONS_LISTED actions, the newest, and counts them all', () => {
    const many = Array.from({ length: COMPETENCY_ACTIONS_LISTED + 3 }, (_, i) => linked('Delegation', 'done', { actionId: `a${i}`, createdAt: `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00.000Z` }));
    const [delegation] = actionsByCompetency(['Delegation'], many);
    expect(delegation!.actions).toHaveLength(COMPETENCY_ACTIONS_LISTED);
    expect(delegation!.actions[0]!.actionId).toBe(`a${COMPETENCY_ACTIONS_LISTED + 2}`);
    expect(delegation!.completion.total).toBe(COMPETENCY_ACTIONS_LISTED + 3);
  });
});
