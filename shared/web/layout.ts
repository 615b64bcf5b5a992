import { createHash } from 'node:crypto';
import { relativeLuminance } from '../domain/colour.js';
import type { Words } from './i18n.js';
import { html, trusted, type Html } from './html.js';

/** A firm's look on its pages: its display name and accent colour (validated `#RRGGBB`). */
export interface Brand {
  name: string;
  accentColour: string;
}

/** A firm's brand as its settings hold it. */
export const brandOf = (tenant: { branding: { displayName: string; accentColour: string } }): Brand => ({ name: tenant.branding.displayName, accentColour: tenant.branding.accentColour });

const WAYMARK: Brand = { name: 'Waymark', accentColour: '#2f6f5e' };

/** Black or white, whichever reads better on the accent colour (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const luminance = relativeLuminance(hex);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

const safeColour = (value: string) => (/^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : WAYMARK.accentColour);

/** The one style sheet, with the firm's accent; served inline and allowed by its hash (no inline script anywhere). */
export function styleSheet(brand: Brand): string {
  const accent = safeColour(brand.accentColour);
  return [
    '*{box-sizing:border-box}',
    'body{margin:0;background:#f4f5f4;color:#1d2421;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif}',
    `header{background:#fff;border-top:4px solid ${accent};padding:12px 20px}`,
    '.brand{max-width:32rem;margin:0 auto;font-weight:600;color:#3a4440}',
    'main{max-width:32rem;margin:24px auto;padding:24px 20px;background:#fff;border-radius:6px}',
    'h1{font-size:1.5rem;line-height:1.25;margin:0 0 12px}',
    'p{margin:0 0 12px}',
    'label{display:block;font-weight:600;margin:16px 0 4px}',
    'input{display:block;width:100%;font:inherit;padding:10px 12px;border:1px solid #6b7570;border-radius:4px}',
    '[aria-invalid=true]{border:2px solid #b3261e}',
    '.hint{font-size:.875rem;color:#4a5450;margin:4px 0 0}',
    '.error{color:#b3261e;font-weight:600;margin:4px 0 0}',
    `button{margin-top:20px;font:inherit;font-weight:600;padding:10px 18px;border:0;border-radius:4px;background:${accent};color:${textOn(accent)};cursor:pointer}`,
    'button:focus,input:focus,select:focus,textarea:focus,summary:focus,a:focus{outline:3px solid #1d4ed8;outline-offset:2px}',
    'a{color:#1d4ed8}',
    'h2{font-size:1.2rem;margin:28px 0 8px}',
    'h3{font-size:1rem;margin:20px 0 4px;color:#3a4440}',
    '.items{list-style:none;padding:0;margin:0}',
    '.items>li{border-top:1px solid #dfe4e1;padding:12px 0}',
    '.meta{font-size:.875rem;color:#4a5450;margin:0}',
    '.badge{display:inline-block;padding:0 6px;border-radius:3px;background:#e6ebe8}',
    '.late{color:#b3261e;font-weight:600}',
    'details{margin-top:6px}',
    'summary{cursor:pointer;font-weight:600;color:#1d4ed8;padding:4px 0}',
    'summary .hint{font-weight:400}',
    'fieldset{border:1px solid #c4cbc7;border-radius:4px;margin:12px 0 0;padding:4px 12px 10px}',
    'legend{font-weight:600;padding:0 4px}',
    'select,textarea{display:block;width:100%;font:inherit;padding:8px 10px;border:1px solid #6b7570;border-radius:4px;background:#fff;color:inherit}',
    '.choice{display:flex;align-items:center;gap:8px;margin:6px 0;font-weight:400}',
    '.choice input{width:auto;margin:0}',
    '.pair{display:flex;gap:12px}',
    '.pair>div{flex:1}',
    '.notice{border-left:4px solid #2f6f5e;background:#eef5f2;padding:12px;margin:0 0 16px}',
    '.notice button{margin-top:8px}',
    '.errors{border:2px solid #b3261e;padding:8px 12px;margin:0 0 16px}',
    '.summary{white-space:pre-line}',
    'footer{max-width:32rem;margin:0 auto 24px;padding:0 20px;font-size:.8125rem;color:#4a5450}',
  ].join('');
}

export interface Page {
  html: string;
  /** The Content-Security-Policy that lets exactly this page's style sheet apply, and nothing else. */
  csp: string;
}

/** `extraCss`: rules only this kind of page needs (a constant of the code), after the shared ones. */
export function renderPage(w: Words, brand: Brand | undefined, title: string, content: Html, extraCss = ''): Page {
  const css = styleSheet(brand ?? WAYMARK) + extraCss;
  const page = html`<!doctype html>
<html lang="${w.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title} · ${(brand ?? WAYMARK).name}</title><style>${trusted(css)}</style></head>
<body><header><p class="brand">${(brand ?? WAYMARK).name}</p></header>
<main>${content}</main>
<footer><p>${w.footer}</p></footer></body></html>`;
  return { html: page.value, csp: pageCsp(css) };
}

/** The Content-Security-Policy of a page whose only style is `css` (inline, allowed by its hash) and no script. */
export const pageCsp = (css: string): string =>
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

export const WAYMARK_BRAND = WAYMARK;
