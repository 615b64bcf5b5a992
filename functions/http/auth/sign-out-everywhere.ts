import * as auth from '../../../shared/contracts/areas/auth.js';
import { clearedSessionCookie } from '../../../shared/identity/authenticate.js';
import { signOutEverywhere } from '../../../shared/tenancy/sessions.js';
import { staffHandler } from '../../middleware/staff.js';

/** Ends every session of the caller: every token of an earlier sign-in is refused, every refresh token revoked. */
export const handler = staffHandler(auth.signOutEverywhere, async ({ principal, log, now }) => {
  await signOutEverywhere(principal, { now, log });
  return { status: 204, cookies: [clearedSessionCookie()] };
});
