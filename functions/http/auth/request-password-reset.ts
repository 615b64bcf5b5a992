import { config } from '../../../shared/config.js';
import { passwordResetRequestSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { requestPasswordReset } from '../../../shared/tenancy/passwords.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/** Public: always 202, known address or not. */
export const handler = httpHandler(async ({ event, log }) => {
  const { email } = parseInput(passwordResetRequestSchema, jsonBody(event));
  await requestPasswordReset(email, { now: new Date(), appUrl: config.appUrl(), log });
  return { status: 202, body: { message: 'If this address belongs to an active Waymark account, a reset link is on its way.' } };
});
