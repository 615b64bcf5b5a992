import escapeHtml from 'escape-html';
import type { LinkPurpose } from '../links/tokens.js';

/**
 * Where an emailed link's token goes in a rendered body. The token itself is never part of a message, so it is
 * never written to the outbox: the sender puts it in at send time (or mints a fresh link when it no longer has it).
 */
export const LINK_TOKEN_PLACEHOLDER = '{{link-token}}';

/** Where an unsubscribe link's token goes: in the footer of both bodies and in the List-Unsubscribe header. */
export const UNSUBSCRIBE_TOKEN_PLACEHOLDER = '{{unsubscribe-token}}';

/** Where layout() leaves room in the footer for an unsubscribe link (withUnsubscribeLink puts it there). */
export const UNSUBSCRIBE_FOOTER_MARK = '<!--unsubscribe-->';

/** The scheduled emails a recipient can unsubscribe from, each one kind of recipient. */
export const MAILING_LISTS = { reminders: 'client', 'coach-digest': 'staff', 'sponsor-report': 'sponsor' } as const;
export type MailingList = keyof typeof MAILING_LISTS;
export type RecipientKind = (typeof MAILING_LISTS)[MailingList];

/** An email's unsubscribe link, without its secret: enough to issue it again on a retry. */
export interface UnsubscribeLink {
  list: MailingList;
  /** The client, staff user or sponsor it unsubscribes. */
  recipientId: string;
  hash: string;
  validUntil: number;
  /** The page's URL with UNSUBSCRIBE_TOKEN_PLACEHOLDER where the token goes. */
  url: string;
}

/** The link an email carries, without its secret: enough to find its record and to issue it again. */
export interface EmailLink {
  purpose: LinkPurpose;
  /** The user id or invitation id the link acts on. */
  subjectId: string;
  /** Hash of the current secret (the link record's sort key). */
  hash: string;
  validUntil: number;
}

/** A rendered email, ready to queue: plain data, free of secrets, so it can sit in the outbox and be sent later. */
export interface EmailMessage {
  /** Deterministic: kind, recipient and period, e.g. `welcome#<userId>`. A second send of the same key is refused. */
  idempotencyKey: string;
  kind: string;
  to: string;
  subject: string;
  /** Bodies; a link's URL holds LINK_TOKEN_PLACEHOLDER where its token goes. */
  html: string;
  text: string;
  fromName: string;
  replyTo?: string;
  link?: EmailLink;
  /** A scheduled email's unsubscribe link (List-Unsubscribe and the footer); the outbox skips suppressed addresses. */
  unsubscribe?: UnsubscribeLink;
}

/** What goes to SES: the message with its link tokens in place, its extra header fields and SES tags. */
export type OutgoingEmail = Pick<EmailMessage, 'to' | 'subject' | 'html' | 'text' | 'fromName' | 'replyTo'> & {
  headers?: Record<string, string>;
  /** SES message tags (which firm, which kind): bounce and complaint events carry them back. */
  tags?: Record<string, string>;
  date?: Date;
};

export { escapeHtml };

/** `<tenantId>.<secret>`: the shape of a raw link token, which must never be stored. */
export const RAW_LINK_TOKEN = /[0-9A-HJKMNP-TV-Z]{26}\.[\w-]{43}/;

/**
 * Puts the link tokens into the bodies (and the unsubscribe link into its header fields). An email without the
 * token of a link it carries cannot be sent (it would carry a dead link).
 */
export function withLinkToken(message: EmailMessage, token: string | undefined, unsubscribeToken?: string): OutgoingEmail {
  const { to, subject, fromName, replyTo } = message;
  let { html, text } = message;
  let headers: Record<string, string> | undefined;
  if (message.link) {
    if (!token) throw new Error(`email ${message.idempotencyKey} carries a link but no token was given`);
    if (!text.includes(LINK_TOKEN_PLACEHOLDER)) throw new Error(`email ${message.idempotencyKey} has no place for its link`);
    const put = (body: string) => body.replaceAll(LINK_TOKEN_PLACEHOLDER, encodeURIComponent(token));
    [html, text] = [put(html), put(text)];
  }
  if (message.unsubscribe) {
    if (!unsubscribeToken) throw new Error(`email ${message.idempotencyKey} carries an unsubscribe link but no token was given`);
    const put = (body: string) => body.replaceAll(UNSUBSCRIBE_TOKEN_PLACEHOLDER, encodeURIComponent(unsubscribeToken));
    [html, text] = [put(html), put(text)];
    // RFC 8058: a mail server POSTs `List-Unsubscribe=One-Click` to this URL; RFC 2369 wants it in angle brackets.
    headers = { 'List-Unsubscribe': `<${put(message.unsubscribe.url)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }
  return { to, subject, html, text, fromName, ...(replyTo ? { replyTo } : {}), ...(headers ? { headers } : {}) };
}

// Anything that could end a header line or hide what it says; names are validated before they get here, this is
// the last line of defence for names stored before the rules existed.
const UNSAFE_IN_HEADER = /[\p{Cc}\p{Cs}\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]+/gu;

/** One line of header text: no control, invisible or broken characters. */
export const headerText = (value: string): string => value.replace(UNSAFE_IN_HEADER, ' ').replace(/\s+/g, ' ').trim();

/** RFC 2047 encoded-words are at most 75 characters: 45 bytes of UTF-8 per word, never splitting a character. */
export function encodedWords(name: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of name) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/** `"Name" <address>`, with RFC 2047 encoding where the name is not plain ASCII. */
export function formatAddress(name: string, address: string): string {
  const clean = headerText(name);
  if (!clean) return address;
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `${encodedWords(clean)} <${address}>`;
}

/**
 * Wraps content in the branded layout: inline styles, tables, fluid (full width up to 560 px, so a 320 px phone reads
 * it without scrolling sideways; Outlook's Word engine, which ignores max-width, gets a fixed 560 px table through a
 * conditional comment), the language set, long links allowed to break, and colours that stay legible when a mail
 * client darkens the message.
 */
/** A document title stays short (it only names a saved or forwarded email); the subject line keeps the whole text. */
const shortTitle = (title: string): string => (title.length > 60 ? `${title.slice(0, 59)}…` : title);

export function layout(opts: { title: string; accentColour: string; brand: string; bodyHtml: string; footer: string; lang?: string }): string {
  const e = escapeHtml;
  const lang = opts.lang === 'de' ? 'de' : 'en';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${e(shortTitle(opts.title))}</title>
<style>@media (prefers-color-scheme: dark){.wm-page{background:#1d2421 !important}.wm-card{background:#262f2b !important}.wm-card td,.wm-card p,.wm-card li{color:#e9eeeb !important}}</style></head>
<body class="wm-page" style="margin:0;background:#f4f5f4;font-family:Helvetica,Arial,sans-serif;color:#1d2421">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="wm-page" style="background:#f4f5f4"><tbody><tr><td align="center" style="padding:16px 8px">
<!--[if mso]><table role="presentation" width="560" cellpadding="0" cellspacing="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="wm-card" style="max-width:560px;background:#ffffff;border-top:4px solid ${e(opts.accentColour)}"><tbody>
<tr><td style="padding:20px 20px 8px;font-size:14px;color:#58615d">${e(opts.brand)}</td></tr>
<tr><td style="padding:8px 20px 24px;font-size:16px;line-height:1.5;word-break:break-word;overflow-wrap:anywhere">${opts.bodyHtml}</td></tr>
<tr><td style="padding:16px 20px;font-size:12px;color:#5f6864;border-top:1px solid #e6e9e7">${e(opts.footer)}${UNSUBSCRIBE_FOOTER_MARK}</td></tr>
</tbody></table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr></tbody></table></body></html>`;
}
