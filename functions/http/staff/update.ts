import { config } from '../../../shared/config.js';
import { authorize } from '../../../shared/domain/access.js';
import { staffUpdateSchema, staffView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { changeStaff } from '../../../shared/tenancy/staff.js';
import { jsonBody, pathParam, staffHandler } from '../../middleware/http.js';

/** Rename, change role (admin/coach) or status (active/deactivated); deactivation cuts access at once. */
export const handler = staffHandler(async ({ event, principal, log }) => {
  authorize(principal, 'staff:manage');
  const change = parseInput(staffUpdateSchema, jsonBody(event));
  const staff = await changeStaff(principal, pathParam(event, 'userId'), change, { now: new Date(), appUrl: config.appUrl(), log });
  return { status: 200, body: { staff: staffView(staff) } };
});
