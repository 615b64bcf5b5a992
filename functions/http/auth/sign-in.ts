import { signInSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { sessionCookie } from '../../../shared/identity/authenticate.js';
import { consumeRates, signInCharges } from '../../../shared/limits/rate.js';
import { signIn } from '../../../shared/tenancy/sessions.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/**
 * Public: email and password for an ID token (API clients) and the same token as an HttpOnly session cookie.
 * The token is checked like any request's, so a deactivated user or firm gets no session even where the login
 * itself still works (Cognito's disable follows the table, and cognito-local ignores it).
 */
export const handler = httpHandler(async ({ event, now }) => {
  const { email, password } = parseInput(signInSchema, jsonBody(event));
  // Before Cognito, so guessing passwords from one address, or at one account, stops at the limit.
  await consumeRates(signInCharges(event.requestContext.http.sourceIp, email), now);
  const { tokens, principal } = await signIn(email, password);
  return {
    status: 200,
    cookies: [sessionCookie(tokens.idToken, tokens.expiresIn)],
    body: {
      idToken: tokens.idToken,
      refreshToken: tokens.refreshToken,
      expiresIn: tokens.expiresIn,
      tokenType: 'Bearer',
      user: { userId: principal.userId, email: principal.email, name: principal.name, role: principal.role, tenantId: principal.scope.tenantId },
    },
  };
});
