import * as account from '../../../shared/contracts/areas/account.js';
import { endWebSession } from '../../../shared/tenancy/web-sessions.js';
import { signedOutPage } from '../../../shared/web/sign-in-page.js';
import { clearedWebSessionCookie, staffPageHandler } from '../../middleware/staff-pages.js';

/** Ends this browser session (a same-origin POST from the navigation's button). */
export const handler = staffPageHandler(
  account.signOutPage,
  async ({ active, w, now }) => {
    await endWebSession(active, now);
    return { status: 200, page: signedOutPage(w), cookies: [clearedWebSessionCookie()] };
  },
  { duringEnrolment: true },
);
