import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { actionHistory, actionNotFound, changeAction, staffContext } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { actionView, changeView } from '../../../shared/coaching/views.js';
import { actionPathSchema, actionUpdateSchema, type Action } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadedChild, loadProgram } from './load.js';

const actionOf = (loaded: readonly Record<string, unknown>[], actionId: string): Action => {
  const action = loadedChild<Action>(loaded, 'Action', 'actionId', actionId);
  if (!action) throw actionNotFound();
  return action;
};

/** One micro action with its history; changing, marking or archiving it (the change joins its history). */
export const handler = byMethod({
  GET: staffHandler(
    coaching.getAction,
    async ({ event, principal, loaded }) => {
      const { programId, actionId } = pathParams(event, actionPathSchema);
      visibleProgram(principal, loaded, programId);
      const action = actionOf(loaded, actionId);
      const history = await actionHistory(principal.scope, programId, actionId);
      return { status: 200, body: { action: actionView(action), history: history.items.map(changeView), ...(history.next ? { historyNext: history.next } : {}) } };
    },
    { load: loadProgram({ kind: 'action', from: 'path' }) },
  ),
  PATCH: staffHandler(
    coaching.updateAction,
    async ({ event, principal, loaded, now }) => {
      const { programId, actionId } = pathParams(event, actionPathSchema);
      const program = visibleProgram(principal, loaded, programId);
      const update = parseInput(actionUpdateSchema, jsonBody(event));
      const { action } = await changeAction(staffContext(principal, program, now), actionOf(loaded, actionId), update);
      return { status: 200, body: { action: actionView(action!) } };
    },
    { load: loadProgram({ kind: 'action', from: 'path' }) },
  ),
});
