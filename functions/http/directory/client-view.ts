import { listProgramsFor } from '../../../shared/coaching/programs.js';
import { activeStaff } from '../../../shared/db/firm.js';
import { keys } from '../../../shared/db/keys.js';
import { can, type StaffPrincipal } from '../../../shared/domain/access.js';
import type { Client } from '../../../shared/domain/coaching.js';
import { clientFormValues } from '../../../shared/domain/directory-forms.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { AppFrame } from '../../../shared/web/app-layout.js';
import type { AppWords } from '../../../shared/web/app-words.js';
import { CLIENT_CONTROLS, clientDetailsPage } from '../../../shared/web/client-pages.js';
import { formProblems, type Values } from '../../../shared/web/directory-parts.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { loadedItem, loadNamed } from '../load.js';

/** The client the path names, read with the session (its one BatchGet). */
export const loadClient = { load: loadNamed('clientId', 'path', keys.client) };
export const clientIn = (loaded: readonly Record<string, unknown>[], clientId: string) => loadedItem<Client>(loaded, 'Client', 'clientId', clientId);

/**
 * A client's page: its programs (one Query of the client's programs) and, for owners and admins, the coaches to move
 * the client to (one Query of the firm's staff), side by side.
 */
export async function renderClientPage(
  principal: StaffPrincipal,
  w: AppWords,
  frame: AppFrame,
  client: Client,
  opts: { values?: Values; problems?: readonly FieldIssue[]; done?: string } = {},
) {
  const d = directoryWords(w.lang);
  const [programs, coaches] = await Promise.all([
    listProgramsFor(principal, { clientId: client.clientId, limit: 50 }),
    can(principal.role, 'clients:assign') ? activeStaff(principal.scope) : undefined,
  ]);
  return clientDetailsPage(w, d, frame, {
    client,
    programs: programs.items,
    ...(coaches ? { coaches } : {}),
    values: opts.values ?? clientFormValues(client),
    problems: formProblems(w, d, opts.problems, CLIENT_CONTROLS),
    ...(opts.done ? { done: opts.done } : {}),
    userName: principal.name,
  });
}
