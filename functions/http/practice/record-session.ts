import * as practice from '../../../shared/contracts/areas/practice.js';
import { recordSession, visibleProgram } from '../../../shared/coaching/programs.js';
import { programPagePathSchema, recordSessionFormSchema, rowField, sessionOfForm, type RecordSessionForm } from '../../../shared/domain/program-forms.js';
import { localDay } from '../../../shared/domain/reminders.js';
import { sessionIdSchema } from '../../../shared/domain/coaching.js';
import { ConflictError, ValidationError } from '../../../shared/errors.js';
import { newId } from '../../../shared/ids.js';
import { recordSessionPage } from '../../../shared/web/session-form-page.js';
import { byMethod, formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadProgram } from '../programs/load.js';
import { backToProgram, orRefused } from './program-pages.js';

/**
 * Recording a session from the staff web app: the form (the program read with the session), and its post, mapped onto
 * the API's own schema and recorded by the API's own code (the client gets the capture email). A bad field comes back
 * with its message and every typed value, and nothing is written.
 */
export const handler = byMethod({
  GET: staffPageHandler(
    practice.recordSessionPage,
    async ({ event, principal, loaded, w, frame, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPagePathSchema).programId);
      const values = { date: localDay(now, principal.tenant.timeZone), sessionId: newId(now.getTime()) };
      return { status: 200, page: recordSessionPage(w, frame('home'), { program, values }) };
    },
    { load: loadProgram() },
  ),
  POST: staffPageHandler(
    practice.recordSessionSubmit,
    async ({ event, principal, loaded, w, frame, now, appUrl, log }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPagePathSchema).programId);
      const posted = formBody(event);
      const again = (problems: readonly { field: string; message: string }[]) => ({ status: 400, page: recordSessionPage(w, frame('home'), { program, values: posted, problems }) });
      const form = recordSessionFormSchema.safeParse(posted);
      if (!form.success) return again([{ field: '', message: '' }]);
      const parsed = sessionOfForm(form.data as RecordSessionForm, { timeZone: principal.tenant.timeZone, now });
      if (!parsed.ok) return again(parsed.problems);
      // The id the form was shown with (a form without a good one still records, just without that guard).
      const sessionId = sessionIdSchema().safeParse(posted.sessionId);
      return orRefused(w, frame('home'), program.programId, async () => {
        try {
          const recorded = await recordSession(principal, program, parsed.session, { now, appUrl, log }, sessionId.success ? { sessionId: sessionId.data } : {});
          return backToProgram(program.programId, recorded.email === 'sent' ? 'session' : 'sessionNoEmail');
        } catch (error) {
          // The same form sent twice (a double click, a reload of the post): the first recorded it; so does this one.
          if (error instanceof ConflictError && error.reason === 'already-recorded') return backToProgram(program.programId, 'session');
          // A competency the program does not name: checked by the domain before anything is written.
          if (error instanceof ValidationError && error.fields) return again(error.fields.map((f) => ({ ...f, field: rowField(f.field, parsed.rows) })));
          throw error;
        }
      });
    },
    { load: loadProgram() },
  ),
});
