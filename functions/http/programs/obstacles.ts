import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { logObstacle, staffContext } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { obstacleView } from '../../../shared/coaching/views.js';
import { obstacleCreateSchema, programPathSchema, type Action } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ValidationError } from '../../../shared/errors.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { childPage, loadedChild, loadProgram } from './load.js';

/** Log an obstacle against an action; list a program's obstacles. */
export const handler = byMethod({
  POST: staffHandler(
    coaching.createObstacle,
    async ({ event, principal, loaded, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      const input = parseInput(obstacleCreateSchema, jsonBody(event));
      const action = loadedChild<Action>(loaded, 'Action', 'actionId', input.actionId);
      if (!action) throw new ValidationError([{ field: 'actionId', message: 'must be an action of this program' }]);
      const { obstacle } = await logObstacle(staffContext(principal, program, now), action, input);
      return { status: 201, body: { obstacle: obstacleView(obstacle!) } };
    },
    { load: loadProgram({ kind: 'action', from: 'body' }) },
  ),
  GET: staffHandler(coaching.listObstacles, childPage('OBSTACLE', 'obstacles', obstacleView), { load: loadProgram() }),
});
