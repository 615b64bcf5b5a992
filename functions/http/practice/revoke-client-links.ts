import * as practice from '../../../shared/contracts/areas/practice.js';
import { revokeClientLinks, visibleProgram } from '../../../shared/coaching/programs.js';
import { programPagePathSchema } from '../../../shared/domain/program-forms.js';
import { pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadProgram } from '../programs/load.js';
import { backToProgram, orRefused } from './program-pages.js';

/** "Stop every open link": the program's link generation moves on (the API's own revoke). */
export const handler = staffPageHandler(
  practice.revokeClientLinksSubmit,
  async ({ event, principal, loaded, w, frame, now }) => {
    const program = visibleProgram(principal, loaded, pathParams(event, programPagePathSchema).programId);
    return orRefused(w, frame('home'), program.programId, async () => {
      await revokeClientLinks(principal, program, { now });
      return backToProgram(program.programId, 'linksRevoked');
    });
  },
  { load: loadProgram() },
);
