import type { FieldIssue } from '../errors.js';
import type { AppWords } from './app-words.js';
import { input, select } from './app-forms.js';
import type { DirectoryWords } from './directory-words.js';
import { html, type Html } from './html.js';

/**
 * What the directory's pages share: a form's problems in the page's words, each on the control it is about, the
 * fields clients and sponsors both have, the notice after a change and the "next page" link of a list.
 */
export type Values = Readonly<Record<string, string | undefined>>;

/**
 * The problems of a form, one per control, in words for people. A schema names the item of a list (`goals.3`,
 * `sponsorIds.0`): the problem belongs to the control of the list. A problem of no field (the plan's limit) keeps
 * the message it comes with, already in the page's words.
 */
export function formProblems(w: AppWords, d: DirectoryWords, issues: readonly FieldIssue[] | undefined, controls: readonly string[]): FieldIssue[] {
  const found = new Map<string, FieldIssue>();
  for (const issue of issues ?? []) {
    const parts = issue.field.split('.');
    let field = '';
    for (let n = parts.length; n > 0 && !field; n -= 1) if (controls.includes(parts.slice(0, n).join('.'))) field = parts.slice(0, n).join('.');
    // A field without a control of its own (the client a new program is for) is said at the top, in words if we have them.
    const message = d.problems[field || issue.field] ?? (field ? w.fieldProblem : issue.message);
    const key = field || `:${message}`;
    if (!found.has(key)) found.set(key, { field, message });
  }
  return [...found.values()];
}

export const notice = (text: string | undefined): Html | '' => (text ? html`<p class="notice" role="status">${text}</p>` : '');

export const hiddenField = (name: string, value: string | undefined): Html => html`<input type="hidden" name="${name}" value="${value ?? ''}">`;

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The fields of a person the firm writes to: name, address, organisation, language and time zone. */
export function personFields(d: DirectoryWords, values: Values, problems: readonly FieldIssue[]): Html {
  return html`${input({ name: 'name', label: d.labels.name, value: values.name, autocomplete: 'off', required: true, problems })}
${input({ name: 'email', label: d.labels.email, type: 'email', value: values.email, autocomplete: 'off', required: true, problems })}
${input({ name: 'organisation', label: d.labels.organisation, value: values.organisation, autocomplete: 'off', problems })}
${select({ name: 'locale', label: d.labels.locale, options: options(d.locales), value: values.locale, problems })}
${input({ name: 'timeZone', label: d.labels.timeZone, hint: d.hints.timeZone, value: values.timeZone, autocomplete: 'off', problems })}`;
}

export const PERSON_CONTROLS = ['name', 'email', 'organisation', 'locale', 'timeZone'] as const;

export { options as choicesOf };

/** A list's link to its next page (and back to the first), keeping its filter. */
export function pager(d: DirectoryWords, path: string, filter: Record<string, string | undefined>, next: string | undefined, paged: boolean): Html | '' {
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams(Object.entries({ ...filter, ...extra }).filter((e): e is [string, string] => !!e[1])).toString();
    return q ? `${path}?${q}` : path;
  };
  if (!next && !paged) return '';
  return html`<p class="actions-row">${next ? html`<a href="${query({ cursor: next })}">${d.nextPage}</a>` : ''}${paged ? html`<a href="${query({})}">${d.firstPage}</a>` : ''}</p>`;
}

/** A short status word, marked when it is not active. */
export const statusWord = (d: DirectoryWords, status: string): Html => (status === 'active' ? html`${d.status[status] ?? status}` : html`<strong>${d.status[status] ?? status}</strong>`);
