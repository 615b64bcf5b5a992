import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { programCollection, programPageView, programSummaryView, updateProgram, visibleProgram } from '../../../shared/coaching/programs.js';
import { programPathSchema, programUpdateSchema } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadProgram } from './load.js';

/** The program page (one Query of the program's item collection); changing a program's settings or status. */
export const handler = byMethod({
  GET: staffHandler(coaching.getProgram, async ({ event, principal, now }) => {
    const collection = await programCollection(principal, pathParams(event, programPathSchema).programId);
    return { status: 200, body: programPageView(collection, now) };
  }),
  PATCH: staffHandler(
    coaching.updateProgram,
    async ({ event, principal, loaded, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      const updated = await updateProgram(principal, program, parseInput(programUpdateSchema, jsonBody(event)), { now });
      return { status: 200, body: { program: programSummaryView(updated, now) } };
    },
    { load: loadProgram() },
  ),
});
