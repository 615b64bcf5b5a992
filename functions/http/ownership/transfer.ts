import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { ownershipTransferSchema, staffView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { transferOwnership } from '../../../shared/tenancy/staff.js';
import { jsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** The owner hands ownership to another active staff user and becomes an admin, in one transaction. */
export const handler = staffHandler(tenancy.transferOwnership, async ({ event, principal, log, now, appUrl }) => {
  const { userId } = parseInput(ownershipTransferSchema, jsonBody(event));
  const { from, to } = await transferOwnership(principal, userId, { now, appUrl, log });
  return { status: 200, body: { previousOwner: staffView(from, principal.tenant), owner: staffView(to, principal.tenant) } };
});
