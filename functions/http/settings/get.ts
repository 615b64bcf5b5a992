import { getTenant } from '../../../shared/db/tenants.js';
import { authorize } from '../../../shared/domain/access.js';
import { staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ principal }) => {
  authorize(principal, 'firm:read');
  return { status: 200, body: { settings: await getTenant(principal.scope) } };
});
