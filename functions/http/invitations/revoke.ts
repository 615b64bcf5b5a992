import { authorize } from '../../../shared/domain/access.js';
import { invitationPathSchema } from '../../../shared/domain/staff.js';
import { revokeInvitation } from '../../../shared/tenancy/staff.js';
import { pathParams, staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ event, principal, log, now, appUrl }) => {
  authorize(principal, 'staff:manage');
  await revokeInvitation(principal, pathParams(event, invitationPathSchema).invitationId, { now, appUrl, log });
  return { status: 204 };
});
