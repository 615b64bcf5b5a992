import * as practice from '../../../shared/contracts/areas/practice.js';
import { changeObstacle, obstacleNotFound, staffContext } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { obstacleUpdateSchema, type Obstacle } from '../../../shared/domain/coaching.js';
import { obstacleResolvePathSchema, resolveObstacleFormSchema } from '../../../shared/domain/program-forms.js';
import { ValidationError } from '../../../shared/errors.js';
import { formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadedChild, loadProgram } from '../programs/load.js';
import { backToProgram, collectionOf, orRefused, renderProgramPage } from './program-pages.js';

/** Resolving an obstacle from the agenda, with a note on how (the API's own change); a missing note comes back to the page. */
export const handler = staffPageHandler(
  practice.resolveObstacleSubmit,
  async ({ event, principal, loaded, w, frame, now }) => {
    const { programId, obstacleId } = pathParams(event, obstacleResolvePathSchema);
    const program = visibleProgram(principal, loaded, programId);
    const obstacle = loadedChild<Obstacle>(loaded, 'Obstacle', 'obstacleId', obstacleId);
    if (!obstacle || obstacle.archived) throw obstacleNotFound();
    const form = resolveObstacleFormSchema.safeParse(formBody(event));
    const note = form.success ? (form.data.note ?? '') : '';
    const update = obstacleUpdateSchema.safeParse({ resolved: true, ...(note.trim() ? { resolutionNote: note } : {}) });
    if (!update.success) {
      // Back to the page (its Query), the note as typed by its field.
      const collection = await collectionOf(principal, programId);
      return { status: 400, page: renderProgramPage(w, frame('home'), principal, collection, now, { resolveProblem: { obstacleId, fields: [{ field: 'note', message: '' }], note } }) };
    }
    return orRefused(w, frame('home'), programId, async () => {
      try {
        await changeObstacle(staffContext(principal, program, now), obstacle, update.data);
      } catch (error) {
        // Resolved already with this very note (a second submit): nothing to change, and done all the same.
        if (!(error instanceof ValidationError && error.fields?.some((f) => f.field === ''))) throw error;
      }
      return backToProgram(programId, 'resolved');
    });
  },
  { load: loadProgram({ kind: 'obstacle', from: 'path' }) },
);
