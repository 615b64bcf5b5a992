import { clearedSessionCookie } from '../../../shared/identity/authenticate.js';
import { signOutEverywhere } from '../../../shared/tenancy/sessions.js';
import { staffHandler } from '../../middleware/http.js';

/** Ends every session of the caller: every token of an earlier sign-in is refused, every refresh token revoked. */
export const handler = staffHandler(async ({ principal, log }) => {
  await signOutEverywhere(principal, { now: new Date(), log });
  return { status: 204, cookies: [clearedSessionCookie()] };
});
