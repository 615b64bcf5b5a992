import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { field, hidden, inWords } from './forms.js';
import { html } from './html.js';
import type { Page } from './layout.js';

/** The sign-in pages of the staff web app: email and password, then the authenticator code where the user has one. */
export function signInPage(w: AppWords, opts: { email?: string; next?: string; notice?: string; problems?: readonly FieldIssue[] } = {}): Page {
  const problems = inWords(w, opts.problems);
  return renderAppPage(
    w,
    undefined,
    w.signInTitle,
    html`<h1>${w.signInTitle}</h1>${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ''}${errorSummary(w, problems)}<p>${w.signInIntro}</p>
<form method="post" action="/sign-in" novalidate>${opts.next ? hidden('next', opts.next) : ''}
${field({ name: 'email', label: w.emailLabel, type: 'email', autocomplete: 'username', value: opts.email, problems })}
${field({ name: 'password', label: w.passwordLabel, type: 'password', autocomplete: 'current-password', problems })}
<button type="submit">${w.signInButton}</button></form>
<p><a href="/reset-password">${w.forgotPassword}</a></p>`,
  );
}

export function codePage(w: AppWords, opts: { code?: string; problems?: readonly FieldIssue[] } = {}): Page {
  const problems = inWords(w, opts.problems);
  return renderAppPage(
    w,
    undefined,
    w.codeTitle,
    html`<h1>${w.codeTitle}</h1>${errorSummary(w, problems)}<p>${w.codeIntro}</p>
<form method="post" action="/sign-in/code" novalidate>
${field({ name: 'code', label: w.codeLabel, type: 'text', autocomplete: 'one-time-code', hint: w.codeHint, value: opts.code, problems, inputMode: 'numeric' })}
<button type="submit">${w.codeButton}</button></form>`,
  );
}

export const signedOutPage = (w: AppWords): Page =>
  renderAppPage(w, undefined, w.signedOutTitle, html`<h1>${w.signedOutTitle}</h1><p>${w.signedOutBody}</p><p><a href="/sign-in">${w.signInAgain}</a></p>`);
