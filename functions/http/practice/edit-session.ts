import * as practice from '../../../shared/contracts/areas/practice.js';
import { updateSession, visibleProgram } from '../../../shared/coaching/programs.js';
import { sessionPathSchema, type Session } from '../../../shared/domain/coaching.js';
import { editSessionFormSchema, sessionChangeOfForm, sessionDay, type EditSessionForm } from '../../../shared/domain/coach-forms.js';
import { NotFoundError } from '../../../shared/errors.js';
import { editSessionPage } from '../../../shared/web/coach-forms-page.js';
import { byMethod, formBody, pathParams, type HttpEvent } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadedChild, loadProgram } from '../programs/load.js';
import type { StaffPrincipal } from '../../../shared/domain/access.js';
import { backToProgram, orRefused } from './program-pages.js';

/** The program and the session the path names, both read with the session check (one BatchGet). */
const programAndSession = (event: HttpEvent, principal: StaffPrincipal, loaded: readonly Record<string, unknown>[]) => {
  const { programId, sessionId } = pathParams(event, sessionPathSchema);
  const program = visibleProgram(principal, loaded, programId);
  const session = loadedChild<Session>(loaded, 'Session', 'sessionId', sessionId);
  if (!session) throw new NotFoundError('No session with that id in this program');
  return { program, session };
};

/**
 * Editing a session from the staff web app: its day, shared summary and private notes, or archiving it (recorded by
 * mistake), saved by the API's own code. A bad field comes back with its message and every typed value; nothing written.
 */
export const handler = byMethod({
  GET: staffPageHandler(
    practice.editSessionPage,
    async ({ event, principal, loaded, w, frame }) => {
      const { program, session } = programAndSession(event, principal, loaded);
      const values = { date: sessionDay(session, principal.tenant.timeZone), sharedSummary: session.sharedSummary, privateNotes: session.privateNotes, archived: session.archived ? 'on' : '' };
      return { status: 200, page: editSessionPage(w, frame('home'), { program, session, values }) };
    },
    { load: loadProgram({ kind: 'session', from: 'path' }) },
  ),
  POST: staffPageHandler(
    practice.editSessionSubmit,
    async ({ event, principal, loaded, w, frame, now }) => {
      const { program, session } = programAndSession(event, principal, loaded);
      const posted = formBody(event);
      const again = (problems: readonly { field: string; message: string }[]) => ({ status: 400, page: editSessionPage(w, frame('home'), { program, session, values: posted, problems }) });
      const form = editSessionFormSchema.safeParse(posted);
      if (!form.success) return again([{ field: 'date', message: '' }]);
      const parsed = sessionChangeOfForm(form.data as EditSessionForm, session, { timeZone: principal.tenant.timeZone, now });
      if (!parsed.ok) return again(parsed.problems);
      return orRefused(w, frame('home'), program.programId, async () => {
        await updateSession(principal, program, session, parsed.change, { now });
        return backToProgram(program.programId, parsed.change.archived && !session.archived ? 'sessionArchived' : 'sessionSaved');
      });
    },
    { load: loadProgram({ kind: 'session', from: 'path' }) },
  ),
});
