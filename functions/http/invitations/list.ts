import { listInvitations } from '../../../shared/db/firm.js';
import { authorize } from '../../../shared/domain/access.js';
import { invitationListQuerySchema, invitationView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { staffHandler } from '../../middleware/http.js';

/** Invitations of the firm, newest first, a page at a time. */
export const handler = staffHandler(async ({ event, principal, now }) => {
  authorize(principal, 'staff:read');
  const query = parseInput(invitationListQuerySchema, event.queryStringParameters ?? {}, 'query');
  const page = await listInvitations(principal.scope, query.limit, query.cursor);
  return { status: 200, body: { invitations: page.items.map((i) => invitationView(i, now)), ...(page.next ? { next: page.next } : {}) } };
});
