import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { invitationCreateSchema } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { inviteStaff } from '../../../shared/tenancy/staff.js';
import { jsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

export const handler = staffHandler(tenancy.createInvitation, async ({ event, principal, log, now, appUrl }) => {
  const input = parseInput(invitationCreateSchema, jsonBody(event));
  const { invitation, email } = await inviteStaff(principal, input, { now, appUrl, log });
  return { status: 201, headers: { location: `/v1/invitations/${invitation.invitationId}` }, body: { invitation, email } };
});
