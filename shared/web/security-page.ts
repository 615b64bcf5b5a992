import type { SecurityNotice, SecurityStanding } from '../domain/security.js';
import { groupedSecret, totpUri } from '../domain/security.js';
import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import { postForm } from './app-forms.js';
import { field, hidden, inWords } from './forms.js';
import { html } from './html.js';
import type { Page } from './layout.js';
import { qrCodeSvg } from './qr-code.js';
import type { SecurityWords } from './security-words.js';

/** The user's security page and the enrolment of an authenticator app. */
const SECURITY_CSS = [
  'section{margin:24px 0 0}',
  '.qr svg{display:block;width:100%;max-width:232px;height:auto;border:1px solid #dfe4e1}',
  '.key{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.125rem;letter-spacing:.04em;word-break:break-word;background:#f3f5f4;padding:8px 10px;display:inline-block}',
  'ol.steps{padding-left:1.25rem}',
  'ol.steps>li{margin:0 0 16px}',
].join('');

export function securityPage(w: SecurityWords, frame: AppFrame, input: { standing: SecurityStanding; notice?: SecurityNotice | 'firm-requires'; needsCodeSignIn?: boolean }): Page {
  const s = w.security;
  const { standing } = input;
  const notice = input.notice === 'firm-requires' ? s.cannotRemove : input.notice ? s.notices[input.notice] : undefined;
  const appActions = !standing.enrolled
    ? postForm('/app/security/authenticator', '', s.setUp)
    : standing.canRemove
      ? html`${postForm('/app/security/authenticator/remove', '', s.remove, { secondary: true })}<p class="hint">${s.removeHint}</p>`
      : html`<p>${s.cannotRemove}</p>`;
  return renderAppPage(
    w,
    frame,
    s.title,
    html`<h1>${s.title}</h1>${standing.mustEnrol ? html`<p class="notice" role="alert">${s.mustEnrol}</p>` : ''}${input.needsCodeSignIn ? html`<p class="notice" role="alert">${s.needsCodeSignIn}</p>` : ''}${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<section aria-labelledby="app-title"><h2 id="app-title">${s.appTitle}</h2><p>${standing.enrolled ? s.enrolledState : s.notEnrolledState}</p>
<p>${standing.firmRequires ? s.firmRequires : s.firmAllows}</p>${appActions}</section>
<section aria-labelledby="sessions-title"><h2 id="sessions-title">${s.sessionsTitle}</h2><p>${s.sessionsIntro}</p>${postForm('/app/security/sign-out-everywhere', '', s.signOutEverywhere, { secondary: true })}</section>
<section aria-labelledby="password-title"><h2 id="password-title">${s.passwordTitle}</h2><p>${s.passwordIntro}</p><p><a href="/reset-password">${s.changePassword}</a></p></section>`,
    SECURITY_CSS,
  );
}

/** Authenticator apps list the account under this name (the sign-in's code step names it too). */
export const TOTP_ISSUER = 'Waymark';

export function enrolmentPage(w: SecurityWords, frame: AppFrame, input: { email: string; secret: string; code?: string; problems?: readonly FieldIssue[] }): Page {
  const e = w.enrol;
  const problems = inWords(w, input.problems);
  const uri = totpUri({ issuer: TOTP_ISSUER, account: input.email, secret: input.secret });
  return renderAppPage(
    w,
    frame,
    e.title,
    html`<h1>${e.title}</h1>${errorSummary(w, problems)}<ol class="steps">
<li>${e.step1}</li>
<li>${e.step2}<div class="qr">${qrCodeSvg(uri, e.qrName(TOTP_ISSUER))}</div></li>
<li>${e.step3}<br><code class="key">${groupedSecret(input.secret)}</code></li>
<li>${e.step4}
<form method="post" action="/app/security/authenticator/confirm" novalidate>${hidden('secret', input.secret)}
${field({ name: 'code', label: w.codeLabel, type: 'text', autocomplete: 'one-time-code', hint: w.codeHint, value: input.code, problems, inputMode: 'numeric' })}
<button type="submit">${e.confirm}</button> <a href="/app/security">${e.cancel}</a></form></li></ol>`,
    SECURITY_CSS,
  );
}

export const signedOutEverywherePage = (w: SecurityWords): Page =>
  renderAppPage(
    w,
    undefined,
    w.security.signedOutEverywhereTitle,
    html`<h1>${w.security.signedOutEverywhereTitle}</h1><p>${w.security.signedOutEverywhereBody}</p><p><a href="/sign-in">${w.signInAgain}</a></p>`,
  );
