import { signInSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { authenticateStaff, sessionCookie } from '../../../shared/identity/authenticate.js';
import { signInWithPassword } from '../../../shared/identity/cognito.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/**
 * Public: email and password for an ID token (API clients) and the same token as an HttpOnly session cookie.
 * The token is checked like any request's, so a deactivated user or firm gets no session even where the login
 * itself still works (Cognito's disable follows the table, and cognito-local ignores it).
 */
export const handler = httpHandler(async ({ event }) => {
  const { email, password } = parseInput(signInSchema, jsonBody(event));
  const tokens = await signInWithPassword(email, password);
  const principal = await authenticateStaff(tokens.idToken);
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
