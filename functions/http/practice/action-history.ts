import * as practice from '../../../shared/contracts/areas/practice.js';
import { actionHistory, actionNotFound } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import type { Action } from '../../../shared/domain/coaching.js';
import { actionHistoryPathSchema, actionHistoryQuerySchema } from '../../../shared/domain/program-forms.js';
import { NotFoundError, ValidationError } from '../../../shared/errors.js';
import { actionHistoryPage } from '../../../shared/web/session-form-page.js';
import { pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadedChild, loadProgram } from '../programs/load.js';

/** Changes shown per page of an action's history. */
const HISTORY_PAGE = 25;

/** An action's history (its obstacles' too), a page at a time: the session check with program and action, then one Query. */
export const handler = staffPageHandler(
  practice.actionHistoryPage,
  async ({ event, principal, loaded, w, frame }) => {
    const { programId, actionId } = pathParams(event, actionHistoryPathSchema);
    const program = visibleProgram(principal, loaded, programId);
    const action = loadedChild<Action>(loaded, 'Action', 'actionId', actionId);
    if (!action) throw actionNotFound();
    const query = actionHistoryQuerySchema.safeParse(event.queryStringParameters ?? {});
    const cursor = query.success ? query.data.cursor : undefined;
    let page;
    try {
      page = await actionHistory(principal.scope, programId, actionId, HISTORY_PAGE, cursor);
    } catch (error) {
      // A cursor that is not one of this history's pages names nothing.
      if (error instanceof ValidationError) throw new NotFoundError('No such page of this history');
      throw error;
    }
    return {
      status: 200,
      page: actionHistoryPage(w, frame('home'), { program, action, changes: page.items, ...(page.next ? { next: page.next } : {}), paged: !!cursor, timeZone: principal.tenant.timeZone }),
    };
  },
  { load: loadProgram({ kind: 'action', from: 'path' }) },
);
