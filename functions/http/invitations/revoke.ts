import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { invitationPathSchema } from '../../../shared/domain/staff.js';
import { revokeInvitation } from '../../../shared/tenancy/staff.js';
import { pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

export const handler = staffHandler(tenancy.revokeInvitation, async ({ event, principal, log, now, appUrl }) => {
  await revokeInvitation(principal, pathParams(event, invitationPathSchema).invitationId, { now, appUrl, log });
  return { status: 204 };
});
