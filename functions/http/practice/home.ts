import * as practice from '../../../shared/contracts/areas/practice.js';
import { listProgramsFor } from '../../../shared/coaching/programs.js';
import { homePage } from '../../../shared/web/home-page.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';

/** The coach's home: their programs (owners and admins: the firm's), one Query per page of the list. */
export const handler = staffPageHandler(practice.homePage, async ({ principal, w, frame, now }) => {
  const programs = await listProgramsFor(principal, { limit: 50 });
  return { status: 200, page: homePage(w, frame('home'), { programs: programs.items, tenant: principal.tenant, now }) };
});
