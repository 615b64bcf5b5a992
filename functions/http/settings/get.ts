import { authorize } from '../../../shared/domain/access.js';
import { staffHandler } from '../../middleware/http.js';

export const handler = staffHandler(async ({ principal }) => {
  authorize(principal, 'firm:read');
  return { status: 200, body: { settings: principal.tenant } };
});
