import { getFirm } from '../../../shared/db/firm.js';
import { authorize } from '../../../shared/domain/access.js';
import { staffView } from '../../../shared/domain/staff.js';
import { staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ principal }) => {
  authorize(principal, 'staff:read');
  const firm = await getFirm(principal.scope);
  return { status: 200, body: { staff: firm.staff.map(staffView) } };
});
