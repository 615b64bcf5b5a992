import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { listAudit } from '../../../shared/db/audit.js';
import { auditQuerySchema } from '../../../shared/domain/audit.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { staffHandler } from '../../middleware/staff.js';

/** The firm's audit trail, newest first. */
export const handler = staffHandler(tenancy.listAudit, async ({ event, principal }) => {
  const query = parseInput(auditQuerySchema, event.queryStringParameters ?? {}, 'query');
  return { status: 200, body: await listAudit(principal.scope, query.limit, query.before) };
});
