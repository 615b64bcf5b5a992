import * as directory from '../../../shared/contracts/areas/directory.js';
import { updateProgram, visibleProgram } from '../../../shared/coaching/programs.js';
import { DEFAULT_ASSESSMENT_WEEKS } from '../../../shared/domain/assessments.js';
import { programPathSchema, programUpdateSchema, type ProgramUpdate } from '../../../shared/domain/coaching.js';
import { changedFields, programFormValues, programUpdateOfForm } from '../../../shared/domain/directory-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { byMethod, formBody, formList, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadProgram } from '../programs/load.js';
import { attempt, refused, staleForm } from './forms.js';
import { renderProgramForm } from './program-view.js';

/**
 * A program's settings and status (a coach's own programs; another's is a 404), saved only if the program is still at
 * the version the form showed.
 */
export const handler = byMethod({
  GET: staffPageHandler(
    directory.programEditPage,
    async ({ principal, w, frame, event, loaded }) => {
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      const values = programFormValues(program, DEFAULT_ASSESSMENT_WEEKS);
      const page = await renderProgramForm(principal, w, frame('home'), { clientName: program.client.name, values, sponsorIds: program.sponsorIds, mode: { kind: 'edit', programId: program.programId } });
      return { status: 200, page };
    },
    { load: loadProgram() },
  ),
  POST: staffPageHandler(
    directory.programEditSubmit,
    async ({ principal, w, frame, event, loaded, now }) => {
      const d = directoryWords(w.lang);
      const program = visibleProgram(principal, loaded, pathParams(event, programPathSchema).programId);
      const form = formBody(event);
      const sponsorIds = formList(event, 'sponsorIds');
      // As read, with the self-assessment's default weeks, so leaving them as shown changes nothing.
      const current = { ...program, assessmentEveryWeeks: program.assessmentEveryWeeks ?? DEFAULT_ASSESSMENT_WEEKS };
      const outcome =
        form.version !== String(program.version)
          ? staleForm(d)
          : await attempt(d, principal.tenant.limits.activeClients, async () => {
              const change: ProgramUpdate = changedFields(parseInput(programUpdateSchema, programUpdateOfForm(form, sponsorIds)), current);
              return Object.keys(change).length ? updateProgram(principal, program, change, { now }) : program;
            });
      if (refused(outcome)) {
        const values = { ...form, version: String(program.version) };
        const page = await renderProgramForm(principal, w, frame('home'), { clientName: program.client.name, values, sponsorIds, problems: outcome.problems, mode: { kind: 'edit', programId: program.programId } });
        return { status: outcome.status, page };
      }
      return { status: 303, location: `/app/programs/${program.programId}` };
    },
    { load: loadProgram() },
  ),
});
