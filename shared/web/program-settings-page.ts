import { PROGRAM_STATUSES, type Sponsor } from '../domain/coaching.js';
import { REPORT_CADENCES, SHARING_LEVELS } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { input, postForm, radios, select, textarea } from './app-forms.js';
import { hiddenField, type Values } from './directory-parts.js';
import type { DirectoryWords } from './directory-words.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';

/**
 * A program's settings, new or changed: the same fields as the JSON API's program, goals and competencies one per
 * line, sponsors as checkboxes of the firm's active sponsors, the sharing level as the coach's proposal.
 */
export const PROGRAM_CONTROLS = ['title', 'goals', 'competencies', 'startDate', 'endDate', 'nextSessionOn', 'sessionsPlanned', 'sponsorIds', 'reportCadence', 'sharingLevel', 'assessmentEveryWeeks', 'status'];

export interface ProgramFormInput {
  /** Whose program it is (its client's name). */
  clientName: string;
  values: Values;
  /** The ticked sponsors, as read or as posted. */
  sponsorIds: readonly string[];
  /** The firm's active sponsors to choose from. */
  sponsors: readonly Pick<Sponsor, 'sponsorId' | 'name' | 'role'>[];
  problems?: readonly FieldIssue[];
  /** A new program for this client; else the settings of this program. */
  mode: { kind: 'new'; clientId: string } | { kind: 'edit'; programId: string };
}

function sponsorChoices(d: DirectoryWords, sponsors: ProgramFormInput['sponsors'], ticked: readonly string[], problems: readonly FieldIssue[]): Html {
  const problem = problems.find((p) => p.field === 'sponsorIds');
  const unlisted = ticked.filter((id) => !sponsors.some((s) => s.sponsorId === id));
  const choices = [...sponsors.map((s) => ({ value: s.sponsorId, label: `${s.name} (${s.role})` })), ...unlisted.map((id) => ({ value: id, label: d.hints.otherSponsor }))];
  return html`<fieldset id="sponsorIds"${problem ? html` aria-describedby="sponsorIds-error"` : ''}><legend>${d.labels.sponsorIds}</legend>${
    choices.length
      ? choices.map(
          (c, i) =>
            html`<label class="choice" for="sponsorIds-${i}"><input id="sponsorIds-${i}" name="sponsorIds" type="checkbox" value="${c.value}"${ticked.includes(c.value) ? html` checked` : ''}> ${c.label}</label>`,
        )
      : html`<p class="hint">${d.hints.noSponsors}</p>`
  }${problem ? html`<p class="error" id="sponsorIds-error">${problem.message}</p>` : ''}</fieldset>`;
}

const optionsOf = (values: readonly string[], labels: Record<string, string>) => values.map((value) => ({ value, label: labels[value] ?? value }));

export function programSettingsPage(w: AppWords, d: DirectoryWords, frame: AppFrame, input_: ProgramFormInput): Page {
  const { values, mode } = input_;
  const problems = input_.problems ?? [];
  const title = mode.kind === 'new' ? d.newProgramTitle : d.editProgramTitle(values.title ?? '');
  const fields = html`${mode.kind === 'new' ? hiddenField('clientId', mode.clientId) : hiddenField('version', values.version)}
${input({ name: 'title', label: d.labels.title, value: values.title, autocomplete: 'off', required: true, problems })}
${textarea({ name: 'goals', label: d.labels.goals, hint: d.hints.lines, value: values.goals, rows: 4, problems })}
${textarea({ name: 'competencies', label: d.labels.competencies, hint: d.hints.competencies, value: values.competencies, rows: 4, problems })}
${input({ name: 'startDate', label: d.labels.startDate, type: 'date', hint: d.hints.date, value: values.startDate, required: true, problems })}
${input({ name: 'endDate', label: d.labels.endDate, type: 'date', hint: d.hints.date, value: values.endDate, problems })}
${mode.kind === 'edit' ? input({ name: 'nextSessionOn', label: d.labels.nextSessionOn, type: 'date', hint: d.hints.date, value: values.nextSessionOn, problems }) : ''}
${input({ name: 'sessionsPlanned', label: d.labels.sessionsPlanned, type: 'number', min: 1, max: 150, value: values.sessionsPlanned, required: true, problems })}
${sponsorChoices(d, input_.sponsors, input_.sponsorIds, problems)}
${select({ name: 'reportCadence', label: d.labels.reportCadence, options: optionsOf(REPORT_CADENCES, d.cadences), value: values.reportCadence, problems })}
${radios({ name: 'sharingLevel', label: d.labels.sharingLevel, hint: d.hints.sharing, options: optionsOf(SHARING_LEVELS, d.sharing), value: values.sharingLevel, problems })}
${input({ name: 'assessmentEveryWeeks', label: d.labels.assessmentEveryWeeks, type: 'number', min: 1, max: 26, hint: d.hints.assessment, value: values.assessmentEveryWeeks, problems })}
${mode.kind === 'edit' ? select({ name: 'status', label: d.labels.status, options: optionsOf(PROGRAM_STATUSES, d.status), value: values.status, problems }) : ''}`;
  const action = mode.kind === 'new' ? '/app/programs' : `/app/programs/${mode.programId}/edit`;
  return renderAppPage(
    w,
    frame,
    title,
    html`<h1>${title}</h1><p>${d.programFor(input_.clientName)}</p>${errorSummary(w, problems)}
${postForm(action, fields, mode.kind === 'new' ? d.startProgram : d.save)}
<p>${mode.kind === 'new' ? html`<a href="/app/clients/${mode.clientId}">${d.backToClient}</a>` : html`<a href="/app/programs/${mode.programId}">${d.backToProgram}</a>`}</p>`,
  );
}

/** The page for a program of a client who is archived: nothing to fill in until they are active again. */
export const archivedClientPage = (w: AppWords, d: DirectoryWords, frame: AppFrame, client: { clientId: string; name: string }): Page =>
  renderAppPage(
    w,
    frame,
    d.newProgramTitle,
    html`<h1>${d.newProgramTitle}</h1><p>${d.programFor(client.name)}</p><p class="private">${d.clientArchivedForProgram}</p><p><a href="/app/clients/${client.clientId}">${d.backToClient}</a></p>`,
  );
