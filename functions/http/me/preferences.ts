import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { myPreferencesPatchSchema } from '../../../shared/domain/coach-digest-schedule.js';
import { digestView } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { updateMyPreferences } from '../../../shared/tenancy/digest.js';
import { jsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** The caller's own daily digest and page language: every role changes only their own. */
export const handler = staffHandler(tenancy.updateMyPreferences, async ({ event, principal, now }) => {
  const patch = parseInput(myPreferencesPatchSchema, jsonBody(event));
  const staff = await updateMyPreferences(principal, patch, now);
  return { status: 200, body: { digest: digestView(staff, principal.tenant) } };
});
