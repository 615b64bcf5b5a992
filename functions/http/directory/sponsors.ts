import * as directory from '../../../shared/contracts/areas/directory.js';
import { listSponsorsOf } from '../../../shared/coaching/clients.js';
import { sponsorListQuerySchema } from '../../../shared/domain/coaching.js';
import { ValidationError } from '../../../shared/errors.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { sponsorListPage } from '../../../shared/web/sponsor-pages.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { queryFields } from './forms.js';

/** The firm's sponsors (every role works with them), a page at a time. */
export const handler = staffPageHandler(directory.sponsorsPage, async ({ principal, w, frame, event }) => {
  const query = sponsorListQuerySchema.safeParse(queryFields(event, ['cursor']));
  if (!query.success) return { status: 303, location: '/app/sponsors' };
  let page;
  try {
    page = await listSponsorsOf(principal, query.data);
  } catch (error) {
    // A cursor of another list.
    if (error instanceof ValidationError) return { status: 303, location: '/app/sponsors' };
    throw error;
  }
  return { status: 200, page: sponsorListPage(w, directoryWords(w.lang), frame('sponsors'), { sponsors: page.items, next: page.next, paged: !!query.data.cursor }) };
});
