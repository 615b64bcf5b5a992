import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { revokeClientLinks, sendClientLink, visibleProgram } from '../../../shared/coaching/programs.js';
import { programPathSchema } from '../../../shared/domain/coaching.js';
import { byMethod, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadProgram } from './load.js';

/** Email the client a fresh link to their page; revoke every open link of the program's client. */
export const handler = byMethod({
  POST: staffHandler(
    coaching.sendClientLink,
    async ({ event, principal, loaded, now, appUrl, log }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      return { status: 202, body: await sendClientLink(principal, program, { now, appUrl, log }) };
    },
    { load: loadProgram() },
  ),
  DELETE: staffHandler(
    coaching.revokeClientLinks,
    async ({ event, principal, loaded, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      await revokeClientLinks(principal, program, { now });
      return { status: 204 };
    },
    { load: loadProgram() },
  ),
});
