import type { RouteContract } from '../routes.js';
import { homeQuerySchema } from '../../domain/practice-home.js';
import { SESSION_NEEDS } from '../session.js';

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
