import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { staffHandler } from '../../middleware/staff.js';

export const handler = staffHandler(tenancy.getSettings, async ({ principal }) => {
  return { status: 200, body: { settings: principal.tenant } };
});
