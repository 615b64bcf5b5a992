import { invitationAcceptSchema, staffView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { acceptInvitation } from '../../../shared/tenancy/staff.js';
import { httpHandler, jsonBody } from '../../middleware/http.js';

/** Public: the invitation link plus a password; the link carries the tenant. */
export const handler = httpHandler(async ({ event, log, now, appUrl }) => {
  const input = parseInput(invitationAcceptSchema, jsonBody(event));
  const { staff, tenant } = await acceptInvitation(input, { now, appUrl, log });
  return { status: 201, body: { staff: staffView(staff, tenant), tenantId: staff.tenantId } };
});
