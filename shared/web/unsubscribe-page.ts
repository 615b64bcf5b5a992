import type { Locale } from '../domain/tenant.js';
import type { MailingList } from '../email/message.js';
import { hidden } from './forms.js';
import { html } from './html.js';
import { words as shared, type Words } from './i18n.js';
import { renderPage, type Brand, type Page } from './layout.js';

/**
 * The pages behind an unsubscribe link: a confirm page (opening the link changes nothing: mail scanners open links)
 * whose button posts what a mail server's one-click POST sends, and the answer once unsubscribed.
 */
const en = {
  ...shared.en,
  lists: { reminders: 'reminder emails', 'coach-digest': 'daily digest emails', 'sponsor-report': 'progress report emails' } as Record<MailingList, string>,
  confirmTitle: 'Unsubscribe?',
  confirmBody: (list: string, firm: string) => `You will get no more ${list} from ${firm}.`,
  confirmButton: 'Unsubscribe',
  doneTitle: 'You are unsubscribed',
  doneBody: (list: string, firm: string) => `You will get no more ${list} from ${firm}.`,
  remindersBack: 'Changed your mind? Your page (the link in your last reminder) lets you turn reminders on again.',
  otherwiseBack: 'Changed your mind? Ask your coaching firm to send them again.',
};

export type UnsubscribeWords = typeof en;

const de: UnsubscribeWords = {
  ...shared.de,
  lists: { reminders: 'Erinnerungs-E-Mails', 'coach-digest': 'täglichen Übersichten', 'sponsor-report': 'Fortschrittsberichte' },
  confirmTitle: 'Abbestellen?',
  confirmBody: (list, firm) => `Sie erhalten keine ${list} mehr von ${firm}.`,
  confirmButton: 'Abbestellen',
  doneTitle: 'Sie haben abbestellt',
  doneBody: (list, firm) => `Sie erhalten keine ${list} mehr von ${firm}.`,
  remindersBack: 'Doch anders entschieden? Auf Ihrer Seite (der Link in Ihrer letzten Erinnerung) schalten Sie Erinnerungen wieder ein.',
  otherwiseBack: 'Doch anders entschieden? Bitten Sie Ihre Coaching-Firma, sie wieder zu senden.',
};

export const unsubscribeWords = (locale: Locale): UnsubscribeWords => (locale === 'de' ? de : en);

/** The confirm page: the form posts the one-click field and the token to the page's own path. */
export const unsubscribeConfirmPage = (w: UnsubscribeWords, brand: Brand, opts: { list: MailingList; token: string }): Page =>
  renderPage(
    w as Words,
    brand,
    w.confirmTitle,
    html`<h1>${w.confirmTitle}</h1><p>${w.confirmBody(w.lists[opts.list], brand.name)}</p>
<form method="post" action="/unsubscribe">${hidden('token', opts.token)}${hidden('List-Unsubscribe', 'One-Click')}
<button type="submit">${w.confirmButton}</button></form>`,
  );

export const unsubscribedPage = (w: UnsubscribeWords, brand: Brand, list: MailingList): Page =>
  renderPage(w as Words, brand, w.doneTitle, html`<h1>${w.doneTitle}</h1><p>${w.doneBody(w.lists[list], brand.name)}</p><p>${list === 'reminders' ? w.remindersBack : w.otherwiseBack}</p>`);
