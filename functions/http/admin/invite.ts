import * as admin from '../../../shared/contracts/areas/admin.js';
import { invitationCreateSchema } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { inviteStaff } from '../../../shared/tenancy/staff.js';
import { formBody } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';
import { inviteProblems, staffPageReply } from './staff-view.js';

/** Invites a coach or admin (inviteStaff: the JSON API's rule, its rate limits and its email). */
export const handler = staffPageHandler(admin.inviteStaffSubmit, async (request) => {
  const { principal, event, now, appUrl, log } = request;
  const form = formBody(event);
  const values = { name: form.name ?? '', email: form.email ?? '', role: form.role ?? '' };
  try {
    await inviteStaff(principal, parseInput(invitationCreateSchema, values), { now, appUrl, log });
  } catch (error) {
    const { status, problems } = inviteProblems(adminWordsOf(request.w), error);
    return staffPageReply(request, { status, invite: { values, problems } });
  }
  return { status: 303, location: '/app/firm/staff?done=invited' };
});
