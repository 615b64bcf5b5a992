import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { changeObstacle, obstacleNotFound, staffContext } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { obstacleView } from '../../../shared/coaching/views.js';
import { obstaclePathSchema, obstacleUpdateSchema, type Obstacle } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadedChild, loadProgram } from './load.js';

const obstacleOf = (loaded: readonly Record<string, unknown>[], obstacleId: string): Obstacle => {
  const obstacle = loadedChild<Obstacle>(loaded, 'Obstacle', 'obstacleId', obstacleId);
  if (!obstacle) throw obstacleNotFound();
  return obstacle;
};

/** One obstacle: read it; change, resolve (with a note, e.g. from the agenda) or archive it. */
export const handler = byMethod({
  GET: staffHandler(
    coaching.getObstacle,
    async ({ event, principal, loaded }) => {
      const { programId, obstacleId } = pathParams(event, obstaclePathSchema);
      visibleProgram(principal, loaded, programId);
      return { status: 200, body: { obstacle: obstacleView(obstacleOf(loaded, obstacleId)) } };
    },
    { load: loadProgram({ kind: 'obstacle', from: 'path' }) },
  ),
  PATCH: staffHandler(
    coaching.updateObstacle,
    async ({ event, principal, loaded, now }) => {
      const { programId, obstacleId } = pathParams(event, obstaclePathSchema);
      const program = visibleProgram(principal, loaded, programId);
      const { obstacle } = await changeObstacle(staffContext(principal, program, now), obstacleOf(loaded, obstacleId), parseInput(obstacleUpdateSchema, jsonBody(event)));
      return { status: 200, body: { obstacle: obstacleView(obstacle!) } };
    },
    { load: loadProgram({ kind: 'obstacle', from: 'path' }) },
  ),
});
