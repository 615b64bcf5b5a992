import * as admin from '../../../shared/contracts/areas/admin.js';
import { staffPageQuerySchema } from '../../../shared/domain/admin-forms.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';
import { staffPageReply } from './staff-view.js';

/** The staff page: staff users, invitations, and the forms to manage them (each posting to its own route). */
export const handler = staffPageHandler(admin.staffPage, async (request) => {
  const query = staffPageQuerySchema.safeParse(request.event.queryStringParameters ?? {});
  const { staff, invitations, done } = query.success ? query.data : {};
  return staffPageReply(request, { status: 200, cursors: { staff, invitations }, ...(done ? { notice: adminWordsOf(request.w).staffNotices[done] } : {}) });
});
