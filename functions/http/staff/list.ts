import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { listStaff } from '../../../shared/db/firm.js';
import { staffListQuerySchema, staffView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { staffHandler } from '../../middleware/staff.js';

/** Staff users of the firm, a page at a time. */
export const handler = staffHandler(tenancy.listStaff, async ({ event, principal }) => {
  const query = parseInput(staffListQuerySchema, event.queryStringParameters ?? {}, 'query');
  const page = await listStaff(principal.scope, query.limit, query.cursor);
  return { status: 200, body: { staff: page.items.map((s) => staffView(s, principal.tenant)), ...(page.next ? { next: page.next } : {}) } };
});
