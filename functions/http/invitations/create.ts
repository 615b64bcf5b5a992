import { authorize } from '../../../shared/domain/access.js';
import { invitationCreateSchema } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { inviteStaff } from '../../../shared/tenancy/staff.js';
import { jsonBody, staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ event, principal, log, now, appUrl }) => {
  authorize(principal, 'staff:manage');
  const input = parseInput(invitationCreateSchema, jsonBody(event));
  const { invitation, email } = await inviteStaff(principal, input, { now, appUrl, log });
  return { status: 201, headers: { location: `/v1/invitations/${invitation.invitationId}` }, body: { invitation, email } };
});
