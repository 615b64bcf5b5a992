import type { Locale } from '../domain/tenant.js';

/**
 * The pages' words, in English and German. `de` must carry every key of `en` with the same parameters (checked by
 * the type), so a page can never show a missing text.
 */
const en = {
  lang: 'en',
  setPasswordTitle: 'Set your password',
  setPasswordIntro: (email: string) => `Choose a password to sign in with ${email}.`,
  passwordLabel: 'Password',
  passwordHint: 'At least 12 characters, with a lowercase and an uppercase letter and a digit.',
  setPasswordButton: 'Set password',
  passwordSetTitle: 'Your password is set',
  passwordSetBody: (email: string) => `You can now sign in to Waymark with ${email} and your new password.`,
  signInNext: 'The Waymark web app for staff is on its way. Until then, you sign in through the Waymark API (POST /v1/auth/sign-in) with this address and password.',
  acceptTitle: (firm: string) => `Join ${firm} on Waymark`,
  acceptIntro: (email: string) => `You were invited to work with your clients on Waymark. Choose a password to sign in with ${email}.`,
  nameLabel: 'Your name',
  acceptButton: 'Accept the invitation',
  acceptedTitle: (firm: string) => `Welcome to ${firm}`,
  acceptedBody: (email: string) => `Your account is ready: sign in with ${email} and the password you chose.`,
  resetTitle: 'Forgot your password?',
  resetIntro: 'Enter the email address of your Waymark account. We will send a link to choose a new password.',
  emailLabel: 'Email address',
  resetButton: 'Send the link',
  resetSentTitle: 'Check your email',
  resetSentBody: 'If this address belongs to a Waymark account, a link to choose a new password is on its way. It works for one hour.',
  deadTitle: 'This link no longer works',
  deadBody: {
    expired: 'The link has expired.',
    used: 'The link was used already.',
    other: 'The link is not valid any more.',
  },
  deadFreshLink: 'Enter your email address and we will send you a fresh link.',
  deadInvitation: 'Ask the firm that invited you to send the invitation again.',
  refusedTitle: 'This request was refused',
  refusedBody: 'The form must be sent from this Waymark page. Open the link from your email again and try once more.',
  tooManyTitle: 'Too many attempts',
  tooManyBody: (minutes: number) => `Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
  errorTitle: 'Something went wrong',
  errorBody: (requestId: string) => `It has been logged. Please try again in a moment; if it happens again, quote this reference: ${requestId}.`,
  fieldProblem: 'Please check this field.',
  /** What is wrong with a field, said for people (the validator's own words are for the API). */
  problems: {
    password: 'Choose a password of at least 12 characters, with a lowercase and an uppercase letter and a digit.',
    email: 'Enter an email address such as name@example.com.',
    name: 'Enter your name (up to 120 characters, on one line).',
  } as Record<string, string>,
  footer: 'Sent by Waymark on behalf of your coaching firm.',
};

export type Words = typeof en;

const de: Words = {
  lang: 'de',
  setPasswordTitle: 'Passwort festlegen',
  setPasswordIntro: (email) => `Wählen Sie ein Passwort, um sich mit ${email} anzumelden.`,
  passwordLabel: 'Passwort',
  passwordHint: 'Mindestens 12 Zeichen, mit Klein- und Großbuchstaben und einer Ziffer.',
  setPasswordButton: 'Passwort festlegen',
  passwordSetTitle: 'Ihr Passwort ist gesetzt',
  passwordSetBody: (email) => `Sie können sich jetzt mit ${email} und Ihrem neuen Passwort bei Waymark anmelden.`,
  signInNext: 'Die Waymark-Web-App für Mitarbeitende folgt in Kürze. Bis dahin melden Sie sich mit dieser Adresse und diesem Passwort über die Waymark-API an (POST /v1/auth/sign-in).',
  acceptTitle: (firm) => `Bei ${firm} auf Waymark mitmachen`,
  acceptIntro: (email) => `Sie wurden eingeladen, auf Waymark mit Ihren Klientinnen und Klienten zu arbeiten. Wählen Sie ein Passwort, um sich mit ${email} anzumelden.`,
  nameLabel: 'Ihr Name',
  acceptButton: 'Einladung annehmen',
  acceptedTitle: (firm) => `Willkommen bei ${firm}`,
  acceptedBody: (email) => `Ihr Konto ist bereit: Melden Sie sich mit ${email} und Ihrem gewählten Passwort an.`,
  resetTitle: 'Passwort vergessen?',
  resetIntro: 'Geben Sie die E-Mail-Adresse Ihres Waymark-Kontos ein. Wir senden Ihnen einen Link, um ein neues Passwort zu wählen.',
  emailLabel: 'E-Mail-Adresse',
  resetButton: 'Link senden',
  resetSentTitle: 'Prüfen Sie Ihr Postfach',
  resetSentBody: 'Wenn zu dieser Adresse ein Waymark-Konto besteht, ist ein Link für ein neues Passwort unterwegs. Er gilt eine Stunde.',
  deadTitle: 'Dieser Link funktioniert nicht mehr',
  deadBody: {
    expired: 'Der Link ist abgelaufen.',
    used: 'Der Link wurde bereits verwendet.',
    other: 'Der Link ist nicht mehr gültig.',
  },
  deadFreshLink: 'Geben Sie Ihre E-Mail-Adresse ein, und wir senden Ihnen einen neuen Link.',
  deadInvitation: 'Bitten Sie die Firma, die Sie eingeladen hat, die Einladung erneut zu senden.',
  refusedTitle: 'Diese Anfrage wurde abgelehnt',
  refusedBody: 'Das Formular muss von dieser Waymark-Seite gesendet werden. Öffnen Sie den Link aus Ihrer E-Mail erneut und versuchen Sie es noch einmal.',
  tooManyTitle: 'Zu viele Versuche',
  tooManyBody: (minutes) => `Bitte warten Sie ${minutes} Minute${minutes === 1 ? '' : 'n'} und versuchen Sie es erneut.`,
  errorTitle: 'Etwas ist schiefgelaufen',
  errorBody: (requestId) => `Der Fehler wurde protokolliert. Bitte versuchen Sie es gleich noch einmal; falls er wieder auftritt, nennen Sie diese Referenz: ${requestId}.`,
  fieldProblem: 'Bitte prüfen Sie dieses Feld.',
  problems: {
    password: 'Wählen Sie ein Passwort mit mindestens 12 Zeichen, mit Klein- und Großbuchstaben und einer Ziffer.',
    email: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
    name: 'Geben Sie Ihren Namen ein (bis 120 Zeichen, auf einer Zeile).',
  },
  footer: 'Gesendet von Waymark im Auftrag Ihrer Coaching-Firma.',
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
