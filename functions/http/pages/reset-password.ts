import { performance } from 'node:perf_hooks';
import { passwordResetRequestSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ValidationError } from '../../../shared/errors.js';
import { askForPasswordReset } from '../../../shared/tenancy/passwords.js';
import { localeFromAcceptLanguage } from '../../../shared/web/i18n.js';
import { staffWords } from '../../../shared/web/staff-words.js';
import { resetPasswordPage, resetSentPage } from '../../../shared/web/pages.js';
import { assertSameOrigin, formBody } from '../../middleware/http.js';
import { pageHandler } from '../../middleware/pages.js';

/** Public: a form to ask for a reset link; the answer is the same page for any address (and never sooner than the floor). */
export const handler = pageHandler(async ({ event, log, now, appUrl }) => {
  const w = staffWords(localeFromAcceptLanguage(event.headers?.['accept-language']));
  if (event.requestContext.http.method !== 'POST') return { status: 200, page: resetPasswordPage(w) };
  const startedAt = performance.now();
  assertSameOrigin(event, { requireProof: false });
  const form = formBody(event);
  let email: string;
  try {
    ({ email } = parseInput(passwordResetRequestSchema, { email: form.email ?? '' }));
  } catch (error) {
    if (error instanceof ValidationError) return { status: 400, page: resetPasswordPage(w, { email: form.email, problems: error.fields }) };
    throw error;
  }
  await askForPasswordReset(email, { now, appUrl, log, sourceIp: event.requestContext.http.sourceIp, startedAt });
  return { status: 200, page: resetSentPage(w) };
});
