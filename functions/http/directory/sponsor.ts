import * as directory from '../../../shared/contracts/areas/directory.js';
import { sponsorOf, updateSponsor } from '../../../shared/coaching/clients.js';
import { keys } from '../../../shared/db/keys.js';
import { sponsorPathSchema, sponsorUpdateSchema, type Sponsor, type SponsorUpdate } from '../../../shared/domain/coaching.js';
import { changedFields, sponsorFormValues, sponsorUpdateOfForm } from '../../../shared/domain/directory-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { formProblems } from '../../../shared/web/directory-parts.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { sponsorPage, SPONSOR_CONTROLS } from '../../../shared/web/sponsor-pages.js';
import { byMethod, formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { loadedItem, loadNamed } from '../load.js';
import { attempt, refused, staleForm } from './forms.js';

/** The sponsor the path names, read with the session (its one BatchGet). */
const load = { load: loadNamed('sponsorId', 'path', keys.sponsor) };
const sponsorIn = (loaded: readonly Record<string, unknown>[], sponsorId: string) => sponsorOf(loadedItem<Sponsor>(loaded, 'Sponsor', 'sponsorId', sponsorId));
const DONE = ['created', 'saved', 'archived', 'reactivated', 'unchanged'];

/** One sponsor of the firm: their details to change; archive or reactivate them. */
export const handler = byMethod({
  GET: staffPageHandler(
    directory.sponsorPage,
    async ({ w, frame, event, loaded }) => {
      const sponsor = sponsorIn(loaded, pathParams(event, sponsorPathSchema).sponsorId);
      const done = event.queryStringParameters?.done;
      return { status: 200, page: sponsorPage(w, directoryWords(w.lang), frame('sponsors'), { sponsor, values: sponsorFormValues(sponsor), ...(DONE.includes(done ?? '') ? { done } : {}) }) };
    },
    load,
  ),
  POST: staffPageHandler(
    directory.sponsorSubmit,
    async ({ principal, w, frame, event, loaded, now }) => {
      const d = directoryWords(w.lang);
      const sponsor = sponsorIn(loaded, pathParams(event, sponsorPathSchema).sponsorId);
      const form = formBody(event);
      const intent = form.intent === 'archive' || form.intent === 'reactivate' ? form.intent : 'save';
      const values = intent === 'save' ? { ...form, version: String(sponsor.version) } : sponsorFormValues(sponsor);
      const outcome =
        form.version !== String(sponsor.version)
          ? staleForm(d)
          : await attempt(d, principal.tenant.limits.activeClients, async () => {
              const change: SponsorUpdate =
                intent === 'save' ? changedFields(parseInput(sponsorUpdateSchema, sponsorUpdateOfForm(form)), sponsor) : { status: intent === 'archive' ? 'archived' : 'active' };
              return Object.keys(change).length ? updateSponsor(principal, sponsor, change, { now }) : undefined;
            });
      if (refused(outcome)) return { status: outcome.status, page: sponsorPage(w, d, frame('sponsors'), { sponsor, values, problems: formProblems(w, d, outcome.problems, SPONSOR_CONTROLS) }) };
      const done = !outcome.done ? 'unchanged' : intent === 'save' ? 'saved' : `${intent}d`;
      return { status: 303, location: `/app/sponsors/${sponsor.sponsorId}?done=${done}` };
    },
    load,
  ),
});
