import { expect } from 'vitest';
import { api, B, crossTenantMatrix, expectNothingOfA } from '../../support/isolation.js';

/** The cross-tenant matrix (test/support/isolation.ts): health and the API description. */
crossTenantMatrix('platform', {
  health: {
    auth: 'public',
    check: async () => {
      const res = await api.request('GET', '/health');
      expect(res.status).toBe(200);
      expectNothingOfA(res);
      expect(JSON.stringify(res.body)).not.toContain(B.tenantId);
    },
  },
  getOpenApi: {
    auth: 'public',
    check: async () => {
      const res = await api.request('GET', '/v1/openapi.json');
      expect(res.status).toBe(200);
      expectNothingOfA(res);
      expect(JSON.stringify(res.body)).not.toContain(B.tenantId);
    },
  },
});
