import * as account from '../../../shared/contracts/areas/account.js';
import { securityStanding } from '../../../shared/domain/security.js';
import { removalRefusal, removeAuthenticator } from '../../../shared/tenancy/authenticator.js';
import { securityPage } from '../../../shared/web/security-page.js';
import { securityWords } from '../../../shared/web/security-words.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';

/**
 * Removes the authenticator app: only after a recent sign-in (else sign in again and come back), never while the
 * firm requires one (the page said so; a stale page's post gets the same answer, nothing changed).
 */
export const handler = staffPageHandler(
  account.authenticatorRemove,
  async ({ principal, active, w, frame, now }) => {
    const standing = securityStanding(principal.tenant, principal.staff);
    if (!standing.enrolled) return { status: 303, location: '/app/security' };
    const refusal = removalRefusal(active, now);
    if (refusal === 'sign-in-again') return { status: 303, location: `/sign-in?${new URLSearchParams({ next: '/app/security', again: 'recent' }).toString()}` };
    if (refusal === 'firm-requires') {
      return { status: 409, page: securityPage(securityWords(w), frame('security'), { standing, notice: 'firm-requires' }) };
    }
    await removeAuthenticator(active, now);
    return { status: 303, location: '/app/security?done=removed' };
  },
  { duringEnrolment: true },
);
