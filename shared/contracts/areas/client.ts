import type { RouteContract } from '../routes.js';
import { clientFormSchema, clientPageQuerySchema } from '../../domain/client-forms.js';

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
