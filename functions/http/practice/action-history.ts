import * as practice from '../../../shared/contracts/areas/practice.js';
import { actionHistory, actionNotFound, changeAction, staffContext } from '../../../shared/coaching/actions.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import type { StaffPrincipal } from '../../../shared/domain/access.js';
import { actionPageQuerySchema, actionUpdateOfForm, changeActionFormSchema, formIsCurrent, type ActionForm } from '../../../shared/domain/action-forms.js';
import type { Action, Program } from '../../../shared/domain/coaching.js';
import { actionHistoryPathSchema } from '../../../shared/domain/program-forms.js';
import { NotFoundError, ValidationError } from '../../../shared/errors.js';
import { actionForms, actionNotice, staleActionPage, type ActionFormsInput } from '../../../shared/web/action-forms-page.js';
import type { AppFrame } from '../../../shared/web/app-layout.js';
import type { AppWords } from '../../../shared/web/app-words.js';
import { actionHistoryPage } from '../../../shared/web/session-form-page.js';
import { byMethod, formBody, pathParams, type HttpEvent } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadedChild, loadProgram } from '../programs/load.js';
import { orRefused } from './program-pages.js';

/** Changes shown per page of an action's history. */
const HISTORY_PAGE = 25;

/** The program and action the path names, read with the session (else a 404). */
export function actionOfPath(event: HttpEvent, principal: StaffPrincipal, loaded: readonly Record<string, unknown>[]) {
  const { programId, actionId } = pathParams(event, actionHistoryPathSchema);
  const program = visibleProgram(principal, loaded, programId);
  const action = loadedChild<Action>(loaded, 'Action', 'actionId', actionId);
  if (!action) throw actionNotFound();
  return { program, action };
}

/** The action's page: its forms, then a page of its history (its obstacles' too), the page's one Query. */
export async function renderActionPage(
  principal: StaffPrincipal,
  w: AppWords,
  frame: AppFrame,
  program: Program,
  action: Action,
  opts: { cursor?: string; done?: string; forms?: Omit<ActionFormsInput, 'program' | 'action'> } = {},
) {
  let page;
  try {
    page = await actionHistory(principal.scope, program.programId, action.actionId, HISTORY_PAGE, opts.cursor);
  } catch (error) {
    // A cursor that is not one of this history's pages names nothing.
    if (error instanceof ValidationError) throw new NotFoundError('No such page of this history');
    throw error;
  }
  const notice = actionNotice(w, opts.done);
  return actionHistoryPage(w, frame, {
    program,
    action,
    changes: page.items,
    ...(page.next ? { next: page.next } : {}),
    paged: !!opts.cursor,
    timeZone: principal.tenant.timeZone,
    ...(notice ? { notice } : {}),
    forms: actionForms(w, { program, action, ...opts.forms }),
  });
}

const load = { load: loadProgram({ kind: 'action', from: 'path' }) };

/**
 * An action's page (its history a page at a time, with forms to change it and to log an obstacle), and the change
 * posted from it: the API's own change (changeAction), only if the action is still at the version the form showed.
 */
export const handler = byMethod({
  GET: staffPageHandler(
    practice.actionHistoryPage,
    async ({ event, principal, loaded, w, frame }) => {
      const { program, action } = actionOfPath(event, principal, loaded);
      const query = actionPageQuerySchema.safeParse(event.queryStringParameters ?? {});
      const opts = query.success ? { ...(query.data.cursor ? { cursor: query.data.cursor } : {}), ...(query.data.done ? { done: query.data.done } : {}) } : {};
      return { status: 200, page: await renderActionPage(principal, w, frame('home'), program, action, opts) };
    },
    load,
  ),
  POST: staffPageHandler(
    practice.changeActionSubmit,
    async ({ event, principal, loaded, w, frame, now }) => {
      const { program, action } = actionOfPath(event, principal, loaded);
      const posted = formBody(event);
      const again = async (problems: readonly { field: string; message: string }[]) => ({ status: 400, page: await renderActionPage(principal, w, frame('home'), program, action, { forms: { values: posted, problems } }) });
      const form = changeActionFormSchema.safeParse(posted);
      if (!form.success) return again([{ field: '', message: '' }]);
      // The form showed an older action (the client or a colleague changed it since): nothing is written.
      if (!formIsCurrent(form.data as ActionForm, action)) return { status: 409, page: staleActionPage(w, frame('home'), program.programId, action.actionId) };
      const update = actionUpdateOfForm(form.data as ActionForm);
      if (!update.ok) return again(update.problems);
      const back = (done: string) => ({ status: 303, location: `/app/programs/${program.programId}/actions/${action.actionId}?done=${done}` });
      return orRefused(w, frame('home'), program.programId, async () => {
        try {
          await changeAction(staffContext(principal, program, now), action, update.value);
          return back('changed');
        } catch (error) {
          if (!(error instanceof ValidationError && error.fields)) throw error;
          // Every field as it was: nothing to record.
          if (error.fields.some((f) => f.field === '')) return back('unchanged');
          // A competency the program does not name: checked before anything is written.
          return again(error.fields);
        }
      });
    },
    load,
  ),
});
