import * as admin from '../../../shared/contracts/areas/admin.js';
import { keys } from '../../../shared/db/keys.js';
import { withoutKeys } from '../../../shared/db/transact.js';
import { ownershipFormSchema } from '../../../shared/domain/admin-forms.js';
import { staffUserId } from '../../../shared/domain/staff.js';
import type { StaffUser } from '../../../shared/domain/tenant.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.js';
import { transferOwnership } from '../../../shared/tenancy/staff.js';
import { confirmOwnershipPage } from '../../../shared/web/admin-pages.js';
import { formBody, type HttpEvent } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';
import { conflictInWords, staffPageReply } from './staff-view.js';

/** The user the form names, read with the session (its own checks come later: this is only a key). */
function namedUser(event: HttpEvent): string | undefined {
  try {
    const id = formBody(event).userId;
    return staffUserId().safeParse(id).success ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Handing over ownership (owners only): the choice shows a confirmation naming the new owner (read with the session),
 * the confirmation makes the change (transferOwnership: the JSON API's rule, one transaction).
 */
export const handler = staffPageHandler(
  admin.transferOwnershipSubmit,
  async (request) => {
    const { principal, event, now, appUrl, log, w, frame, loaded } = request;
    const a = adminWordsOf(w);
    let input;
    try {
      input = parseInput(ownershipFormSchema, formBody(event));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return staffPageReply(request, { status: 400, alert: a.problems.userId });
    }
    if (input.userId === principal.userId) return staffPageReply(request, { status: 409, alert: a.staffConflict });
    if (!input.confirm) {
      const to = withoutKeys<StaffUser>(loaded.find((item) => item.SK === keys.staff(principal.scope, input.userId).SK));
      if (!to) throw new NotFoundError('No staff user with that id in your firm');
      if (to.status !== 'active') return staffPageReply(request, { status: 409, alert: a.conflicts.notActive });
      return { status: 200, page: confirmOwnershipPage(w, a, frame('firm'), to) };
    }
    try {
      await transferOwnership(principal, input.userId, { now, appUrl, log });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return staffPageReply(request, { status: 409, alert: conflictInWords(a, error) });
    }
    return { status: 303, location: '/app/firm/staff?done=ownership' };
  },
  { load: (scope, event) => (event.requestContext.http.method === 'POST' && namedUser(event) ? [keys.staff(scope, namedUser(event)!)] : []) },
);
