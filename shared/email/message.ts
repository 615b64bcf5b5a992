import escapeHtml from 'escape-html';

/** A rendered email, ready to queue: plain data so it can sit in the outbox and be sent again after a failure. */
export interface EmailMessage {
  /** Deterministic: kind, recipient and period, e.g. `welcome#<userId>`. A second send of the same key is refused. */
  idempotencyKey: string;
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  fromName: string;
  replyTo?: string;
}

export { escapeHtml };

/** `"Name" <address>`, with RFC 2047 encoding where the name is not plain ASCII. */
export function formatAddress(name: string, address: string): string {
  const clean = name.replace(/[\r\n]+/g, ' ').trim();
  if (!clean) return address;
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?= <${address}>`;
}

/** Wraps content in the minimal, mail-client-safe branded layout (inline styles, one table). */
export function layout(opts: { title: string; accentColour: string; brand: string; bodyHtml: string; footer: string }): string {
  const e = escapeHtml;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(opts.title)}</title></head>
<body style="margin:0;background:#f4f5f4;font-family:Helvetica,Arial,sans-serif;color:#1d2421">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-top:4px solid ${e(opts.accentColour)}">
<tr><td style="padding:24px 28px 8px;font-size:14px;color:#58615d">${e(opts.brand)}</td></tr>
<tr><td style="padding:8px 28px 24px;font-size:16px;line-height:1.5">${opts.bodyHtml}</td></tr>
<tr><td style="padding:16px 28px;font-size:12px;color:#7a837f;border-top:1px solid #e6e9e7">${e(opts.footer)}</td></tr>
</table></td></tr></table></body></html>`;
}
