import type { Tenant } from '../../domain/tenant.js';
import { escapeHtml as e, layout, LINK_TOKEN_PLACEHOLDER, type EmailLink, type EmailMessage } from '../message.js';

/**
 * An email of a few lines and one button that opens an emailed link, in the firm's look. The link's URL holds a
 * placeholder where the token goes: messages never contain the token, so the outbox never stores it.
 */
export interface Copy {
  subject: string;
  lines: string[];
  cta: string;
  footer: string;
}

/** The link an email is rendered for, as issueLink returns it (its token stays with the caller). */
export interface IssuedLinkRef {
  hash: string;
  validUntil: number;
}

export function linkEmail(opts: { key: string; kind: string; to: string; tenant: Tenant; copy: Copy; page: string; appUrl: string; link: EmailLink; fromName: string; replyTo?: string; lang?: string }): EmailMessage {
  const { copy, tenant } = opts;
  const url = `${opts.appUrl}/${opts.page}?token=${LINK_TOKEN_PLACEHOLDER}`;
  const bodyHtml =
    copy.lines.map((line) => `<p style="margin:0 0 12px">${e(line)}</p>`).join('') +
    `<p style="margin:20px 0 0"><a href="${e(url)}" style="background:${e(tenant.branding.accentColour)};color:#ffffff;padding:10px 18px;text-decoration:none;border-radius:4px">${e(copy.cta)}</a></p>` +
    `<p style="margin:16px 0 0;font-size:13px;color:#58615d">${e(url)}</p>`;
  return {
    idempotencyKey: opts.key,
    kind: opts.kind,
    to: opts.to,
    subject: copy.subject,
    text: `${copy.lines.join('\n\n')}\n\n${copy.cta}: ${url}\n\n--\n${copy.footer}\n`,
    html: layout({ title: copy.subject, accentColour: tenant.branding.accentColour, brand: tenant.branding.displayName, bodyHtml, footer: copy.footer, lang: opts.lang ?? tenant.locale }),
    fromName: opts.fromName,
    replyTo: opts.replyTo,
    link: opts.link,
  };
}

