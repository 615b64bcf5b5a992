import { authorize } from '../../../shared/domain/access.js';
import { invitationPathSchema } from '../../../shared/domain/staff.js';
import { resendInvitation } from '../../../shared/tenancy/staff.js';
import { pathParams, staffHandler } from '../../middleware/http.js';

/** A new link and a new validity period; the old link stops working. */
export const handler = staffHandler(async ({ event, principal, log, now, appUrl }) => {
  authorize(principal, 'staff:manage');
  const result = await resendInvitation(principal, pathParams(event, invitationPathSchema).invitationId, { now, appUrl, log });
  return { status: 200, body: result };
});
