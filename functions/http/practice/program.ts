import * as practice from '../../../shared/contracts/areas/practice.js';
import { programPagePathSchema, programPageQuerySchema } from '../../../shared/domain/program-forms.js';
import { pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadProgram } from '../programs/load.js';
import { collectionWithSponsors, renderProgramPage } from './program-pages.js';

/**
 * A program's page: the session check with the program item, then the program's collection (one Query) and its
 * sponsors' names (one BatchGet of at most five) side by side.
 */
export const handler = staffPageHandler(
  practice.programPage,
  async ({ event, principal, loaded, w, frame, now }) => {
    const { collection, sponsorNames } = await collectionWithSponsors(principal, loaded, pathParams(event, programPagePathSchema).programId);
    const query = programPageQuerySchema.safeParse(event.queryStringParameters ?? {});
    const done = query.success ? query.data.done : undefined;
    return { status: 200, page: renderProgramPage(w, frame('home'), principal, collection, now, { sponsorNames, ...(done ? { done } : {}) }) };
  },
  { load: loadProgram() },
);
