import * as directory from '../../../shared/contracts/areas/directory.js';
import { listClientsFor } from '../../../shared/coaching/clients.js';
import { activeStaff } from '../../../shared/db/firm.js';
import { can } from '../../../shared/domain/access.js';
import { clientListQuerySchema } from '../../../shared/domain/coaching.js';
import { ValidationError } from '../../../shared/errors.js';
import { clientListPage } from '../../../shared/web/client-pages.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { queryFields } from './forms.js';

/** The clients the user works with, a page at a time; owners and admins see the firm's, by coach and status. */
export const handler = staffPageHandler(directory.clientsPage, async ({ principal, w, frame, event }) => {
  const manager = can(principal.role, 'clients:assign');
  let query;
  try {
    query = clientListQuerySchema.parse(queryFields(event, manager ? ['coachId', 'status', 'cursor'] : ['status', 'cursor']));
  } catch {
    // A filter edited by hand (or a cursor of another list): the list as it starts.
    return { status: 303, location: '/app/clients' };
  }
  let page;
  let coaches;
  try {
    [page, coaches] = await Promise.all([listClientsFor(principal, query), manager ? activeStaff(principal.scope) : undefined]);
  } catch (error) {
    if (error instanceof ValidationError) return { status: 303, location: '/app/clients' };
    throw error;
  }
  const filter = { coachId: query.coachId, status: query.status };
  return { status: 200, page: clientListPage(w, directoryWords(w.lang), frame('clients'), { clients: page.items, coaches, filter, next: page.next, paged: !!query.cursor }) };
});
