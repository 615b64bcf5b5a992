// Types of the two modules of `qrcode` the QR code needs (the package's own types cover only its entry point, which
// also loads the PNG and terminal renderers).
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): unknown;
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  export function render(qr: unknown, options?: { margin?: number; color?: { dark?: string; light?: string } }): string;
}
