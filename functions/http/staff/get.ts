import { getStaff } from '../../../shared/db/firm.js';
import { authorize } from '../../../shared/domain/access.js';
import { staffPathSchema, staffView } from '../../../shared/domain/staff.js';
import { NotFoundError } from '../../../shared/errors.js';
import { pathParams, staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ event, principal }) => {
  authorize(principal, 'staff:read');
  const staff = await getStaff(principal.scope, pathParams(event, staffPathSchema).userId);
  if (!staff) throw new NotFoundError('No staff user with that id in your firm');
  return { status: 200, body: { staff: staffView(staff) } };
});
