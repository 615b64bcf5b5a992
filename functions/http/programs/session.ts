import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { sessionView, updateSession, visibleProgram } from '../../../shared/coaching/programs.js';
import { sessionPathSchema, sessionUpdateSchema, type Session } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { NotFoundError } from '../../../shared/errors.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadedChild, loadProgram } from './load.js';

const sessionOf = (loaded: readonly Record<string, unknown>[], sessionId: string): Session => {
  const session = loadedChild<Session>(loaded, 'Session', 'sessionId', sessionId);
  if (!session) throw new NotFoundError('No session with that id in this program');
  return session;
};

/** One session (private notes included, for staff only): read it, change or archive it. Read with the auth: one BatchGet. */
export const handler = byMethod({
  GET: staffHandler(
    coaching.getSession,
    async ({ event, principal, loaded }) => {
      const { programId, sessionId } = pathParams(event, sessionPathSchema);
      visibleProgram(principal, loaded, programId);
      return { status: 200, body: { session: sessionView(sessionOf(loaded, sessionId)) } };
    },
    { load: loadProgram({ kind: 'session', from: 'path' }) },
  ),
  PATCH: staffHandler(
    coaching.updateSession,
    async ({ event, principal, loaded, now }) => {
      const { programId, sessionId } = pathParams(event, sessionPathSchema);
      const program = visibleProgram(principal, loaded, programId);
      const session = await updateSession(principal, program, sessionOf(loaded, sessionId), parseInput(sessionUpdateSchema, jsonBody(event)), { now });
      return { status: 200, body: { session: sessionView(session) } };
    },
    { load: loadProgram({ kind: 'session', from: 'path' }) },
  ),
});
