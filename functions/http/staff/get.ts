import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { getStaff } from '../../../shared/db/firm.js';
import { staffPathSchema, staffView } from '../../../shared/domain/staff.js';
import { NotFoundError } from '../../../shared/errors.js';
import { pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

export const handler = staffHandler(tenancy.getStaff, async ({ event, principal }) => {
  const staff = await getStaff(principal.scope, pathParams(event, staffPathSchema).userId);
  if (!staff) throw new NotFoundError('No staff user with that id in your firm');
  return { status: 200, body: { staff: staffView(staff, principal.tenant) } };
});
