import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { listInvitations } from '../../../shared/db/firm.js';
import { invitationListQuerySchema, invitationView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { staffHandler } from '../../middleware/staff.js';

/** Invitations of the firm, newest first, a page at a time. */
export const handler = staffHandler(tenancy.listInvitations, async ({ event, principal, now }) => {
  const query = parseInput(invitationListQuerySchema, event.queryStringParameters ?? {}, 'query');
  const page = await listInvitations(principal.scope, query.limit, query.cursor);
  return { status: 200, body: { invitations: page.items.map((i) => invitationView(i, now)), ...(page.next ? { next: page.next } : {}) } };
});
