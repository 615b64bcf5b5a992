import * as directory from '../../../shared/contracts/areas/directory.js';
import { updateClient, visibleClient } from '../../../shared/coaching/clients.js';
import { clientPathSchema, clientUpdateSchema } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { clientIn, loadClient, renderClientPage } from './client-view.js';
import { attempt, refused } from './forms.js';

/** Moves a client, with their programs, to another active coach of the firm (owners and admins). */
export const handler = staffPageHandler(
  directory.clientReassign,
  async ({ principal, w, frame, event, loaded, now }) => {
    const client = visibleClient(principal, clientIn(loaded, pathParams(event, clientPathSchema).clientId));
    const form = formBody(event);
    const outcome = await attempt(directoryWords(w.lang), principal.tenant.limits.activeClients, async () => {
      const { coachId } = parseInput(clientUpdateSchema, { coachId: form.coachId ?? '' });
      return coachId === client.coachId ? undefined : updateClient(principal, client, { coachId }, { now });
    });
    if (refused(outcome)) return { status: outcome.status, page: await renderClientPage(principal, w, frame('clients'), client, { problems: outcome.problems }) };
    return { status: 303, location: `/app/clients/${client.clientId}?done=${outcome.done ? 'reassigned' : 'unchanged'}` };
  },
  loadClient,
);
