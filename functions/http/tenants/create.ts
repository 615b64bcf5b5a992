import { config } from '../../../shared/config.js';
import { tenantSignupSchema } from '../../../shared/domain/tenant.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { signUpFirm } from '../../../shared/tenancy/sign-up.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

export const handler = httpHandler(async ({ event, log }) => {
  const input = parseInput(tenantSignupSchema, jsonBody(event));
  const { tenant, owner, welcomeEmail } = await signUpFirm(input, { now: new Date(), appUrl: config.appUrl(), log });
  log.info('firm signed up', { tenantId: tenant.tenantId, slug: tenant.slug });
  return {
    status: 201,
    headers: { location: `/v1/tenants/${tenant.tenantId}` },
    body: {
      tenant,
      owner: { userId: owner.userId, email: owner.email, name: owner.name, role: owner.role },
      welcomeEmail,
    },
  };
});
