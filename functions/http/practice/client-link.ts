import * as practice from '../../../shared/contracts/areas/practice.js';
import { sendClientLink, visibleProgram } from '../../../shared/coaching/programs.js';
import { programPagePathSchema } from '../../../shared/domain/program-forms.js';
import { pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadProgram } from '../programs/load.js';
import { backToProgram, orRefused } from './program-pages.js';

/** "Email a fresh link": the API's own send (rate-limited per client address; a refusal is the 429 page). */
export const handler = staffPageHandler(
  practice.sendClientLinkSubmit,
  async ({ event, principal, loaded, w, frame, now, appUrl, log }) => {
    const program = visibleProgram(principal, loaded, pathParams(event, programPagePathSchema).programId);
    return orRefused(w, frame('home'), program.programId, async () => {
      await sendClientLink(principal, program, { now, appUrl, log });
      return backToProgram(program.programId, 'linkSent');
    });
  },
  { load: loadProgram() },
);
