import * as account from '../../../shared/contracts/areas/account.js';
import { startAuthenticatorEnrolment } from '../../../shared/tenancy/authenticator.js';
import { enrolmentPage } from '../../../shared/web/security-page.js';
import { securityWords } from '../../../shared/web/security-words.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';

/**
 * Begins enrolling an authenticator app: a POST, since Cognito issues a new secret each time. The page shows the secret
 * (QR code and text) and is never cached (a page reply carries no-store).
 */
export const handler = staffPageHandler(
  account.authenticatorStart,
  async ({ principal, active, w, frame }) => {
    const secret = await startAuthenticatorEnrolment(active);
    return { status: 200, page: enrolmentPage(securityWords(w), frame('security'), { email: principal.email, secret }) };
  },
  { duringEnrolment: true },
);
