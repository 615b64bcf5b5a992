import type { FieldIssue } from '../errors.js';
import { html, type Html } from './html.js';
import type { Words } from './i18n.js';

/** The problems of a form in the page's language: one message per field, in words for people. */
export const inWords = (w: Words, problems: readonly FieldIssue[] | undefined): FieldIssue[] | undefined =>
  problems?.map((p) => ({ field: p.field, message: w.problems[p.field] ?? w.fieldProblem }));

/** One labelled input, with its hint and its problem tied to it for screen readers; never echoes a password. */
export function field(opts: {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  value?: string;
  hint?: string;
  autocomplete: string;
  problems?: readonly FieldIssue[];
  required?: boolean;
  inputMode?: 'numeric';
}): Html {
  const problem = opts.problems?.find((p) => p.field === opts.name);
  const describedBy = [opts.hint ? `${opts.name}-hint` : '', problem ? `${opts.name}-error` : ''].filter(Boolean).join(' ');
  return html`<label for="${opts.name}">${opts.label}</label>
<input id="${opts.name}" name="${opts.name}" type="${opts.type}" autocomplete="${opts.autocomplete}"${opts.inputMode ? html` inputmode="${opts.inputMode}"` : ''}${opts.required === false ? '' : html` required`}${opts.type !== 'password' && opts.value ? html` value="${opts.value}"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${problem ? html` aria-invalid="true"` : ''}>
${opts.hint ? html`<p class="hint" id="${opts.name}-hint">${opts.hint}</p>` : ''}${problem ? html`<p class="error" id="${opts.name}-error">${problem.message}</p>` : ''}`;
}

export const hidden = (name: string, value: string): Html => html`<input type="hidden" name="${name}" value="${value}">`;
