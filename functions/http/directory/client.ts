import * as directory from '../../../shared/contracts/areas/directory.js';
import { updateClient, visibleClient } from '../../../shared/coaching/clients.js';
import { clientPathSchema, clientUpdateSchema, type ClientUpdate } from '../../../shared/domain/coaching.js';
import { changedFields, clientUpdateOfForm } from '../../../shared/domain/directory-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { byMethod, formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { clientIn, loadClient, renderClientPage } from './client-view.js';
import { attempt, refused, staleForm } from './forms.js';

const DONE = ['created', 'saved', 'archived', 'reactivated', 'reassigned', 'unchanged'];

/** One client: their details to change, archive or reactivate them, their programs; owners and admins move them. */
export const handler = byMethod({
  GET: staffPageHandler(
    directory.clientDetailsPage,
    async ({ principal, w, frame, event, loaded }) => {
      const client = visibleClient(principal, clientIn(loaded, pathParams(event, clientPathSchema).clientId));
      const done = event.queryStringParameters?.done;
      return { status: 200, page: await renderClientPage(principal, w, frame('clients'), client, DONE.includes(done ?? '') ? { done } : {}) };
    },
    loadClient,
  ),
  POST: staffPageHandler(
    directory.clientDetailsSubmit,
    async ({ principal, w, frame, event, loaded, now }) => {
      const client = visibleClient(principal, clientIn(loaded, pathParams(event, clientPathSchema).clientId));
      const form = formBody(event);
      const intent = form.intent === 'archive' || form.intent === 'reactivate' ? form.intent : 'save';
      // The details as typed stay in their form whatever was sent; the record's own when the archive button was.
      const values = intent === 'save' ? { ...form, version: String(client.version) } : undefined;
      const again = (status: 400 | 409, problems: { field: string; message: string }[]) =>
        renderClientPage(principal, w, frame('clients'), client, { ...(values ? { values } : {}), problems }).then((page) => ({ status, page }));
      if (form.version !== String(client.version)) {
        const stale = staleForm(directoryWords(w.lang));
        return again(stale.status, stale.problems);
      }
      const outcome = await attempt(directoryWords(w.lang), principal.tenant.limits.activeClients, async () => {
        const change: ClientUpdate =
          intent === 'save'
            ? changedFields(parseInput(clientUpdateSchema, clientUpdateOfForm(form)), client)
            : { status: intent === 'archive' ? 'archived' : 'active' };
        return Object.keys(change).length ? updateClient(principal, client, change, { now }) : undefined;
      });
      if (refused(outcome)) return again(outcome.status, outcome.problems);
      const done = !outcome.done ? 'unchanged' : intent === 'save' ? 'saved' : `${intent}d`;
      return { status: 303, location: `/app/clients/${client.clientId}?done=${done}` };
    },
    loadClient,
  ),
});
