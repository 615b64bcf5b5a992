import type { RouteContract } from '../routes.js';
import { openApiResponse } from '../responses.js';

/**
 * The route contracts of the `docs` area: the API's own description.
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const getOpenApi = {
  id: 'getOpenApi',
  method: 'GET',
  path: '/v1/openapi.json',
  handler: 'functions/http/openapi/get.ts',
  area: 'docs',
  auth: 'public',
  needs: [],
  summary: 'The OpenAPI 3.1 document of this API, generated from the zod schemas',
  response: { status: 200, description: 'This document', body: openApiResponse },
} as const satisfies RouteContract;
