import type { RouteContract } from '../routes.js';
import { linkPageQuerySchema } from '../../domain/auth.js';

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
