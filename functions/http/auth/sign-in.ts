import { signInSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { sessionCookie } from '../../../shared/identity/authenticate.js';
import { signInWithPassword } from '../../../shared/identity/cognito.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/** Public: email and password for an ID token (API clients) and the same token as an HttpOnly session cookie. */
export const handler = httpHandler(async ({ event }) => {
  const { email, password } = parseInput(signInSchema, jsonBody(event));
  const tokens = await signInWithPassword(email, password);
  return {
    status: 200,
    cookies: [sessionCookie(tokens.idToken, tokens.expiresIn)],
    body: { idToken: tokens.idToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn, tokenType: 'Bearer' },
  };
});
