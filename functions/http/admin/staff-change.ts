import * as admin from '../../../shared/contracts/areas/admin.js';
import { adminStaffPathSchema, staffChangeFormSchema } from '../../../shared/domain/admin-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ConflictError, ValidationError } from '../../../shared/errors.js';
import { changeStaff } from '../../../shared/tenancy/staff.js';
import { formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';
import { conflictInWords, staffPageReply } from './staff-view.js';

/**
 * A staff user's role or status from the staff page (changeStaff: the JSON API's rules: only an owner changes an
 * owner, nobody demotes or deactivates themselves, the firm keeps an owner; deactivation ends their sessions).
 */
export const handler = staffPageHandler(admin.changeStaffSubmit, async (request) => {
  const { principal, event, now, appUrl, log, w } = request;
  const a = adminWordsOf(w);
  const { userId } = pathParams(event, adminStaffPathSchema);
  try {
    const change = parseInput(staffChangeFormSchema, formBody(event));
    if (!change.role && !change.status) throw new ValidationError([{ field: 'role', message: 'give a role or a status' }]);
    await changeStaff(principal, userId, change, { now, appUrl, log });
  } catch (error) {
    if (error instanceof ValidationError) return staffPageReply(request, { status: 400, alert: a.problems.role });
    if (error instanceof ConflictError) return staffPageReply(request, { status: 409, alert: conflictInWords(a, error) });
    throw error;
  }
  return { status: 303, location: '/app/firm/staff?done=changed' };
});
