import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { recordSession, sessionView, visibleProgram } from '../../../shared/coaching/programs.js';
import { actionView } from '../../../shared/coaching/views.js';
import { programPathSchema, sessionCreateSchema } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { childPage, loadProgram } from './load.js';

/** Record a session (with the actions agreed in it; the client gets their link); list a program's sessions. */
export const handler = byMethod({
  POST: staffHandler(
    coaching.recordSession,
    async ({ event, principal, loaded, now, appUrl, log }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      const input = parseInput(sessionCreateSchema, jsonBody(event));
      const recorded = await recordSession(principal, program, input, { now, appUrl, log });
      return { status: 201, body: { session: sessionView(recorded.session), actions: recorded.actions.map(actionView), ...(recorded.email ? { email: recorded.email } : {}) } };
    },
    { load: loadProgram() },
  ),
  GET: staffHandler(coaching.listSessions, childPage('SESSION', 'sessions', sessionView), { load: loadProgram() }),
});
