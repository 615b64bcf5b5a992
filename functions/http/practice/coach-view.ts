import * as practice from '../../../shared/contracts/areas/practice.js';
import { recordCoachView } from '../../../shared/coaching/assessments.js';
import { assessmentPathSchema, cadenceOf, scheduledKindOn, type Assessment } from '../../../shared/domain/assessments.js';
import { coachViewField, coachViewFormSchema, coachViewOfForm, type CoachViewForm } from '../../../shared/domain/coach-forms.js';
import { clientToday } from '../../../shared/coaching/assessment-rounds.js';
import type { ProgramCollection } from '../../../shared/domain/program.js';
import { NotFoundError, ValidationError } from '../../../shared/errors.js';
import { coachViewPage } from '../../../shared/web/coach-forms-page.js';
import { byMethod, formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { backToProgram, collectionOf, orRefused } from './program-pages.js';

/** The round as stored, or (a scheduled one not answered yet) just its day; a round still to come, or none that day, is not there. */
const roundOf = (collection: ProgramCollection, round: string, now: Date): Pick<Assessment, 'round' | 'client' | 'coach'> => {
  const stored = collection.assessments?.find((a) => a.round === round);
  const opened = round <= clientToday(collection.program, now) && (stored || scheduledKindOn(cadenceOf(collection.program), round));
  if (!opened) throw new NotFoundError('No self-assessment round of this program opened on that day');
  return stored ?? { round };
};

/**
 * The coach's own view of a self-assessment round (staff only): the form beside what the client said (the program's
 * collection, one Query), and its post, saved by the API's own code. A bad field comes back with every typed value.
 */
export const handler = byMethod({
  GET: staffPageHandler(practice.coachViewPage, async ({ event, principal, w, frame, now }) => {
    const { programId, round } = pathParams(event, assessmentPathSchema);
    const collection = await collectionOf(principal, programId);
    return { status: 200, page: coachViewPage(w, frame('home'), { program: collection.program, round: roundOf(collection, round, now) }) };
  }),
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
