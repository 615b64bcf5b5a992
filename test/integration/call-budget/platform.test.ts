import { api, callBudget } from '../../support/call-budget.js';

/** DynamoDB calls per request (test/support/call-budget.ts): health and the API description. */
callBudget('platform', {
  health: async () => ({ calls: 1, status: 200, run: () => api.request('GET', '/health') }),
  getOpenApi: async () => ({ calls: 0, status: 200, run: () => api.request('GET', '/v1/openapi.json') }),
}, { firm: false });
