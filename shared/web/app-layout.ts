import type { FieldIssue } from '../errors.js';
import type { StaffRole } from '../domain/tenant.js';
import type { AppWords } from './app-words.js';
import { html, trusted, type Html } from './html.js';
import { pageCsp, styleSheet, WAYMARK_BRAND, type Brand, type Page } from './layout.js';

/**
 * The frame of the staff web app: the firm's name, the main navigation (what the user's role may open), a skip link,
 * and a wider column than the emailed pages. Server-rendered, no script; the one style sheet is inline, allowed by
 * its hash, so a page is one request.
 */
export type NavItem = 'home' | 'clients' | 'sponsors' | 'firm' | 'security' | 'me';

export interface AppFrame {
  brand: Brand;
  user: { name: string; role: StaffRole };
  current?: NavItem;
  /** The firm requires an authenticator app the user has not enrolled yet: nothing else to open. */
  enrolOnly?: boolean;
}

const APP_CSS = [
  'header{padding:8px 16px}',
  '.bar{max-width:64rem;margin:0 auto;display:flex;flex-wrap:wrap;align-items:center;gap:4px 16px}',
  '.bar .brand{margin:0;max-width:none}',
  'nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;margin:0;padding:0;align-items:center}',
  'nav a{text-decoration:none;padding:6px 2px;display:inline-block}',
  'nav a[aria-current=page]{font-weight:700;border-bottom:3px solid currentColor}',
  'nav form{margin:0}',
  'button.link{background:none;color:#1d4ed8;padding:6px 2px;margin:0;font-weight:400;text-decoration:underline}',
  '.skip{position:absolute;left:-999px}',
  '.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}',
  'main{max-width:64rem;margin:16px auto;padding:20px 16px}',
  'footer{max-width:64rem}',
  '.who{font-size:.875rem;color:#4a5450;margin:0 0 12px}',
  'table{border-collapse:collapse;width:100%}',
  'th,td{text-align:left;padding:8px 6px;border-top:1px solid #dfe4e1;vertical-align:top}',
  'th{font-size:.875rem;color:#3a4440}',
  '.scroll{overflow-x:auto}',
  '.flag{color:#8a1c13;font-weight:700}',
  '.private{border-left:4px solid #8a5a00;background:#fff8e6;padding:8px 12px}',
  '.actions-row{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end}',
  '.actions-row button{margin-top:8px}',
  '.secondary{background:#e6ebe8;color:#1d2421}',
].join('');

function navigation(w: AppWords, frame: AppFrame): Html {
  const manager = frame.user.role === 'owner' || frame.user.role === 'admin';
  const items: [NavItem, string][] = frame.enrolOnly
    ? [['security', '/app/security']]
    : [
        ['home', '/app'],
        ['clients', '/app/clients'],
        ['sponsors', '/app/sponsors'],
        ...(manager ? ([['firm', '/app/firm']] as [NavItem, string][]) : []),
        ['security', '/app/security'],
        ['me', '/app/me'],
      ];
  return html`<nav aria-label="${w.navLabel}"><ul>${items.map(
    ([item, href]) => html`<li><a href="${href}"${frame.current === item ? html` aria-current="page"` : ''}>${w.nav[item]}</a></li>`,
  )}<li><form method="post" action="/sign-out"><button type="submit" class="link">${w.nav.signOut}</button></form></li></ul></nav>`;
}

/** A page of the app; without a frame (signed out: the sign-in pages) it shows the firm or Waymark and no navigation. */
export function renderAppPage(w: AppWords, frame: AppFrame | undefined, title: string, content: Html, extraCss = ''): Page {
  const brand = frame?.brand ?? WAYMARK_BRAND;
  const css = styleSheet(brand) + APP_CSS + extraCss;
  const page = html`<!doctype html>
<html lang="${w.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title} · ${brand.name}</title><style>${trusted(css)}</style></head>
<body><a class="skip" href="#main">${w.skipToContent}</a><header><div class="bar"><p class="brand">${brand.name}</p>${frame ? navigation(w, frame) : ''}</div></header>
<main id="main">${frame ? html`<p class="who">${w.signedInAs(frame.user.name)}</p>` : ''}${content}</main>
<footer><p>${w.appFooter}</p></footer></body></html>`;
  return { html: page.value, csp: pageCsp(css) };
}

/** The list of a form's problems at its top, each linking to its field (whose own message sits by it). */
export function errorSummary(w: AppWords, problems: readonly FieldIssue[] | undefined): Html | '' {
  if (!problems?.length) return '';
  return html`<div class="errors" role="alert"><p><strong>${w.problemsTitle}</strong></p><ul>${problems.map(
    (p) => html`<li><a href="#${p.field || 'main'}">${p.message}</a></li>`,
  )}</ul></div>`;
}
