import * as directory from '../../../shared/contracts/areas/directory.js';
import { createSponsor } from '../../../shared/coaching/clients.js';
import { sponsorCreateSchema } from '../../../shared/domain/coaching.js';
import { sponsorCreateOfForm } from '../../../shared/domain/directory-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { formProblems } from '../../../shared/web/directory-parts.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { newSponsorPage, SPONSOR_CONTROLS } from '../../../shared/web/sponsor-pages.js';
import { byMethod, formBody } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { attempt, refused } from './forms.js';

/** The new sponsor form. */
export const handler = byMethod({
  GET: staffPageHandler(directory.sponsorNewPage, async ({ principal, w, frame }) => {
    const values = { locale: principal.tenant.locale, timeZone: principal.tenant.timeZone };
    return { status: 200, page: newSponsorPage(w, directoryWords(w.lang), frame('sponsors'), { values }) };
  }),
  POST: staffPageHandler(directory.sponsorCreate, async ({ principal, w, frame, event, now }) => {
    const d = directoryWords(w.lang);
    const form = formBody(event);
    const outcome = await attempt(d, principal.tenant.limits.activeClients, () => createSponsor(principal, parseInput(sponsorCreateSchema, sponsorCreateOfForm(form)), { now }));
    if (refused(outcome)) return { status: outcome.status, page: newSponsorPage(w, d, frame('sponsors'), { values: form, problems: formProblems(w, d, outcome.problems, SPONSOR_CONTROLS) }) };
    return { status: 303, location: `/app/sponsors/${outcome.done.sponsorId}?done=created` };
  }),
});
