import type { RouteContract } from '../routes.js';
import { healthResponse } from '../responses.js';

/**
 * The route contracts of the `health` area: the health check.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const health = {
  id: 'health',
  method: 'GET',
  path: '/health',
  handler: 'functions/http/health/get.ts',
  area: 'health',
  auth: 'public',
  needs: ['table:describe', 'email:account', 'identity:describe'],
  summary: 'Service version and the status of the table, email and identity dependencies',
  response: { status: 200, description: 'All dependencies answer (503 names the ones that do not)', body: healthResponse },
} as const satisfies RouteContract;
