import type { Client, Program } from '../domain/coaching.js';
import type { StaffUser } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { input, postForm, select } from './app-forms.js';
import { choicesOf, hiddenField, notice, pager, personFields, statusWord, type Values } from './directory-parts.js';
import type { DirectoryWords } from './directory-words.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';

/** The staff web app's client pages: the list, the new client form, and a client's own page. */
export type Coach = Pick<StaffUser, 'userId' | 'name'>;

export const CLIENT_CONTROLS = ['name', 'email', 'organisation', 'locale', 'timeZone', 'coachId', 'emailPreferences.reminders', 'emailPreferences.hour'];

const coachName = (coaches: readonly Coach[] | undefined, coachId: string, fallback: string) => coaches?.find((c) => c.userId === coachId)?.name ?? fallback;

const coachChoice = (d: DirectoryWords, coaches: readonly Coach[], values: Values, problems: readonly FieldIssue[], id?: string) =>
  select({ name: 'coachId', ...(id ? { id } : {}), label: d.labels.coachId, options: coaches.map((c) => ({ value: c.userId, label: c.name })), value: values.coachId, problems });

function clientFields(d: DirectoryWords, values: Values, problems: readonly FieldIssue[]): Html {
  return html`${personFields(d, values, problems)}
${select({ name: 'emailPreferences.reminders', label: d.labels.reminders, options: choicesOf(d.reminders), value: values['emailPreferences.reminders'], problems })}
${input({ name: 'emailPreferences.hour', label: d.labels.hour, type: 'number', min: 0, max: 23, value: values['emailPreferences.hour'], problems })}`;
}

export interface ClientListInput {
  clients: readonly Client[];
  /** Owners and admins: the firm's active staff, to filter by and to name each client's coach. */
  coaches?: readonly Coach[];
  filter: { coachId?: string; status?: string };
  next?: string;
  paged: boolean;
}

export function clientListPage(w: AppWords, d: DirectoryWords, frame: AppFrame, input: ClientListInput): Page {
  const { clients, coaches, filter } = input;
  const filterForm = html`<form method="get" action="/app/clients" class="actions-row" aria-label="${d.filterLegend}">${
    coaches
      ? html`<div>${select({ name: 'coachId', label: d.labels.coachId, options: [{ value: '', label: d.anyCoach }, ...coaches.map((c) => ({ value: c.userId, label: c.name }))], value: filter.coachId ?? '' })}</div>`
      : ''
  }<div>${select({ name: 'status', label: d.columns.status, options: [{ value: '', label: d.anyStatus }, { value: 'active', label: d.status.active! }, { value: 'archived', label: d.status.archived! }], value: filter.status ?? '' })}</div><button type="submit" class="secondary">${d.filterButton}</button></form>`;
  const rows = clients.map(
    (c) =>
      html`<tr><td><a href="/app/clients/${c.clientId}">${c.name}</a></td><td>${c.organisation ?? ''}</td>${coaches ? html`<td>${coachName(coaches, c.coachId, '–')}</td>` : ''}<td>${statusWord(d, c.status)}</td></tr>`,
  );
  return renderAppPage(
    w,
    frame,
    d.clientsTitle,
    html`<h1>${d.clientsTitle}</h1><p><a href="/app/clients/new">${d.newClient}</a></p>${filterForm}
${clients.length ? html`<div class="scroll"><table><thead><tr><th scope="col">${d.columns.name}</th><th scope="col">${d.columns.organisation}</th>${coaches ? html`<th scope="col">${d.columns.coach}</th>` : ''}<th scope="col">${d.columns.status}</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p>${d.noClients}</p>`}
${pager(d, '/app/clients', filter, input.next, input.paged)}`,
  );
}

export function newClientPage(w: AppWords, d: DirectoryWords, frame: AppFrame, opts: { values: Values; coaches?: readonly Coach[]; problems?: readonly FieldIssue[] }): Page {
  const problems = opts.problems ?? [];
  return renderAppPage(
    w,
    frame,
    d.newClientTitle,
    html`<h1>${d.newClientTitle}</h1>${errorSummary(w, problems)}
${postForm('/app/clients', html`${clientFields(d, opts.values, problems)}${opts.coaches ? coachChoice(d, opts.coaches, opts.values, problems) : html`<p class="hint">${d.coachesOnly}</p>`}`, d.addClient)}`,
  );
}

export interface ClientPageInput {
  client: Client;
  programs: readonly Program[];
  /** Owners and admins: the firm's active staff, to move the client to. */
  coaches?: readonly Coach[];
  /** The details form's values (the client's, or what was typed). */
  values: Values;
  problems?: readonly FieldIssue[];
  done?: string;
  /** The user's own name (a coach sees only their own clients). */
  userName: string;
}

export function clientDetailsPage(w: AppWords, d: DirectoryWords, frame: AppFrame, input: ClientPageInput): Page {
  const { client, programs, coaches } = input;
  const problems = input.problems ?? [];
  const path = `/app/clients/${client.clientId}`;
  const archived = client.status === 'archived';
  const version = hiddenField('version', input.values.version ?? String(client.version));
  const programRows = programs.map(
    (p) =>
      html`<tr><td><a href="/app/programs/${p.programId}">${p.title}</a></td><td>${p.startDate}${p.endDate ? html` – ${p.endDate}` : ''}</td><td>${statusWord(d, p.status)}</td><td><a href="/app/programs/${p.programId}/edit" aria-label="${d.editProgram}: ${p.title}">${d.editProgram}</a></td></tr>`,
  );
  return renderAppPage(
    w,
    frame,
    client.name,
    html`<h1>${client.name}</h1>${notice(input.done ? d.done[input.done] : undefined)}${errorSummary(w, problems)}
<p>${d.columns.coach}: ${coachName(coaches, client.coachId, input.userName)} · ${d.columns.status}: ${statusWord(d, client.status)}</p>${archived ? html`<p class="private">${d.archivedNote}</p>` : ''}
<h2>${d.programsTitle}</h2>
${programs.length ? html`<div class="scroll"><table><thead><tr><th scope="col">${d.columns.program}</th><th scope="col">${d.columns.dates}</th><th scope="col">${d.columns.status}</th><th scope="col">${d.editProgram}</th></tr></thead><tbody>${programRows}</tbody></table></div>` : html`<p>${d.noPrograms}</p>`}
${archived ? '' : html`<p><a href="/app/programs/new?clientId=${client.clientId}">${d.newProgramForClient}</a></p>`}
<h2>${d.detailsTitle}</h2>
${postForm(path, html`${hiddenField('intent', 'save')}${version}${clientFields(d, input.values, problems)}`, d.save)}
<h2>${archived ? d.reactivate : d.archive}</h2><p class="hint">${d.archiveClientHint}</p>
${postForm(path, html`${hiddenField('intent', archived ? 'reactivate' : 'archive')}${version}`, archived ? d.reactivate : d.archive, { secondary: true, label: archived ? d.reactivate : d.archive })}
${coaches ? html`<h2>${d.reassignTitle}</h2><p class="hint">${d.reassignHint}</p>${postForm(`${path}/coach`, coachChoice(d, coaches, { coachId: client.coachId }, problems, 'coachId'), d.reassignButton, { label: d.reassignTitle })}` : ''}`,
  );
}
