import type { Locale } from '../domain/tenant.js';

/**
 * The words every page shares (its frame, the error and dead-link pages, the reset form), in English and German.
 * Each area's pages add their own (staff-words.ts, client-words.ts), so a function bundles only its pages' words.
 * `de` must carry every key of `en` with the same parameters (checked by the type): a page never shows a missing text.
 */
const en = {
  lang: 'en',
  resetTitle: 'Forgot your password?',
  resetIntro: 'Enter the email address of your Waymark account. We will send a link to choose a new password.',
  emailLabel: 'Email address',
  resetButton: 'Send the link',
  deadTitle: 'This link no longer works',
  deadBody: {
    expired: 'The link has expired.',
    used: 'The link was used already.',
    other: 'The link is not valid any more.',
  },
  deadFreshLink: 'Enter your email address and we will send you a fresh link.',
  deadInvitation: 'Ask the firm that invited you to send the invitation again.',
  deadUnsubscribe: 'Use the unsubscribe link of a newer email from the same firm, or ask the firm to stop sending them.',
  deadReport: 'Each report email has its own link; the newest one opens the newest report. The coaching firm can send a report again.',
  freshLinkOffer: 'We can email a fresh link to the address your coach has for you.',
  freshLinkButton: 'Email me a fresh link',
  openNewestLink: 'Open the newest link from your email, or open this link again to ask for a fresh one.',
  refusedTitle: 'This request was refused',
  refusedBody: 'The form must be sent from this Waymark page. Open the link from your email again and try once more.',
  tooManyTitle: 'Too many attempts',
  tooManyBody: (minutes: number) => `Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
  errorTitle: 'Something went wrong',
  errorBody: (requestId: string) => `It has been logged. Please try again in a moment; if it happens again, quote this reference: ${requestId}.`,
  fieldProblem: 'Please check this field.',
  footer: 'Sent by Waymark on behalf of your coaching firm.',
  /** What is wrong with a field, said for people (the validator's own words are for the API). */
  problems: {
    email: 'Enter an email address such as name@example.com.',
  } as Record<string, string>,
};

export type Words = typeof en;

const de: Words = {
  lang: 'de',
  resetTitle: 'Passwort vergessen?',
  resetIntro: 'Geben Sie die E-Mail-Adresse Ihres Waymark-Kontos ein. Wir senden Ihnen einen Link, um ein neues Passwort zu wählen.',
  emailLabel: 'E-Mail-Adresse',
  resetButton: 'Link senden',
  deadTitle: 'Dieser Link funktioniert nicht mehr',
  deadBody: {
    expired: 'Der Link ist abgelaufen.',
    used: 'Der Link wurde bereits verwendet.',
    other: 'Der Link ist nicht mehr gültig.',
  },
  deadFreshLink: 'Geben Sie Ihre E-Mail-Adresse ein, und wir senden Ihnen einen neuen Link.',
  deadInvitation: 'Bitten Sie die Firma, die Sie eingeladen hat, die Einladung erneut zu senden.',
  deadUnsubscribe: 'Verwenden Sie den Abmeldelink einer neueren E-Mail derselben Firma, oder bitten Sie die Firma, keine mehr zu senden.',
  deadReport: 'Jede Bericht-E-Mail hat ihren eigenen Link; der neueste öffnet den neuesten Bericht. Die Coaching-Firma kann einen Bericht erneut senden.',
  freshLinkOffer: 'Wir können Ihnen einen neuen Link an die Adresse senden, die Ihr Coach von Ihnen hat.',
  freshLinkButton: 'Neuen Link senden',
  openNewestLink: 'Öffnen Sie den neuesten Link aus Ihrer E-Mail, oder öffnen Sie diesen Link erneut, um einen neuen anzufordern.',
  refusedTitle: 'Diese Anfrage wurde abgelehnt',
  refusedBody: 'Das Formular muss von dieser Waymark-Seite gesendet werden. Öffnen Sie den Link aus Ihrer E-Mail erneut und versuchen Sie es noch einmal.',
  tooManyTitle: 'Zu viele Versuche',
  tooManyBody: (minutes) => `Bitte warten Sie ${minutes} Minute${minutes === 1 ? '' : 'n'} und versuchen Sie es erneut.`,
  errorTitle: 'Etwas ist schiefgelaufen',
  errorBody: (requestId) => `Der Fehler wurde protokolliert. Bitte versuchen Sie es gleich noch einmal; falls er wieder auftritt, nennen Sie diese Referenz: ${requestId}.`,
  fieldProblem: 'Bitte prüfen Sie dieses Feld.',
  footer: 'Gesendet von Waymark im Auftrag Ihrer Coaching-Firma.',
  /** What is wrong with a field, said for people (the validator's own words are for the API). */
  problems: {
    email: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
  },
};

export const words: Record<Locale, Words> = { en, de };

/** The page locale for a visitor no firm is known for yet: German if `Accept-Language` prefers it to English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { lang: (tag ?? '').split('-')[0]!, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((entry) => entry.lang === 'de' || entry.lang === 'en');
  return first?.lang === 'de' ? 'de' : 'en';
}
