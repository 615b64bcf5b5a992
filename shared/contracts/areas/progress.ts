import type { RouteContract } from '../routes.js';
import { clientAssessmentFormSchema } from '../../domain/assessments.js';
import { linkPageQuerySchema } from '../../domain/auth.js';
import { sharingFormSchema, sharingPageQuerySchema } from '../../domain/sharing-forms.js';

/**
 * The route contracts of the `progress` area: the client's pages of their growth behind their emailed client link
 * (the self-assessment, and what their sponsors may see). A function of its own (`progress-link`), so the client's
 * main page, the most opened, does not carry the charts, the report rendering and their words, nor these its forms.
 * The client link is the credential, as on the client's page. Each entry is exported on its own.
 */

export const clientAssessmentPage = {
  id: 'clientAssessmentPage',
  method: 'GET',
  path: '/client/assessment',
  handler: 'functions/http/client/assessment.ts',
  area: 'progress',
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
  area: 'progress',
  auth: 'link',
  needs: ['table:batch-get', 'table:query', 'table:update', 'table:put'],
  summary: 'The client’s answers to the round open now (every competency, a stage each, notes optional); saved again, they replace the earlier ones until the next round opens. The coach’s next daily digest lists them',
  page: true,
  request: { body: clientAssessmentFormSchema },
  response: { status: 200, description: 'The page again, saying the answers were saved (400: the form again, with what is wrong and what was typed; 409: the round closed meanwhile, the page shows the open one)' },
} as const satisfies RouteContract;

export const sharingPage = {
  id: 'sharingPage',
  method: 'GET',
  path: '/client/sharing',
  handler: 'functions/http/client/sharing.ts',
  area: 'progress',
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
  area: 'progress',
  auth: 'link',
  needs: ['table:batch-get', 'table:query', 'table:query-index', 'table:update', 'table:put', 'table:condition-check', 'email:send'],
  summary:
    'The client agrees to a sharing level, at most the coach’s proposal (a lower one lowers what is shared; `metrics` withdraws consent); applies from the next report. Or, from a link that no longer works, ask for a fresh one',
  page: true,
  request: { body: sharingFormSchema },
  response: { status: 200, description: 'The page again, saying what was recorded (400: a level that is not one or above the proposal, nothing written; 409: changed meanwhile or the program completed)' },
  rateLimited: true,
} as const satisfies RouteContract;
