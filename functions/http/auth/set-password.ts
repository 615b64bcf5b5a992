import { setPasswordSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { setPasswordWithLink } from '../../../shared/tenancy/passwords.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/** Public: the link from the welcome or reset email, plus the new password. The link carries the tenant. */
export const handler = httpHandler(async ({ event, log, now }) => {
  const input = parseInput(setPasswordSchema, jsonBody(event));
  const { email } = await setPasswordWithLink(input, { now, log });
  return { status: 200, body: { email, passwordSet: true } };
});
