import * as account from '../../../shared/contracts/areas/account.js';
import { securityPageQuerySchema, securityStanding } from '../../../shared/domain/security.js';
import { securityPage } from '../../../shared/web/security-page.js';
import { securityWords } from '../../../shared/web/security-words.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';

/** The user's own security page (open while the firm's required authenticator app is not set up yet). */
export const handler = staffPageHandler(
  account.securityPage,
  async ({ principal, active, w, frame, event }) => {
    // A query that is not ours (a stale or hand-made link) just shows no notice.
    const query = securityPageQuerySchema.safeParse(event.queryStringParameters ?? {});
    const notice = query.success ? query.data.done : undefined;
    const standing = securityStanding(principal.tenant, principal.staff);
    // Enrolled in another session, while this one began with the password only: the firm wants a sign-in with the code.
    const needsCodeSignIn = active.mustEnrol && standing.enrolled;
    return { status: 200, page: securityPage(securityWords(w), frame('security'), { standing, notice, needsCodeSignIn }) };
  },
  { duringEnrolment: true },
);
