import * as directory from '../../../shared/contracts/areas/directory.js';
import { visibleClient } from '../../../shared/coaching/clients.js';
import { createProgram } from '../../../shared/coaching/programs.js';
import { keys } from '../../../shared/db/keys.js';
import { DEFAULT_ASSESSMENT_WEEKS } from '../../../shared/domain/assessments.js';
import { programCreateSchema, type Client } from '../../../shared/domain/coaching.js';
import { programCreateOfForm } from '../../../shared/domain/directory-forms.js';
import { localDate } from '../../../shared/domain/program.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { archivedClientPage } from '../../../shared/web/program-settings-page.js';
import { byMethod, formBody, formList } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadedItem } from '../load.js';
import { attempt, loadFromForm, loadFromQuery, refused } from './forms.js';
import { renderProgramForm } from './program-view.js';

const clientIn = (loaded: readonly Record<string, unknown>[], clientId: string | undefined) => loadedItem<Client>(loaded, 'Client', 'clientId', clientId);

/** A new program for a client (named by the query, then by the form), read with the session; on to its page. */
export const handler = byMethod({
  GET: staffPageHandler(
    directory.programNewPage,
    async ({ principal, w, frame, event, loaded, now }) => {
      const client = visibleClient(principal, clientIn(loaded, event.queryStringParameters?.clientId));
      if (client.status !== 'active') return { status: 200, page: archivedClientPage(w, directoryWords(w.lang), frame('clients'), client) };
      const { reportDefaults, timeZone } = principal.tenant;
      const values = { startDate: localDate(now, timeZone), reportCadence: reportDefaults.cadence, sharingLevel: reportDefaults.sharingLevel, assessmentEveryWeeks: String(DEFAULT_ASSESSMENT_WEEKS) };
      const page = await renderProgramForm(principal, w, frame('clients'), { clientName: client.name, values, sponsorIds: [], mode: { kind: 'new', clientId: client.clientId } });
      return { status: 200, page };
    },
    { load: loadFromQuery('clientId', keys.client) },
  ),
  POST: staffPageHandler(
    directory.programCreate,
    async ({ principal, w, frame, event, loaded, now }) => {
      const form = formBody(event);
      const client = visibleClient(principal, clientIn(loaded, form.clientId));
      const sponsorIds = formList(event, 'sponsorIds');
      const outcome = await attempt(directoryWords(w.lang), principal.tenant.limits.activeClients, () =>
        createProgram(principal, client, parseInput(programCreateSchema, programCreateOfForm(form, sponsorIds)), { now }),
      );
      if (refused(outcome)) {
        const page = await renderProgramForm(principal, w, frame('clients'), { clientName: client.name, values: form, sponsorIds, problems: outcome.problems, mode: { kind: 'new', clientId: client.clientId } });
        return { status: outcome.status, page };
      }
      return { status: 303, location: `/app/programs/${outcome.done.programId}` };
    },
    { load: loadFromForm('clientId', keys.client) },
  ),
});
