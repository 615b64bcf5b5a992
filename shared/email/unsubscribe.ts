import type { TenantScope } from '../db/keys.js';
import type { TransactItem } from '../db/transact.js';
import type { Locale } from '../domain/tenant.js';
import { issueLink } from '../links/tokens.js';
import { escapeHtml as e, UNSUBSCRIBE_FOOTER_MARK, UNSUBSCRIBE_TOKEN_PLACEHOLDER, type EmailMessage, type MailingList } from './message.js';
import { addressHash } from './suppression.js';

/**
 * Gives a scheduled email (a reminder digest, a coach's digest, a sponsor report) its one-click unsubscribe link:
 * the List-Unsubscribe header fields (filled in at send) and a visible link in the footer of both bodies. The link
 * is a stored-hash link like every other (`purpose: unsubscribe`, the recipient as subject, the list and the hash of
 * the address on the record), issued in the same transaction as the email and re-issued by the outbox on a retry.
 */
export const UNSUBSCRIBE_LINK_DAYS = 365;

const footerWords: Record<Locale, Record<MailingList, string>> = {
  en: { reminders: 'Unsubscribe from these reminders', 'coach-digest': 'Unsubscribe from the daily digest', 'sponsor-report': 'Unsubscribe from these reports' },
  de: { reminders: 'Diese Erinnerungen abbestellen', 'coach-digest': 'Die tägliche Übersicht abbestellen', 'sponsor-report': 'Diese Berichte abbestellen' },
};

export interface Unsubscribable {
  message: EmailMessage;
  /** The link record: put it in the transaction that queues the email. */
  item: TransactItem;
  /** The link's token, for sendNow; never stored. */
  token: string;
}

export function withUnsubscribeLink(
  scope: TenantScope,
  message: EmailMessage,
  opts: { list: MailingList; recipientId: string; locale: Locale; appUrl: string },
  now: Date,
): Unsubscribable {
  if (!message.html.includes(UNSUBSCRIBE_FOOTER_MARK)) throw new Error(`email ${message.idempotencyKey} has no footer for an unsubscribe link: render it with layout()`);
  const link = issueLink(scope, 'unsubscribe', opts.recipientId, UNSUBSCRIBE_LINK_DAYS * 86_400, now, 0, { list: opts.list, addressHash: addressHash(message.to) });
  const url = `${opts.appUrl}/unsubscribe?token=${UNSUBSCRIBE_TOKEN_PLACEHOLDER}`;
  const label = footerWords[opts.locale][opts.list];
  return {
    message: {
      ...message,
      html: message.html.replace(UNSUBSCRIBE_FOOTER_MARK, `<br><a href="${e(url)}" style="color:#5f6864">${e(label)}</a>`),
      text: `${message.text.replace(/\n*$/, '')}\n${label}: ${url}\n`,
      unsubscribe: { list: opts.list, recipientId: opts.recipientId, hash: link.hash, validUntil: link.validUntil, url },
    },
    item: link.item,
    token: link.token,
  };
}
