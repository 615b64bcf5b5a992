import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { staffPathSchema, staffUpdateSchema, staffView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { changeStaff } from '../../../shared/tenancy/staff.js';
import { jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** Rename, change role (admin/coach) or status (active/deactivated); deactivation cuts access at once. */
export const handler = staffHandler(tenancy.updateStaff, async ({ event, principal, log, now, appUrl }) => {
  const change = parseInput(staffUpdateSchema, jsonBody(event));
  const staff = await changeStaff(principal, pathParams(event, staffPathSchema).userId, change, { now, appUrl, log });
  return { status: 200, body: { staff: staffView(staff, principal.tenant) } };
});
