import { performance } from 'node:perf_hooks';
import { config } from '../../../shared/config.js';
import { passwordResetRequestSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { consumeRates, resetCharges } from '../../../shared/limits/rate.js';
import { noSoonerThan, RESET_REPLY_FLOOR_MS } from '../../../shared/limits/timing.js';
import { requestPasswordReset } from '../../../shared/tenancy/passwords.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/** Public: always 202, known address or not, and never sooner than the floor, so timing tells nothing either. */
export const handler = httpHandler(async ({ event, log }) => {
  const startedAt = performance.now();
  const { email } = parseInput(passwordResetRequestSchema, jsonBody(event));
  const now = new Date();
  await consumeRates(resetCharges(event.requestContext.http.sourceIp), now);
  await noSoonerThan(RESET_REPLY_FLOOR_MS, startedAt, () => requestPasswordReset(email, { now, appUrl: config.appUrl(), log }));
  return { status: 202, body: { message: 'If this address belongs to an active Waymark account, a reset link is on its way.' } };
});
