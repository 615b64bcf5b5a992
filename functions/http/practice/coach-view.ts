import * as practice from '../../../shared/contracts/areas/practice.js';
import { openedRound, recordCoachView } from '../../../shared/coaching/assessments.js';
import { visibleProgram } from '../../../shared/coaching/programs.js';
import { keys, type Key, type TenantScope } from '../../../shared/db/keys.js';
import { assessmentPathSchema, type Assessment } from '../../../shared/domain/assessments.js';
import { coachViewField, coachViewFormSchema, coachViewOfForm, type CoachViewForm } from '../../../shared/domain/coach-forms.js';
import type { ProgramCollection } from '../../../shared/domain/program.js';
import { ValidationError } from '../../../shared/errors.js';
import { coachViewPage } from '../../../shared/web/coach-forms-page.js';
import { byMethod, formBody, pathParams, type HttpEvent } from '../../middleware/http.js';
import { isId, loadedItem } from '../load.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { backToProgram, collectionOf, orRefused } from './program-pages.js';

/** The round as stored, or (a scheduled one not answered yet) just its day; the domain's rule of which rounds opened. */
const roundOf = (state: Pick<ProgramCollection, 'program' | 'assessments'>, round: string, now: Date): Pick<Assessment, 'round' | 'client' | 'coach'> =>
  openedRound(state, round, now).stored ?? { round };

/** The program and the round's item, read with the session: the form needs nothing else. */
const loadRound = (scope: TenantScope, event: HttpEvent): Key[] => {
  const { programId, round } = event.pathParameters ?? {};
  return isId(programId) && /^\d{4}-\d{2}-\d{2}$/.test(round ?? '') ? [keys.program(scope, programId), keys.assessment(scope, programId, round!)] : [];
};

/**
 * The coach's own view of a self-assessment round (staff only): the form beside what the client said (the program and
 * the round read with the session), and its post, saved by the API's own code (which checks against the collection). A bad field comes back with every typed value.
 */
export const handler = byMethod({
  GET: staffPageHandler(
    practice.coachViewPage,
    async ({ event, principal, loaded, w, frame, now }) => {
      const { programId, round } = pathParams(event, assessmentPathSchema);
      const program = visibleProgram(principal, loaded, programId);
      const stored = loadedItem<Assessment>(loaded, 'Assessment', 'round', round);
      return { status: 200, page: coachViewPage(w, frame('home'), { program, round: roundOf({ program, assessments: stored ? [stored] : [] }, round, now) }) };
    },
    { load: loadRound },
  ),
  POST: staffPageHandler(practice.coachViewSubmit, async ({ event, principal, w, frame, now }) => {
    const { programId, round } = pathParams(event, assessmentPathSchema);
    const collection = await collectionOf(principal, programId);
    const shown = roundOf(collection, round, now);
    const posted = formBody(event);
    const again = (problems: readonly { field: string; message: string }[]) => ({ status: 400, page: coachViewPage(w, frame('home'), { program: collection.program, round: shown, values: posted, problems }) });
    const form = coachViewFormSchema.safeParse(posted);
    if (!form.success) return again([{ field: 'stage-0', message: '' }]);
    const parsed = coachViewOfForm(form.data as CoachViewForm);
    if (!parsed.ok) return again(parsed.problems);
    return orRefused(w, frame('home'), programId, async () => {
      try {
        await recordCoachView(principal, collection, round, parsed.view, now);
      } catch (error) {
        // A competency the program does not name (a stale form): checked before anything is written.
        if (error instanceof ValidationError && error.fields) return again(error.fields.map((f) => ({ ...f, field: coachViewField(f.field, parsed.rows) })));
        throw error;
      }
      return backToProgram(programId, 'coachView');
    });
  }),
});
