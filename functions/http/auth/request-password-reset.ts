import { performance } from 'node:perf_hooks';
import { passwordResetRequestSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { askForPasswordReset } from '../../../shared/tenancy/passwords.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/** Public: always 202, known address or not, and never sooner than the floor, so timing tells nothing either. */
export const handler = httpHandler(async ({ event, log, now, appUrl }) => {
  const startedAt = performance.now();
  const { email } = parseInput(passwordResetRequestSchema, jsonBody(event));
  await askForPasswordReset(email, { now, appUrl, log, sourceIp: event.requestContext.http.sourceIp, startedAt });
  return { status: 202, body: { message: 'If this address belongs to an active Waymark account, a reset link is on its way.' } };
});
