import * as account from '../../../shared/contracts/areas/account.js';
import { signOutEverywhere } from '../../../shared/tenancy/sessions.js';
import { signedOutEverywherePage } from '../../../shared/web/security-page.js';
import { securityWords } from '../../../shared/web/security-words.js';
import { clearedWebSessionCookie, staffPageHandler } from '../../middleware/staff-pages.js';

/** Ends every session of the user (the web's too: they check `sessionsValidAfter`), the same rule as the API's. */
export const handler = staffPageHandler(
  account.securitySignOutEverywhere,
  async ({ principal, w, now, log }) => {
    await signOutEverywhere(principal, { now, log });
    return { status: 200, page: signedOutEverywherePage(securityWords(w)), cookies: [clearedWebSessionCookie()] };
  },
  { duringEnrolment: true },
);
