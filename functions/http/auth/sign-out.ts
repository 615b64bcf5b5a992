import * as auth from '../../../shared/contracts/areas/auth.js';
import { signOutSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { clearedSessionCookie } from '../../../shared/identity/authenticate.js';
import { signOut } from '../../../shared/tenancy/sessions.js';
import { optionalJsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** Ends this session: the token that made this request stops working, and the cookie is cleared. */
export const handler = staffHandler(auth.signOut, async ({ event, principal, log, now }) => {
  const { refreshToken } = parseInput(signOutSchema, optionalJsonBody(event) ?? {});
  await signOut(principal, refreshToken, { now, log });
  return { status: 204, cookies: [clearedSessionCookie()] };
});
