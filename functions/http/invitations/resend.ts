import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { invitationPathSchema } from '../../../shared/domain/staff.js';
import { resendInvitation } from '../../../shared/tenancy/staff.js';
import { pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** A new link and a new validity period; the old link stops working. */
export const handler = staffHandler(tenancy.resendInvitation, async ({ event, principal, log, now, appUrl }) => {
  const result = await resendInvitation(principal, pathParams(event, invitationPathSchema).invitationId, { now, appUrl, log });
  return { status: 200, body: result };
});
