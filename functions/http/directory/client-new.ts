import * as directory from '../../../shared/contracts/areas/directory.js';
import { createClient } from '../../../shared/coaching/clients.js';
import { activeStaff } from '../../../shared/db/firm.js';
import { can, type StaffPrincipal } from '../../../shared/domain/access.js';
import { clientCreateSchema } from '../../../shared/domain/coaching.js';
import { clientCreateOfForm } from '../../../shared/domain/directory-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { AppFrame } from '../../../shared/web/app-layout.js';
import type { AppWords } from '../../../shared/web/app-words.js';
import { CLIENT_CONTROLS, newClientPage } from '../../../shared/web/client-pages.js';
import { formProblems, type Values } from '../../../shared/web/directory-parts.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { byMethod, formBody } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { attempt, refused } from './forms.js';

/** The new client form; a coach adds clients for themselves, owners and admins choose the coach. */
async function formPage(principal: StaffPrincipal, w: AppWords, frame: AppFrame, values: Values, problems?: readonly FieldIssue[]) {
  const d = directoryWords(w.lang);
  const coaches = can(principal.role, 'clients:assign') ? await activeStaff(principal.scope) : undefined;
  return newClientPage(w, d, frame, { values, ...(coaches ? { coaches } : {}), problems: formProblems(w, d, problems, CLIENT_CONTROLS) });
}

export const handler = byMethod({
  GET: staffPageHandler(directory.clientNewPage, async ({ principal, w, frame }) => {
    const { tenant } = principal;
    const values = { locale: tenant.locale, timeZone: tenant.timeZone, 'emailPreferences.reminders': 'daily', 'emailPreferences.hour': String(tenant.reminderPolicy.digestHour), coachId: principal.userId };
    return { status: 200, page: await formPage(principal, w, frame('clients'), values) };
  }),
  POST: staffPageHandler(directory.clientCreate, async ({ principal, w, frame, event, now }) => {
    const form = formBody(event);
    const outcome = await attempt(directoryWords(w.lang), principal.tenant.limits.activeClients, () => createClient(principal, parseInput(clientCreateSchema, clientCreateOfForm(form)), { now }));
    if (refused(outcome)) return { status: outcome.status, page: await formPage(principal, w, frame('clients'), form, outcome.problems) };
    return { status: 303, location: `/app/clients/${outcome.done.clientId}?done=created` };
  }),
});
