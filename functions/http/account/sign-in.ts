import { signInFormSchema, signInPageQuerySchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { CODE_STEP_COOKIE, hostCookie, safeNext, WEB_SESSION, WEB_SESSION_COOKIE } from '../../../shared/domain/web-session.js';
import { UnauthorizedError, ValidationError } from '../../../shared/errors.js';
import { startSignIn } from '../../../shared/identity/cognito.js';
import { consumeRates, signInCharges } from '../../../shared/limits/rate.js';
import { encodeCodeStep } from '../../../shared/tenancy/sign-in-steps.js';
import { startWebSession } from '../../../shared/tenancy/web-sessions.js';
import { appWords } from '../../../shared/web/app-words.js';
import { localeFromAcceptLanguage } from '../../../shared/web/i18n.js';
import { securityWords } from '../../../shared/web/security-words.js';
import { codePage, signInPage } from '../../../shared/web/sign-in-page.js';
import { assertSameOrigin, formBody } from '../../middleware/http.js';
import { appPageHandler } from '../../middleware/staff-pages.js';

/**
 * The sign-in page of the staff web app (public). GET shows the form (and why a session ended, when one did); POST
 * checks email and password with Cognito: signed in, the session cookie is set and the browser goes on to the page it
 * came for; with an authenticator app, the code step follows (its Cognito step held in a 3-minute HttpOnly cookie).
 */
export const handler = appPageHandler(async ({ event, now }) => {
  const w = appWords(localeFromAcceptLanguage(event.headers?.['accept-language']));
  if (event.requestContext.http.method !== 'POST') {
    const query = signInPageQuerySchema.safeParse(event.queryStringParameters ?? {});
    const { next, ended, again } = query.success ? query.data : {};
    const notice = ended ? w.sessionEnded[ended] : again ? securityWords(w).security.signInAgainToRemove : undefined;
    return { status: 200, page: signInPage(w, { next: next && safeNext(next), notice }) };
  }
  assertSameOrigin(event, { requireProof: false });
  const form = formBody(event);
  const next = safeNext(form.next);
  let input;
  try {
    input = parseInput(signInFormSchema, { email: form.email ?? '', password: form.password ?? '', next });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { status: 400, page: signInPage(w, { email: form.email, next, problems: error.fields }) };
  }
  // Before Cognito, so guessing passwords from one address, or at one account, stops at the limit.
  await consumeRates(signInCharges(event.requestContext.http.sourceIp, input.email), now);
  let step;
  try {
    step = await startSignIn(input.email, input.password);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    return { status: 401, page: signInPage(w, { email: input.email, next, notice: w.signInRefused }) };
  }
  if (step.kind === 'totp') {
    const cookie = encodeCodeStep({ email: input.email, session: step.session, next, until: Math.floor(now.getTime() / 1000) + WEB_SESSION.codeStepSeconds });
    return { status: 200, page: codePage(w), cookies: [hostCookie(CODE_STEP_COOKIE, cookie, WEB_SESSION.codeStepSeconds)] };
  }
  const opened = await startWebSession(step.tokens, { mfa: false, now });
  return { status: 303, location: next, cookies: [hostCookie(WEB_SESSION_COOKIE, opened.cookie, WEB_SESSION.absoluteHours * 3600)] };
});
