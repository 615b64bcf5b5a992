import { config } from '../../../shared/config.js';
import { authorize } from '../../../shared/domain/access.js';
import { invitationPathSchema } from '../../../shared/domain/staff.js';
import { revokeInvitation } from '../../../shared/tenancy/staff.js';
import { pathParams, staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ event, principal, log }) => {
  authorize(principal, 'staff:manage');
  await revokeInvitation(principal, pathParams(event, invitationPathSchema).invitationId, { now: new Date(), appUrl: config.appUrl(), log });
  return { status: 204 };
});
