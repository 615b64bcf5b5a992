import type { FieldIssue } from '../errors.js';
import type { LinkPurpose, LinkProblem } from '../links/tokens.js';
import { field, hidden, inWords } from './forms.js';
import { html } from './html.js';
import type { Words } from './i18n.js';
import type { StaffWords } from './staff-words.js';
import { renderPage, type Brand, type Page } from './layout.js';

/**
 * The pages behind the emailed staff links: each a plain function of the words, the firm's brand and what to show.
 * Forms post to their own path; no page has any script.
 */
export function setPasswordPage(w: StaffWords, brand: Brand, opts: { email: string; token: string; problems?: readonly FieldIssue[] }): Page {
  return renderPage(
    w,
    brand,
    w.setPasswordTitle,
    html`<h1>${w.setPasswordTitle}</h1><p>${w.setPasswordIntro(opts.email)}</p>
<form method="post" action="/set-password" novalidate>${hidden('token', opts.token)}
${field({ name: 'password', label: w.passwordLabel, type: 'password', autocomplete: 'new-password', hint: w.passwordHint, problems: inWords(w, opts.problems) })}
<button type="submit">${w.setPasswordButton}</button></form>`,
  );
}

export const passwordSetPage = (w: StaffWords, brand: Brand, email: string): Page =>
  renderPage(w, brand, w.passwordSetTitle, html`<h1>${w.passwordSetTitle}</h1><p>${w.passwordSetBody(email)}</p><p><a href="/sign-in">${w.signInNext}</a></p>`);

export function acceptInvitationPage(w: StaffWords, brand: Brand, opts: { email: string; name: string; token: string; problems?: readonly FieldIssue[] }): Page {
  return renderPage(
    w,
    brand,
    w.acceptTitle(brand.name),
    html`<h1>${w.acceptTitle(brand.name)}</h1><p>${w.acceptIntro(opts.email)}</p>
<form method="post" action="/accept-invitation" novalidate>${hidden('token', opts.token)}
${field({ name: 'name', label: w.nameLabel, type: 'text', autocomplete: 'name', value: opts.name, problems: inWords(w, opts.problems) })}
${field({ name: 'password', label: w.passwordLabel, type: 'password', autocomplete: 'new-password', hint: w.passwordHint, problems: inWords(w, opts.problems) })}
<button type="submit">${w.acceptButton}</button></form>`,
  );
}

export const invitationAcceptedPage = (w: StaffWords, brand: Brand, email: string): Page =>
  renderPage(w, brand, w.acceptedTitle(brand.name), html`<h1>${w.acceptedTitle(brand.name)}</h1><p>${w.acceptedBody(email)}</p><p><a href="/sign-in">${w.signInNext}</a></p>`);

const resetForm = (w: Words, opts: { email?: string; problems?: readonly FieldIssue[] }) =>
  html`<form method="post" action="/reset-password" novalidate>
${field({ name: 'email', label: w.emailLabel, type: 'email', autocomplete: 'email', value: opts.email, problems: inWords(w, opts.problems) })}
<button type="submit">${w.resetButton}</button></form>`;

export const resetPasswordPage = (w: Words, opts: { email?: string; problems?: readonly FieldIssue[] } = {}): Page =>
  renderPage(w, undefined, w.resetTitle, html`<h1>${w.resetTitle}</h1><p>${w.resetIntro}</p>${resetForm(w, opts)}`);

export const resetSentPage = (w: StaffWords): Page =>
  renderPage(w, undefined, w.resetSentTitle, html`<h1>${w.resetSentTitle}</h1><p>${w.resetSentBody}</p><p><a href="/sign-in">${w.signInNext}</a></p>`);

/** A used, expired or revoked link: what happened, and the way to a fresh one. */
export function linkNotUsablePage(w: Words, brand: Brand | undefined, opts: { problem: LinkProblem | 'superseded'; purpose: LinkPurpose }, page: { opened: boolean } = { opened: true }): Page {
  const why = opts.problem === 'expired' ? w.deadBody.expired : opts.problem === 'used' ? w.deadBody.used : w.deadBody.other;
  // A client link opened from an email: the form posts to this very address, whose query holds the token, so the
  // dead token itself is never written into the page.
  const client = page.opened
    ? html`<p>${w.freshLinkOffer}</p><form method="post"><input type="hidden" name="intent" value="fresh-link"><button type="submit">${w.freshLinkButton}</button></form>`
    : html`<p>${w.openNewestLink}</p>`;
  const next =
    opts.purpose === 'set-password'
      ? html`<p>${w.deadFreshLink}</p>${resetForm(w, {})}`
      : opts.purpose === 'client'
        ? client
        : html`<p>${opts.purpose === 'unsubscribe' ? w.deadUnsubscribe : opts.purpose === 'sponsor-report' ? w.deadReport : w.deadInvitation}</p>`;
  return renderPage(w, brand, w.deadTitle, html`<h1>${w.deadTitle}</h1><p>${why}</p>${next}`);
}

export const refusedPage = (w: Words): Page => renderPage(w, undefined, w.refusedTitle, html`<h1>${w.refusedTitle}</h1><p>${w.refusedBody}</p>`);

export const tooManyPage = (w: Words, retryAfterSeconds: number): Page =>
  renderPage(w, undefined, w.tooManyTitle, html`<h1>${w.tooManyTitle}</h1><p>${w.tooManyBody(Math.max(1, Math.ceil(retryAfterSeconds / 60)))}</p>`);

export const errorPage = (w: Words, requestId: string): Page => renderPage(w, undefined, w.errorTitle, html`<h1>${w.errorTitle}</h1><p>${w.errorBody(requestId)}</p>`);
