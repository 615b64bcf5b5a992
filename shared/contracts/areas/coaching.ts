import type { RouteContract } from '../routes.js';
import {
  actionCreateSchema,
  actionPathSchema,
  actionUpdateSchema,
  clientCreateSchema,
  clientListQuerySchema,
  clientPathSchema,
  clientUpdateSchema,
  obstacleCreateSchema,
  obstaclePathSchema,
  obstacleUpdateSchema,
  programChildListQuerySchema,
  programCreateSchema,
  programListQuerySchema,
  programPathSchema,
  programUpdateSchema,
  sessionCreateSchema,
  sessionPathSchema,
  sessionUpdateSchema,
  sponsorCreateSchema,
  sponsorListQuerySchema,
  sponsorPathSchema,
  sponsorUpdateSchema,
} from '../../domain/coaching.js';
import { assessmentOpenSchema, assessmentPathSchema, coachViewSchema } from '../../domain/assessments.js';
import {
  assessmentOpenedResponse,
  assessmentRoundResponse,
  assessmentsResponse,
  actionPageResponse,
  actionResponse,
  actionWithHistoryResponse,
  clientLinkSentResponse,
  clientPageResponse,
  clientResponse,
  obstaclePageResponse,
  obstacleResponse,
  programListResponse,
  programPageResponse,
  programResponse,
  reportPreviewResponse,
  reportsSentResponse,
  sessionPageResponse,
  sessionRecordedResponse,
  sessionResponse,
  sponsorPageResponse,
  sponsorResponse,
} from '../coaching-responses.js';

/**
 * The route contracts of the `coaching` area: the staff API of the coaching core (clients, sponsors, programs,
 * sessions, micro actions, obstacles, the client's link). Every role may use it; a coach sees and changes only the
 * clients and programs assigned to them (anything else answers 404), owners and admins the whole firm.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const createClient = {
  id: 'createClient',
  method: 'POST',
  path: '/v1/clients',
  handler: 'functions/http/clients/collection.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:put', 'table:condition-check', 'table:update'],
  summary: 'Add a client (coaches: for themselves; owner, admin: for any coach); counts against the plan limit',
  request: { body: clientCreateSchema },
  response: { status: 201, description: 'The client', body: clientResponse },
} as const satisfies RouteContract;

export const listClients = {
  id: 'listClients',
  method: 'GET',
  path: '/v1/clients',
  handler: 'functions/http/clients/collection.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query', 'table:query-index'],
  summary: 'Clients (coaches: their own), a page at a time; filters: coachId, status',
  request: { query: clientListQuerySchema },
  response: { status: 200, description: 'Clients and a `next` cursor', body: clientPageResponse },
} as const satisfies RouteContract;

export const getClient = {
  id: 'getClient',
  method: 'GET',
  path: '/v1/clients/{clientId}',
  handler: 'functions/http/clients/item.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get'],
  summary: 'One client (404 for a coach when not theirs)',
  request: { path: clientPathSchema },
  response: { status: 200, description: 'The client', body: clientResponse },
} as const satisfies RouteContract;

export const updateClient = {
  id: 'updateClient',
  method: 'PATCH',
  path: '/v1/clients/{clientId}',
  handler: 'functions/http/clients/item.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:query-index', 'table:put', 'table:update', 'table:condition-check'],
  summary: 'Change, archive or reactivate a client; moving them to another coach (owner, admin) moves their programs in the same transaction',
  request: { path: clientPathSchema, body: clientUpdateSchema },
  response: { status: 200, description: 'The client after the change', body: clientResponse },
} as const satisfies RouteContract;

export const createSponsor = {
  id: 'createSponsor',
  method: 'POST',
  path: '/v1/sponsors',
  handler: 'functions/http/sponsors/collection.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:put'],
  summary: 'Add a sponsor (a manager or HR contact who receives progress reports)',
  request: { body: sponsorCreateSchema },
  response: { status: 201, description: 'The sponsor', body: sponsorResponse },
} as const satisfies RouteContract;

export const listSponsors = {
  id: 'listSponsors',
  method: 'GET',
  path: '/v1/sponsors',
  handler: 'functions/http/sponsors/collection.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'Sponsors of the firm, a page at a time; filter: status',
  request: { query: sponsorListQuerySchema },
  response: { status: 200, description: 'Sponsors and a `next` cursor', body: sponsorPageResponse },
} as const satisfies RouteContract;

export const getSponsor = {
  id: 'getSponsor',
  method: 'GET',
  path: '/v1/sponsors/{sponsorId}',
  handler: 'functions/http/sponsors/item.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get'],
  summary: 'One sponsor',
  request: { path: sponsorPathSchema },
  response: { status: 200, description: 'The sponsor', body: sponsorResponse },
} as const satisfies RouteContract;

export const updateSponsor = {
  id: 'updateSponsor',
  method: 'PATCH',
  path: '/v1/sponsors/{sponsorId}',
  handler: 'functions/http/sponsors/item.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:put'],
  summary: 'Change or archive a sponsor',
  request: { path: sponsorPathSchema, body: sponsorUpdateSchema },
  response: { status: 200, description: 'The sponsor after the change', body: sponsorResponse },
} as const satisfies RouteContract;

export const createProgram = {
  id: 'createProgram',
  method: 'POST',
  path: '/v1/programs',
  handler: 'functions/http/programs/collection.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:put', 'table:condition-check'],
  summary: 'Start a program for a client; `sharingLevel` is the coach’s proposal of what sponsors may see (reports share `metrics` until the client agrees on their sharing page)',
  request: { body: programCreateSchema },
  response: { status: 201, description: 'The program', body: programResponse },
} as const satisfies RouteContract;

export const listPrograms = {
  id: 'listPrograms',
  method: 'GET',
  path: '/v1/programs',
  handler: 'functions/http/programs/collection.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query-index'],
  summary: 'Programs with their summary counters (coaches: their own), a page at a time; filters: coachId, clientId, status',
  request: { query: programListQuerySchema },
  response: { status: 200, description: 'Programs and a `next` cursor', body: programListResponse },
} as const satisfies RouteContract;

export const getProgram = {
  id: 'getProgram',
  method: 'GET',
  path: '/v1/programs/{programId}',
  handler: 'functions/http/programs/item.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'The program page: sessions, actions, open obstacles, completion, overdue actions, flow checks and the agenda of the next session, from one Query',
  request: { path: programPathSchema },
  response: { status: 200, description: 'Everything the coach needs before the next session; `sharing`: the proposal, the client’s agreement, what reports share now and the history of changes', body: programPageResponse },
} as const satisfies RouteContract;

export const updateProgram = {
  id: 'updateProgram',
  method: 'PATCH',
  path: '/v1/programs/{programId}',
  handler: 'functions/http/programs/item.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:update', 'table:condition-check', 'table:put', 'table:delete'],
  summary: 'Change a program: settings, sponsors, status (active, paused, completed, archived); a new `sharingLevel` proposal applies from the next report when lower, and waits for the client’s agreement when higher',
  request: { path: programPathSchema, body: programUpdateSchema },
  response: { status: 200, description: 'The program after the change', body: programResponse },
} as const satisfies RouteContract;

export const recordSession = {
  id: 'recordSession',
  method: 'POST',
  path: '/v1/programs/{programId}/sessions',
  handler: 'functions/http/programs/sessions.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:update', 'table:put', 'email:send'],
  summary: 'Record a session, with the actions agreed in it; emails the client a link to capture and review them',
  request: { path: programPathSchema, body: sessionCreateSchema },
  response: { status: 201, description: 'The session and its actions; whether the email went out now or waits in the outbox', body: sessionRecordedResponse },
} as const satisfies RouteContract;

export const listSessions = {
  id: 'listSessions',
  method: 'GET',
  path: '/v1/programs/{programId}/sessions',
  handler: 'functions/http/programs/sessions.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'Sessions of a program, a page at a time',
  request: { path: programPathSchema, query: programChildListQuerySchema },
  response: { status: 200, description: 'Sessions and a `next` cursor', body: sessionPageResponse },
} as const satisfies RouteContract;

export const getSession = {
  id: 'getSession',
  method: 'GET',
  path: '/v1/programs/{programId}/sessions/{sessionId}',
  handler: 'functions/http/programs/session.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get'],
  summary: 'One session, private notes included',
  request: { path: sessionPathSchema },
  response: { status: 200, description: 'The session', body: sessionResponse },
} as const satisfies RouteContract;

export const updateSession = {
  id: 'updateSession',
  method: 'PATCH',
  path: '/v1/programs/{programId}/sessions/{sessionId}',
  handler: 'functions/http/programs/session.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:put'],
  summary: 'Change or archive a session',
  request: { path: sessionPathSchema, body: sessionUpdateSchema },
  response: { status: 200, description: 'The session after the change', body: sessionResponse },
} as const satisfies RouteContract;

export const createAction = {
  id: 'createAction',
  method: 'POST',
  path: '/v1/programs/{programId}/actions',
  handler: 'functions/http/programs/actions.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:update', 'table:put'],
  summary: 'Add a micro action (by the coach)',
  request: { path: programPathSchema, body: actionCreateSchema },
  response: { status: 201, description: 'The action', body: actionResponse },
} as const satisfies RouteContract;

export const listActions = {
  id: 'listActions',
  method: 'GET',
  path: '/v1/programs/{programId}/actions',
  handler: 'functions/http/programs/actions.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'Micro actions of a program, a page at a time',
  request: { path: programPathSchema, query: programChildListQuerySchema },
  response: { status: 200, description: 'Actions and a `next` cursor', body: actionPageResponse },
} as const satisfies RouteContract;

export const getAction = {
  id: 'getAction',
  method: 'GET',
  path: '/v1/programs/{programId}/actions/{actionId}',
  handler: 'functions/http/programs/action.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'One micro action and its history (what changed, by whom, when)',
  request: { path: actionPathSchema },
  response: { status: 200, description: 'The action and the first page of its history', body: actionWithHistoryResponse },
} as const satisfies RouteContract;

export const updateAction = {
  id: 'updateAction',
  method: 'PATCH',
  path: '/v1/programs/{programId}/actions/{actionId}',
  handler: 'functions/http/programs/action.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:update', 'table:put'],
  summary: 'Change, mark or archive a micro action',
  request: { path: actionPathSchema, body: actionUpdateSchema },
  response: { status: 200, description: 'The action after the change', body: actionResponse },
} as const satisfies RouteContract;

export const createObstacle = {
  id: 'createObstacle',
  method: 'POST',
  path: '/v1/programs/{programId}/obstacles',
  handler: 'functions/http/programs/obstacles.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:update', 'table:put'],
  summary: 'Log an obstacle that blocked an action',
  request: { path: programPathSchema, body: obstacleCreateSchema },
  response: { status: 201, description: 'The obstacle', body: obstacleResponse },
} as const satisfies RouteContract;

export const listObstacles = {
  id: 'listObstacles',
  method: 'GET',
  path: '/v1/programs/{programId}/obstacles',
  handler: 'functions/http/programs/obstacles.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'Obstacles of a program, a page at a time',
  request: { path: programPathSchema, query: programChildListQuerySchema },
  response: { status: 200, description: 'Obstacles and a `next` cursor', body: obstaclePageResponse },
} as const satisfies RouteContract;

export const getObstacle = {
  id: 'getObstacle',
  method: 'GET',
  path: '/v1/programs/{programId}/obstacles/{obstacleId}',
  handler: 'functions/http/programs/obstacle.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get'],
  summary: 'One obstacle',
  request: { path: obstaclePathSchema },
  response: { status: 200, description: 'The obstacle', body: obstacleResponse },
} as const satisfies RouteContract;

export const updateObstacle = {
  id: 'updateObstacle',
  method: 'PATCH',
  path: '/v1/programs/{programId}/obstacles/{obstacleId}',
  handler: 'functions/http/programs/obstacle.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:update', 'table:put'],
  summary: 'Change, resolve (with a note) or archive an obstacle',
  request: { path: obstaclePathSchema, body: obstacleUpdateSchema },
  response: { status: 200, description: 'The obstacle after the change', body: obstacleResponse },
} as const satisfies RouteContract;

export const sendClientLink = {
  id: 'sendClientLink',
  method: 'POST',
  path: '/v1/programs/{programId}/client-link',
  handler: 'functions/http/programs/client-link.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:condition-check', 'table:put', 'table:update', 'email:send'],
  summary: 'Email the client a fresh link to their page',
  request: { path: programPathSchema },
  response: { status: 202, description: 'The link is on its way (or queued)', body: clientLinkSentResponse },
  rateLimited: true,
} as const satisfies RouteContract;

export const revokeClientLinks = {
  id: 'revokeClientLinks',
  method: 'DELETE',
  path: '/v1/programs/{programId}/client-link',
  handler: 'functions/http/programs/client-link.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:update', 'table:put'],
  summary: 'End every open link of the client for this program',
  request: { path: programPathSchema },
  response: { status: 204, description: 'Revoked; a fresh link can be sent' },
} as const satisfies RouteContract;

export const previewReport = {
  id: 'previewReport',
  method: 'GET',
  path: '/v1/programs/{programId}/report-preview',
  handler: 'functions/http/programs/reports.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'The next sponsor report as it stands now (content cut to the sharing level, and its text), without sending or storing anything',
  request: { path: programPathSchema },
  response: { status: 200, description: 'The next report: its period, content and text, and each sponsor’s next report', body: reportPreviewResponse },
} as const satisfies RouteContract;

export const sendReports = {
  id: 'sendReports',
  method: 'POST',
  path: '/v1/programs/{programId}/reports',
  handler: 'functions/http/programs/reports.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:query', 'table:get', 'table:put', 'table:update', 'email:send'],
  summary: 'Send the program’s sponsors a report now (up to the end of the client’s today; a second request the same day sends nothing again)',
  request: { path: programPathSchema },
  response: { status: 202, description: 'Per sponsor: the report and whether its email went out now, waits in the outbox, or was sent already today', body: reportsSentResponse },
} as const satisfies RouteContract;

export const listAssessments = {
  id: 'listAssessments',
  method: 'GET',
  path: '/v1/programs/{programId}/assessments',
  handler: 'functions/http/programs/assessments.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:read',
  needs: ['table:batch-get', 'table:query'],
  summary: 'The program’s self-assessment: the round open now, the next, every round with the client’s answers and the coach’s view side by side, and each competency’s stages over time',
  request: { path: programPathSchema },
  response: { status: 200, description: 'Rounds newest first; progress per competency, baseline against latest', body: assessmentsResponse },
} as const satisfies RouteContract;

export const openAssessment = {
  id: 'openAssessment',
  method: 'POST',
  path: '/v1/programs/{programId}/assessments',
  handler: 'functions/http/programs/assessments.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:query', 'table:put', 'table:update', 'table:condition-check', 'email:send'],
  summary: 'Send the client a self-assessment now: a round opens today (unless one did already) and the client gets a link to it; a second request the same day sends nothing again',
  request: { path: programPathSchema, body: assessmentOpenSchema, bodyOptional: true },
  response: { status: 202, description: 'The round open now and whether the email went out now, waits in the outbox, or was sent already today', body: assessmentOpenedResponse },
  rateLimited: true,
} as const satisfies RouteContract;

export const recordCoachView = {
  id: 'recordCoachView',
  method: 'PUT',
  path: '/v1/programs/{programId}/assessments/{round}/coach-view',
  handler: 'functions/http/programs/assessment.ts',
  area: 'coaching',
  auth: 'staff',
  permission: 'coaching:write',
  needs: ['table:batch-get', 'table:query', 'table:update', 'table:put'],
  summary: 'The coach’s own view of a round (a stage per competency, some or all, with a note): shown beside the client’s answers, to staff only',
  request: { path: assessmentPathSchema, body: coachViewSchema },
  response: { status: 200, description: 'The round with both sides', body: assessmentRoundResponse },
} as const satisfies RouteContract;
