import { create } from 'qrcode/lib/core/qrcode.js';
import { render } from 'qrcode/lib/renderer/svg-tag.js';
import { html, trusted, type Html } from './html.js';

/**
 * A QR code as inline SVG (no image request, nothing the CSP must allow), drawn by `qrcode`'s encoder and its SVG
 * renderer only: its entry point would also bundle the PNG and terminal renderers. The SVG is an image with a name,
 * and the page always gives the same content as text beside it.
 */
export function qrCodeSvg(text: string, name: string): Html {
  const svg = render(create(text, { errorCorrectionLevel: 'M' }), { margin: 4, color: { dark: '#000000ff', light: '#ffffffff' } });
  // The renderer's markup holds only numbers and colours; the name goes in through the escaping template.
  return html`<svg role="img" aria-label="${name}" focusable="false" ${trusted(svg.trim().replace(/^<svg /, ''))}`;
}
