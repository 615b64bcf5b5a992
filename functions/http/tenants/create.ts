import { tenantSignupSchema } from '../../../shared/domain/tenant.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { signUpFirm } from '../../../shared/tenancy/sign-up.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/**
 * Public: sign up a firm. Always 202 with the same body once the slug is free: the next step comes by email, and the
 * answer does not tell whether the owner address already has an account.
 */
export const handler = httpHandler(async ({ event, log, now, appUrl }) => {
  const input = parseInput(tenantSignupSchema, jsonBody(event));
  const { slug } = await signUpFirm(input, { now, appUrl, log, sourceIp: event.requestContext.http.sourceIp });
  return {
    status: 202,
    body: { slug, next: 'Check the owner address for an email from Waymark: its link sets the password of the new firm (valid 7 days).' },
  };
});
