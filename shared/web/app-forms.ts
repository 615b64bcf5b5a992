import type { FieldIssue } from '../errors.js';
import { html, type Html } from './html.js';

/**
 * The form controls of the staff web app, each labelled, with its hint and its problem tied to it for screen readers
 * (`aria-describedby`, `aria-invalid`), and the value as typed kept when the form comes back with a problem.
 * Problems are already in the page's words (the caller maps field names to messages).
 */
interface Common {
  name: string;
  label: string;
  hint?: string;
  problems?: readonly FieldIssue[];
  /** The element id, when the name is not unique on the page (two forms with a `note`). */
  id?: string;
}

const described = (id: string, hint: string | undefined, problem: FieldIssue | undefined) => {
  const ids = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${problem ? html` aria-invalid="true"` : ''}`;
};

const after = (id: string, hint: string | undefined, problem: FieldIssue | undefined) =>
  html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}${problem ? html`<p class="error" id="${id}-error">${problem.message}</p>` : ''}`;

const problemOf = (o: Common) => o.problems?.find((p) => p.field === o.name);

/** A one-line input: text, email, date, time, number, url, search or colour. */
export function input(o: Common & { type?: 'text' | 'email' | 'date' | 'time' | 'number' | 'url' | 'search' | 'color'; value?: string | number; autocomplete?: string; required?: boolean; min?: number; max?: number }): Html {
  const id = o.id ?? o.name;
  const problem = problemOf(o);
  return html`<label for="${id}">${o.label}</label>
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}"${o.value !== undefined && o.value !== '' ? html` value="${String(o.value)}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.required ? html` required` : ''}${o.min !== undefined ? html` min="${o.min}"` : ''}${o.max !== undefined ? html` max="${o.max}"` : ''}${described(id, o.hint, problem)}>
${after(id, o.hint, problem)}`;
}

export function textarea(o: Common & { value?: string; rows?: number; required?: boolean }): Html {
  const id = o.id ?? o.name;
  const problem = problemOf(o);
  return html`<label for="${id}">${o.label}</label>
<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${o.required ? html` required` : ''}${described(id, o.hint, problem)}>${o.value ?? ''}</textarea>
${after(id, o.hint, problem)}`;
}

export function select(o: Common & { options: readonly { value: string; label: string }[]; value?: string }): Html {
  const id = o.id ?? o.name;
  const problem = problemOf(o);
  return html`<label for="${id}">${o.label}</label>
<select id="${id}" name="${o.name}"${described(id, o.hint, problem)}>${o.options.map(
    (opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : ''}>${opt.label}</option>`,
  )}</select>
${after(id, o.hint, problem)}`;
}

/** A single checkbox (posted as `on` when ticked, absent when not). */
export function checkbox(o: Common & { checked?: boolean }): Html {
  const id = o.id ?? o.name;
  const problem = problemOf(o);
  return html`<label class="choice" for="${id}"><input id="${id}" name="${o.name}" type="checkbox"${o.checked ? html` checked` : ''}${described(id, o.hint, problem)}> ${o.label}</label>
${after(id, o.hint, problem)}`;
}

/** Radio buttons in a fieldset whose legend names the question. */
export function radios(o: Common & { options: readonly { value: string; label: string }[]; value?: string }): Html {
  const id = o.id ?? o.name;
  const problem = problemOf(o);
  return html`<fieldset id="${id}"${described(id, o.hint, problem)}><legend>${o.label}</legend>${o.options.map(
    (opt, i) =>
      html`<label class="choice" for="${id}-${i}"><input id="${id}-${i}" name="${o.name}" type="radio" value="${opt.value}"${opt.value === o.value ? html` checked` : ''}> ${opt.label}</label>`,
  )}${after(id, o.hint, problem)}</fieldset>`;
}

/** A form that posts to `action` (same origin), with its submit button; `secondary` styles a lesser action. */
export const postForm = (action: string, content: Html | '', button: string, opts: { secondary?: boolean; label?: string } = {}): Html =>
  html`<form method="post" action="${action}" novalidate${opts.label ? html` aria-label="${opts.label}"` : ''}>${content}<button type="submit"${opts.secondary ? html` class="secondary"` : ''}>${button}</button></form>`;
