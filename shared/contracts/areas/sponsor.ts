import type { RouteContract } from '../routes.js';
import { linkPageQuerySchema } from '../../domain/auth.js';
import { pulseInputSchema } from '../../domain/pulse.js';

/**
 * The route contracts of the `sponsor` area: what a sponsor opens from their emails (a function of its own, so the
 * client's pages do not carry its code, nor it theirs). Each entry is exported on its own.
 */

/**
 * The web version of a sponsor report behind its emailed link. It shows the stored snapshot of that one report, never
 * live data, and changes nothing.
 */
export const sponsorReportPage = {
  id: 'sponsorReportPage',
  method: 'GET',
  path: '/report',
  handler: 'functions/http/report/page.ts',
  area: 'sponsor',
  auth: 'link',
  needs: ['table:batch-get'],
  summary: 'The web version of a sponsor report: the snapshot the report link names, read only',
  page: true,
  request: { query: linkPageQuerySchema },
  response: { status: 200, description: 'The report as it was sent (410: the link no longer works)' },
} as const satisfies RouteContract;

/**
 * The sponsor's one question (the pulse), behind the report's own link: each of the report email's five answer links
 * opens this confirm page with that answer chosen. Opening it records nothing (mail scanners follow links).
 */
export const sponsorPulsePage = {
  id: 'sponsorPulsePage',
  method: 'GET',
  path: '/pulse',
  handler: 'functions/http/report/pulse.ts',
  area: 'sponsor',
  auth: 'link',
  needs: ['table:batch-get'],
  summary: 'The confirm page of a report email’s answer link: the report’s question with the clicked answer (1-5) chosen, and a button; records nothing',
  page: true,
  request: { query: pulseInputSchema },
  response: { status: 200, description: 'The question with the answer chosen, or the answer recorded before (400: an answer not from 1 to 5; 410: the link no longer works)' },
} as const satisfies RouteContract;

/**
 * Records the sponsor's answer to the report the link names (a form from the confirm page, same-origin): once per
 * report; a second answer changes nothing and is told the first one stands.
 */
export const sponsorPulseSubmit = {
  id: 'sponsorPulseSubmit',
  method: 'POST',
  path: '/pulse',
  handler: 'functions/http/report/pulse.ts',
  area: 'sponsor',
  auth: 'link',
  needs: ['table:batch-get', 'table:put', 'table:update', 'table:condition-check'],
  summary: 'The sponsor’s answer to their report’s one question (form: token, answer 1-5): recorded once per report, in the program’s collection',
  page: true,
  request: { body: pulseInputSchema },
  response: { status: 200, description: 'Thank you, or the answer recorded before (400: an answer not from 1 to 5, nothing written; 403: not sent from the page; 410: the link no longer works)' },
} as const satisfies RouteContract;
