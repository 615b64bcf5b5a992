import type { RouteContract } from '../routes.js';
import { clientFormSchema, clientPageQuerySchema } from '../../domain/client-forms.js';
import { clientAssessmentFormSchema } from '../../domain/assessments.js';
import { linkPageQuerySchema } from '../../domain/auth.js';
import { sharingFormSchema, sharingPageQuerySchema } from '../../domain/sharing-forms.js';

/**
 * The route contracts of the `client` area: the client's own page behind their emailed link (HTML, mobile first,
 * no script). The link token is the credential: in the query for GET, in the form for POST. GET and HEAD change
 * nothing; every change is a POST of a form, recorded once however often it is sent.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const clientPage = {
  id: 'clientPage',
  method: 'GET',
  path: '/client',
  handler: 'functions/http/client/page.ts',
  area: 'client',
  auth: 'link',
  needs: ['table:batch-get', 'table:query'],
  summary: 'The client page a client link opens: the latest session, the actions by session, what is due (`action`: that action’s forms)',
  page: true,
  request: { query: clientPageQuerySchema },
  response: { status: 200, description: 'The client page (410: the link no longer works, with a form to email a fresh one)' },
} as const satisfies RouteContract;

export const clientSubmit = {
  id: 'clientSubmit',
  method: 'POST',
  path: '/client',
  handler: 'functions/http/client/page.ts',
  area: 'client',
  auth: 'link',
  needs: ['table:batch-get', 'table:query', 'table:query-index', 'table:update', 'table:put', 'table:condition-check', 'email:send'],
  summary: 'A change from the client page: add or edit an action, mark it (with an obstacle, a reflection, a flow check), undo, the reminder settings; or, from a link that no longer works, ask for a fresh one',
  page: true,
  request: { body: clientFormSchema },
  response: { status: 200, description: 'The page again, saying what was recorded and offering to undo it (400: the form again, with what is wrong); for a fresh link, the same answer whatever the link' },
  rateLimited: true,
} as const satisfies RouteContract;

export const clientAssessmentPage = {
  id: 'clientAssessmentPage',
  method: 'GET',
  path: '/client/assessment',
  handler: 'functions/http/client/assessment.ts',
  area: 'client',
  auth: 'link',
  needs: ['table:batch-get', 'table:query'],
  summary: 'The client’s self-assessment behind their link: the round open now (a stage per competency, with a note) and how each competency has moved',
  page: true,
  request: { query: linkPageQuerySchema },
  response: { status: 200, description: 'The self-assessment page (410: the link no longer works, with a form to email a fresh one)' },
} as const satisfies RouteContract;

export const clientAssessmentSubmit = {
  id: 'clientAssessmentSubmit',
  method: 'POST',
  path: '/client/assessment',
  handler: 'functions/http/client/assessment.ts',
  area: 'client',
  auth: 'link',
  needs: ['table:batch-get', 'table:query', 'table:update'],
  summary: 'The client’s answers to the round open now (every competency, a stage each, notes optional); saved again, they replace the earlier ones until the next round opens',
  page: true,
  request: { body: clientAssessmentFormSchema },
  response: { status: 200, description: 'The page again, saying the answers were saved (400: the form again, with what is wrong and what was typed; 409: the round closed meanwhile, the page shows the open one)' },
} as const satisfies RouteContract;

export const sharingPage = {
  id: 'sharingPage',
  method: 'GET',
  path: '/client/sharing',
  handler: 'functions/http/client/sharing.ts',
  area: 'client',
  auth: 'link',
  needs: ['table:batch-get', 'table:query'],
  summary:
    'What the client’s sponsors may see: the coach’s proposal (the program’s `sharingLevel`), what reports share now (`metrics` until the client agrees), the levels the client may choose, and a preview of the next report at `level` exactly as the sponsor (`sponsor`: in their language) would receive it now',
  page: true,
  request: { query: sharingPageQuerySchema },
  response: { status: 200, description: 'The sharing page; changes nothing (410: the link no longer works, with a form to email a fresh one)' },
} as const satisfies RouteContract;

export const sharingSubmit = {
  id: 'sharingSubmit',
  method: 'POST',
  path: '/client/sharing',
  handler: 'functions/http/client/sharing.ts',
  area: 'client',
  auth: 'link',
  needs: ['table:batch-get', 'table:query', 'table:query-index', 'table:update', 'table:put', 'table:condition-check', 'email:send'],
  summary:
    'The client agrees to a sharing level, at most the coach’s proposal (a lower one lowers what is shared; `metrics` withdraws consent); applies from the next report. Or, from a link that no longer works, ask for a fresh one',
  page: true,
  request: { body: sharingFormSchema },
  response: { status: 200, description: 'The page again, saying what was recorded (400: a level that is not one or above the proposal, nothing written; 409: changed meanwhile or the program completed)' },
  rateLimited: true,
} as const satisfies RouteContract;
