import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { settingsPatchSchema } from '../../../shared/domain/tenant.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { updateSettings } from '../../../shared/tenancy/settings.js';
import { jsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

export const handler = staffHandler(tenancy.updateSettings, async ({ event, principal, now }) => {
  const patch = parseInput(settingsPatchSchema, jsonBody(event));
  return { status: 200, body: { settings: await updateSettings(principal, patch, now) } };
});
