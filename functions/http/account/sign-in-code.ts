import { codeFormSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { CODE_STEP_COOKIE, cookieValue, hostCookie, WEB_SESSION, WEB_SESSION_COOKIE } from '../../../shared/domain/web-session.js';
import { UnauthorizedError, ValidationError } from '../../../shared/errors.js';
import { answerTotp } from '../../../shared/identity/cognito.js';
import { consumeRates, signInCharges } from '../../../shared/limits/rate.js';
import { decodeCodeStep } from '../../../shared/tenancy/sign-in-steps.js';
import { startWebSession } from '../../../shared/tenancy/web-sessions.js';
import { appWords } from '../../../shared/web/app-words.js';
import { localeFromAcceptLanguage } from '../../../shared/web/i18n.js';
import { codePage, signInPage } from '../../../shared/web/sign-in-page.js';
import { assertSameOrigin, formBody } from '../../middleware/http.js';
import { appPageHandler } from '../../middleware/staff-pages.js';

/**
 * The authenticator code of a sign-in begun on /sign-in (public; the code step's cookie names the sign-in). A wrong
 * code shows the step again; a step that ran out of time goes back to the password. Codes count against the same
 * limits as passwords, so guessing them stops there too.
 */
export const handler = appPageHandler(async ({ event, now }) => {
  const w = appWords(localeFromAcceptLanguage(event.headers?.['accept-language']));
  assertSameOrigin(event, { requireProof: false });
  const step = decodeCodeStep(cookieValue(event.cookies, CODE_STEP_COOKIE), now);
  const clearStep = hostCookie(CODE_STEP_COOKIE, '', 0);
  if (!step) return { status: 401, page: signInPage(w, { notice: w.codeExpired }), cookies: [clearStep] };
  const form = formBody(event);
  let tokens;
  try {
    const { code } = parseInput(codeFormSchema, { code: form.code ?? '' });
    await consumeRates(signInCharges(event.requestContext.http.sourceIp, step.email), now);
    tokens = await answerTotp(step.email, step.session, code);
  } catch (error) {
    if (error instanceof ValidationError) return { status: 400, page: codePage(w, { code: form.code, problems: error.fields }) };
    if (error instanceof UnauthorizedError) return { status: 401, page: signInPage(w, { email: step.email, next: step.next, notice: w.codeExpired }), cookies: [clearStep] };
    throw error;
  }
  const opened = await startWebSession(tokens, { mfa: true, now });
  return { status: 303, location: step.next, cookies: [clearStep, hostCookie(WEB_SESSION_COOKIE, opened.cookie, WEB_SESSION.absoluteHours * 3600)] };
});
