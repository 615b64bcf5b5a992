import { getFirm } from '../../../shared/db/firm.js';
import { authorize } from '../../../shared/domain/access.js';
import { invitationView } from '../../../shared/domain/staff.js';
import { staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ principal }) => {
  authorize(principal, 'staff:read');
  const now = new Date();
  const firm = await getFirm(principal.scope);
  return { status: 200, body: { invitations: firm.invitations.map((i) => invitationView(i, now)) } };
});
