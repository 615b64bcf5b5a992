import type { Change, Program } from '../domain/coaching.js';
import { actionField, SESSION_FORM_ACTIONS, type ActionRowField, type RecordSessionForm } from '../domain/program-forms.js';
import type { Locale } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { input, postForm, select, textarea } from './app-forms.js';
import { hidden } from './forms.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';
import { instantText } from './dates.js';
import { programWords, type ProgramWords } from './program-words.js';

/** The record-session form (fixed empty rows for the actions: no script), an action's history, and a refusal. */
const FORM_CSS = '.row{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 16px}';

/** Problems in the page's words: by the field's last part (`actions.2.title` says what a title must be). */
const inProgramWords = (w: AppWords, problems: readonly FieldIssue[] | undefined): FieldIssue[] | undefined => {
  const p = programWords(w.lang as Locale);
  return problems?.map((f) => ({ field: f.field, message: p.problems[f.field.split('.').at(-1) ?? ''] ?? w.fieldProblem }));
};

export function recordSessionPage(w: AppWords, frame: AppFrame, input_: { program: Program; values: RecordSessionForm; problems?: readonly FieldIssue[] }): Page {
  const p = programWords(w.lang as Locale);
  const { program, values } = input_;
  const problems = inProgramWords(w, input_.problems);
  const competencies = [{ value: '', label: p.noCompetency }, ...program.competencies.map((c) => ({ value: c, label: c }))];
  const rows = Array.from({ length: SESSION_FORM_ACTIONS }, (_, i) => {
    const name = (f: ActionRowField) => actionField(i, f);
    return html`<fieldset><legend>${p.actionsLegend(i + 1)}</legend>
${input({ name: name('title'), label: p.actionTitle, value: values[name('title')], problems })}
<div class="row"><div>${input({ name: name('dueDate'), label: p.dueDate, type: 'date', value: values[name('dueDate')], problems })}</div>
<div>${select({ name: name('competency'), label: p.competency, options: competencies, value: values[name('competency')], problems })}</div></div>
${input({ name: name('ifThenPlan'), label: p.ifThenPlan, hint: p.ifThenHint, value: values[name('ifThenPlan')], problems })}</fieldset>`;
  });
  const content = html`<h1>${p.formTitle}</h1>${errorSummary(w, problems)}
<p>${p.programTitle(program.client.name, program.title)}</p><p>${p.formIntro(program.client.name)}</p>
${postForm(
  `/app/programs/${program.programId}/sessions`,
  html`${input({ name: 'date', label: p.date, type: 'date', hint: p.dateHint, value: values.date, required: true, problems })}
${textarea({ name: 'sharedSummary', label: p.sharedSummaryLabel, hint: p.sharedSummaryHint, value: values.sharedSummary, rows: 4, problems })}
${textarea({ name: 'privateNotes', label: p.privateNotesLabel, hint: p.privateNotesHint, value: values.privateNotes, rows: 4, problems })}
${values.sessionId ? hidden('sessionId', values.sessionId) : ''}${rows}
${input({ name: 'nextSessionOn', label: p.nextSessionLabel, type: 'date', hint: p.nextSessionHint, value: values.nextSessionOn, problems })}`,
  p.save,
)}
<p><a href="/app/programs/${program.programId}">${p.backToProgram}</a></p>`;
  return renderAppPage(w, frame, p.formTitle, content, FORM_CSS);
}

/** A field's value as the history shows it, in the page's words (a status by its name, a resolution by its note). */
function shown(p: ProgramWords, field: string, value: unknown): string {
  if (value === null || value === undefined) return p.notSet;
  if (typeof value === 'boolean') return value ? p.yes : p.no;
  if (field === 'status' && typeof value === 'string') return p.actionStatus[value] ?? value;
  if (field === 'category' && typeof value === 'string') return p.categories[value] ?? value;
  if (field === 'flow' && typeof value === 'object' && 'challenge' in value && 'skill' in value) return p.agenda.flowRating(Number(value.challenge), Number(value.skill));
  if (field === 'resolved' && typeof value === 'object' && 'note' in value) return String(value.note);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function actionHistoryPage(w: AppWords, frame: AppFrame, input_: { program: Program; action: { actionId: string; title: string }; changes: readonly Change[]; next?: string; paged: boolean; timeZone: string; notice?: string; forms?: Html }): Page {
  const locale = w.lang as Locale;
  const p = programWords(locale);
  const { program, action } = input_;
  const title = p.historyTitle(action.title);
  const base = `/app/programs/${program.programId}/actions/${action.actionId}`;
  const content = html`<h1>${title}</h1>${input_.notice ? html`<p class="notice" role="status">${input_.notice}</p>` : ''}<p>${p.programTitle(program.client.name, program.title)}</p>${input_.forms ?? ''}
${input_.changes.length ? html`<ul class="items">${input_.changes.map(
    (c) => html`<li><p>${p.changedBy(p.subject[c.subject] ?? c.subject, p.change[c.kind] ?? c.kind, c.by.kind === 'client' ? p.byTheClient : p.byStaff, instantText(locale, c.at, input_.timeZone))}</p>
<ul>${Object.entries(c.fields).map(([field, change]) => html`<li>${p.fieldChange(p.fields[field] ?? field, shown(p, field, change.from), shown(p, field, change.to))}</li>`)}</ul></li>`,
  )}</ul>` : html`<p>${p.historyEmpty}</p>`}
<p class="links">${input_.next ? html`<a href="${base}?cursor=${input_.next}">${p.nextPage}</a> ` : ''}${input_.paged ? html`<a href="${base}">${p.firstPage}</a> ` : ''}<a href="/app/programs/${program.programId}">${p.backToProgram}</a></p>`;
  return renderAppPage(w, frame, title, content);
}

/** A change the program's state refused (archived client, a program not running, a change meanwhile). */
export function refusedPage(w: AppWords, frame: AppFrame, programId: string, reason: string | undefined): Page {
  const p = programWords(w.lang as Locale);
  return renderAppPage(w, frame, p.conflictTitle, html`<h1>${p.conflictTitle}</h1><p>${p.conflicts[reason ?? 'other'] ?? p.conflicts.other}</p><p><a href="/app/programs/${programId}">${p.backToProgram}</a></p>`);
}
