import * as practice from '../../../shared/contracts/areas/practice.js';
import { actionNotFound, logObstacle, staffContext } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { keys, type TenantScope } from '../../../shared/db/keys.js';
import { logObstacleFormSchema, obstacleOfForm, type ActionForm } from '../../../shared/domain/action-forms.js';
import type { Action } from '../../../shared/domain/coaching.js';
import { programPagePathSchema } from '../../../shared/domain/program-forms.js';
import { byMethod, formBody, pathParams, type HttpEvent } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { isId } from '../load.js';
import { loadedChild, loadProgram } from '../programs/load.js';
import { renderActionPage } from './action-history.js';
import { orRefused } from './program-pages.js';

/** The program and the action the form names (a form field, not JSON), read with the session. */
const programAndPostedAction = (scope: TenantScope, event: HttpEvent) => {
  const found = [...loadProgram()(scope, event)];
  const programId = event.pathParameters?.programId;
  let actionId: string | undefined;
  try {
    actionId = formBody(event).actionId;
  } catch {
    actionId = undefined;
  }
  if (found.length && isId(actionId) && isId(programId)) found.push(keys.action(scope, programId, actionId));
  return found;
};

/** Logging an obstacle for an action from its page (the API's own logObstacle); it joins the next session's agenda. */
export const handler = byMethod({
  POST: staffPageHandler(
    practice.logObstacleSubmit,
    async ({ event, principal, loaded, w, frame, now }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPagePathSchema).programId);
      const posted = formBody(event);
      const form = logObstacleFormSchema.safeParse(posted);
      const action = loadedChild<Action>(loaded, 'Action', 'actionId', form.success ? form.data.actionId : undefined);
      // An action not of this program (or no action) names nothing here.
      if (!action) throw actionNotFound();
      const obstacle = form.success ? obstacleOfForm(form.data as ActionForm) : { ok: false as const, problems: [{ field: '', message: '' }] };
      if (!obstacle.ok) return { status: 400, page: await renderActionPage(principal, w, frame('home'), program, action, { forms: { obstacle: posted, problems: obstacle.problems } }) };
      return orRefused(w, frame('home'), program.programId, async () => {
        await logObstacle(staffContext(principal, program, now), action, obstacle.value);
        return { status: 303, location: `/app/programs/${program.programId}/actions/${action.actionId}?done=obstacle` };
      });
    },
    { load: programAndPostedAction },
  ),
});
