import type { RouteContract } from '../routes.js';
import { homeQuerySchema } from '../../domain/practice-home.js';
import { SESSION_NEEDS } from '../session.js';
import { actionPageQuerySchema, addActionFormSchema, changeActionFormSchema, logObstacleFormSchema } from '../../domain/action-forms.js';
import {
  actionHistoryPathSchema,
  emptyFormSchema,
  obstacleResolvePathSchema,
  programPagePathSchema,
  programPageQuerySchema,
  recordSessionFormSchema,
  resolveObstacleFormSchema,
  sendReportFormSchema,
} from '../../domain/program-forms.js';
import { coachViewFormSchema, editSessionFormSchema } from '../../domain/coach-forms.js';
import { assessmentPathSchema } from '../../domain/assessments.js';
import { sessionPathSchema } from '../../domain/coaching.js';

/**
 * The route contracts of the `practice` area: the coach's pages of the staff web app (their programs, a program,
 * clients and sponsors). HTML pages behind the session cookie; forms posted as application/x-www-form-urlencoded.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const homePage = {
  id: 'homePage',
  method: 'GET',
  path: '/app',
  handler: 'functions/http/practice/home.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query-index', 'table:query'],
  summary: 'The coach’s home: their programs (owners and admins: the firm’s), stalled ones first',
  page: true,
  request: { query: homeQuerySchema },
  response: { status: 200, description: 'The programs page (400: filters the form cannot send, the message by the field)' },
} as const satisfies RouteContract;

// A program's page and what the coach does from it (functions/http/practice/program*.ts). Each reads the program with
// the session in its one BatchGet (or, the page itself, its collection with one Query) and reuses the JSON API's
// domain code (shared/coaching/programs.ts, actions.ts, reports.ts).

export const programPage = {
  id: 'programPage',
  method: 'GET',
  path: '/app/programs/{programId}',
  handler: 'functions/http/practice/program.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'A program’s page: the next session’s agenda, sessions, actions, obstacles, self-assessments, reports and the client link, from one Query',
  request: { path: programPagePathSchema, query: programPageQuerySchema },
  page: true,
  response: { status: 200, description: 'The program page' },
} as const satisfies RouteContract;

export const recordSessionPage = {
  id: 'recordSessionPage',
  method: 'GET',
  path: '/app/programs/{programId}/sessions/new',
  handler: 'functions/http/practice/record-session.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS],
  summary: 'The form to record a session and the actions agreed in it',
  request: { path: programPagePathSchema },
  page: true,
  response: { status: 200, description: 'The record-session form' },
} as const satisfies RouteContract;

export const recordSessionSubmit = {
  id: 'recordSessionSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/sessions',
  handler: 'functions/http/practice/record-session.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put', 'email:send'],
  summary: 'Records a session with up to five actions; the client is emailed the link to capture and review them',
  request: { path: programPagePathSchema, body: recordSessionFormSchema },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice' },
} as const satisfies RouteContract;

export const resolveObstacleSubmit = {
  id: 'resolveObstacleSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/obstacles/{obstacleId}/resolve',
  handler: 'functions/http/practice/resolve-obstacle.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put', 'table:query'],
  summary: 'Resolves an open obstacle with a note on how',
  request: { path: obstacleResolvePathSchema, body: resolveObstacleFormSchema },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice' },
} as const satisfies RouteContract;

export const actionHistoryPage = {
  id: 'actionHistoryPage',
  method: 'GET',
  path: '/app/programs/{programId}/actions/{actionId}',
  handler: 'functions/http/practice/action-history.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'One action and its history (and its obstacles’), a page at a time, with forms to change it and log an obstacle',
  request: { path: actionHistoryPathSchema, query: actionPageQuerySchema },
  page: true,
  response: { status: 200, description: 'The action’s history page' },
} as const satisfies RouteContract;

export const sendClientLinkSubmit = {
  id: 'sendClientLinkSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/client-link',
  handler: 'functions/http/practice/client-link.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:condition-check', 'table:put', 'email:send'],
  summary: 'Emails the client a fresh link to their page',
  request: { path: programPagePathSchema, body: emptyFormSchema, bodyOptional: true },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice' },
} as const satisfies RouteContract;

export const revokeClientLinksSubmit = {
  id: 'revokeClientLinksSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/client-link/revoke',
  handler: 'functions/http/practice/revoke-client-links.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put'],
  summary: 'Ends every open link of the program’s client at once',
  request: { path: programPagePathSchema, body: emptyFormSchema, bodyOptional: true },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice' },
} as const satisfies RouteContract;

export const sendReportSubmit = {
  id: 'sendReportSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/reports',
  handler: 'functions/http/practice/send-report.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:query', 'table:get', 'table:put', 'email:send'],
  summary: 'Sends a sponsor (or every sponsor) of the program a report now',
  request: { path: programPagePathSchema, body: sendReportFormSchema },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice' },
} as const satisfies RouteContract;

// Actions and obstacles outside a session (functions/http/practice/add-action.ts, action-history.ts, log-obstacle.ts):
// the JSON API's own schemas and domain code (addAction, changeAction, logObstacle), from forms.

export const addActionPage = {
  id: 'addActionPage',
  method: 'GET',
  path: '/app/programs/{programId}/actions/new',
  handler: 'functions/http/practice/add-action.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS],
  summary: 'The form to add an action outside a session',
  request: { path: programPagePathSchema },
  page: true,
  response: { status: 200, description: 'The add-action form' },
} as const satisfies RouteContract;

export const addActionSubmit = {
  id: 'addActionSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/actions',
  handler: 'functions/http/practice/add-action.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put'],
  summary: 'Adds an action outside a session (title, if-then plan, due date, competency)',
  request: { path: programPagePathSchema, body: addActionFormSchema },
  page: true,
  response: { status: 303, description: 'To the new action’s page, with a notice (400: the form again, the message by the field)' },
} as const satisfies RouteContract;

export const changeActionSubmit = {
  id: 'changeActionSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/actions/{actionId}',
  handler: 'functions/http/practice/action-history.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put', 'table:query'],
  summary: 'Changes an action (its fields, status or archiving) if it is still at the version the form showed',
  request: { path: actionHistoryPathSchema, body: changeActionFormSchema },
  page: true,
  response: { status: 303, description: 'To the action’s page, with a notice (409: the action changed since the form was opened, nothing written)' },
} as const satisfies RouteContract;

export const logObstacleSubmit = {
  id: 'logObstacleSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/obstacles',
  handler: 'functions/http/practice/log-obstacle.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put', 'table:query'],
  summary: 'Logs an obstacle for an action of the program; it joins the next session’s agenda',
  request: { path: programPagePathSchema, body: logObstacleFormSchema },
  page: true,
  response: { status: 303, description: 'To the action’s page, with a notice' },
} as const satisfies RouteContract;

// What the JSON API let staff do and the program page did not (functions/http/practice/open-assessment.ts,
// coach-view.ts, edit-session.ts): the same domain code as the API's routes.

export const openAssessmentSubmit = {
  id: 'openAssessmentSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/assessments',
  handler: 'functions/http/practice/open-assessment.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:query', 'table:put', 'table:condition-check', 'email:send'],
  summary: 'Opens a self-assessment round today and emails the client the link (once a day)',
  request: { path: programPagePathSchema, body: emptyFormSchema, bodyOptional: true },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice' },
} as const satisfies RouteContract;

export const coachViewPage = {
  id: 'coachViewPage',
  method: 'GET',
  path: '/app/programs/{programId}/assessments/{round}/coach-view',
  handler: 'functions/http/practice/coach-view.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS],
  summary: 'The form for the coach’s own view of a self-assessment round, beside the client’s answers',
  request: { path: assessmentPathSchema },
  page: true,
  response: { status: 200, description: 'The coach-view form' },
} as const satisfies RouteContract;

export const coachViewSubmit = {
  id: 'coachViewSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/assessments/{round}/coach-view',
  handler: 'functions/http/practice/coach-view.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:query', 'table:put'],
  summary: 'Saves the coach’s own view of a self-assessment round (staff only)',
  request: { path: assessmentPathSchema, body: coachViewFormSchema },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice (400: the form with the message by the field)' },
} as const satisfies RouteContract;

export const editSessionPage = {
  id: 'editSessionPage',
  method: 'GET',
  path: '/app/programs/{programId}/sessions/{sessionId}',
  handler: 'functions/http/practice/edit-session.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS],
  summary: 'The form to change a session’s day, summary and private notes, or archive it',
  request: { path: sessionPathSchema },
  page: true,
  response: { status: 200, description: 'The edit-session form' },
} as const satisfies RouteContract;

export const editSessionSubmit = {
  id: 'editSessionSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/sessions/{sessionId}',
  handler: 'functions/http/practice/edit-session.ts',
  area: 'practice',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put'],
  summary: 'Saves a session’s changes (or archives it)',
  request: { path: sessionPathSchema, body: editSessionFormSchema },
  page: true,
  response: { status: 303, description: 'To the program page, with a notice (400: the form with the message by the field)' },
} as const satisfies RouteContract;
