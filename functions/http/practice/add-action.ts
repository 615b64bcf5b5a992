import * as practice from '../../../shared/contracts/areas/practice.js';
import { addAction, AlreadyRecorded, staffContext } from '../../../shared/coaching/actions.js';
import { actionIdSchema } from '../../../shared/domain/coaching.js';
import { newId } from '../../../shared/ids.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { actionCreateOfForm, addActionFormSchema, type ActionForm } from '../../../shared/domain/action-forms.js';
import { programPagePathSchema } from '../../../shared/domain/program-forms.js';
import { ValidationError } from '../../../shared/errors.js';
import { newActionPage } from '../../../shared/web/action-forms-page.js';
import { byMethod, formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadProgram } from '../programs/load.js';
import { orRefused } from './program-pages.js';

/**
 * Adding an action outside a session: the form (the program read with the session) and its post, parsed by the API's
 * own schema and added by the API's own code; then the new action's page. A bad field comes back with every typed value.
 */
export const handler = byMethod({
  GET: staffPageHandler(
    practice.addActionPage,
    async ({ event, principal, loaded, w, frame, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPagePathSchema).programId);
      return { status: 200, page: newActionPage(w, frame('home'), { program, values: { changeId: newId(now.getTime()) } }) };
    },
    { load: loadProgram() },
  ),
  POST: staffPageHandler(
    practice.addActionSubmit,
    async ({ event, principal, loaded, w, frame, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPagePathSchema).programId);
      const posted = formBody(event);
      const again = (problems: readonly { field: string; message: string }[]) => ({ status: 400, page: newActionPage(w, frame('home'), { program, values: posted, problems }) });
      const form = addActionFormSchema.safeParse(posted);
      if (!form.success) return again([{ field: '', message: '' }]);
      const draft = actionCreateOfForm(form.data as ActionForm);
      if (!draft.ok) return again(draft.problems);
      return orRefused(w, frame('home'), program.programId, async () => {
        // The id the form was shown with (a form without a good one still adds, just without that guard).
        const changeId = actionIdSchema().safeParse(posted.changeId);
        try {
          const { action } = await addAction(staffContext(principal, program, now), draft.value, changeId.success ? changeId.data : undefined);
          return { status: 303, location: `/app/programs/${program.programId}/actions/${action!.actionId}?done=added` };
        } catch (error) {
          // The same form sent twice: the first added the action (it took the form's id); this one answers the same.
          if (error instanceof AlreadyRecorded) return { status: 303, location: `/app/programs/${program.programId}/actions/${error.changeId}?done=added` };
          // A competency the program does not name: checked by the domain before anything is written.
          if (error instanceof ValidationError && error.fields) return again(error.fields);
          throw error;
        }
      });
    },
    { load: loadProgram() },
  ),
});
