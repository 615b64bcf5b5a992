import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { addAction, checkSessionOf, staffContext } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { actionView } from '../../../shared/coaching/views.js';
import { actionCreateSchema, programPathSchema, type Session } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { childPage, loadedChild, loadProgram } from './load.js';

/** Add a micro action (the coach's); list a program's actions. */
export const handler = byMethod({
  POST: staffHandler(
    coaching.createAction,
    async ({ event, principal, loaded, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      const input = parseInput(actionCreateSchema, jsonBody(event));
      checkSessionOf(loadedChild<Session>(loaded, 'Session', 'sessionId', input.sessionId), input.sessionId);
      const { action } = await addAction(staffContext(principal, program, now), input);
      return { status: 201, body: { action: actionView(action!) } };
    },
    { load: loadProgram({ kind: 'session', from: 'body' }) },
  ),
  GET: staffHandler(coaching.listActions, childPage('ACTION', 'actions', actionView), { load: loadProgram() }),
});
