import type { Action, Change, Obstacle } from '../domain/coaching.js';

/** What the API shows of an action, an obstacle and a change: named fields only, never the table's own. */
export const actionView = (a: Action) => {
  const { actionId, programId, sessionId, title, ifThenPlan, dueDate, competency, status, reflection, flow, createdBy, archived, createdAt, updatedAt, decidedAt, version } = a;
  return {
    actionId,
    programId,
    ...(sessionId ? { sessionId } : {}),
    title,
    ...(ifThenPlan ? { ifThenPlan } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(competency ? { competency } : {}),
    status,
    ...(reflection ? { reflection } : {}),
    ...(flow ? { flow } : {}),
    createdBy,
    archived,
    createdAt,
    updatedAt,
    ...(decidedAt ? { decidedAt } : {}),
    version,
  };
};

export const obstacleView = (o: Obstacle) => {
  const { obstacleId, programId, actionId, text, category, at, resolved, createdBy, archived, createdAt, updatedAt, version } = o;
  return { obstacleId, programId, actionId, text, category, at, ...(resolved ? { resolved } : {}), createdBy, archived, createdAt, updatedAt, version };
};

export const changeView = (c: Change) => {
  const { changeId, subject, subjectId, actionId, at, by, kind, fields, undoes, obstacleId } = c;
  return { changeId, subject, subjectId, actionId, at, by, kind, fields, ...(undoes ? { undoes } : {}), ...(obstacleId ? { obstacleId } : {}) };
};
