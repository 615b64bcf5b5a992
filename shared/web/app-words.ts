import type { Locale } from '../domain/tenant.js';
import type { SessionEnd } from '../domain/web-session.js';
import { words, type Words } from './i18n.js';

/**
 * The words of the staff web app's frame and its sign-in (navigation, sign-in, the code step, session ends). Each
 * group of pages adds its own words module beside this one, so a function bundles only its pages' words.
 */
const en = {
  appFooter: 'Waymark · coaching programs between sessions',
  skipToContent: 'Skip to content',
  navLabel: 'Main',
  nav: { home: 'Programs', clients: 'Clients', sponsors: 'Sponsors', firm: 'Firm', security: 'Security', me: 'My settings', signOut: 'Sign out' },
  signedInAs: (name: string) => `Signed in as ${name}`,
  signInTitle: 'Sign in to Waymark',
  signInIntro: 'Staff of a coaching firm sign in here. Clients and sponsors need no password: they use the links in their emails.',
  passwordLabel: 'Password',
  signInButton: 'Sign in',
  forgotPassword: 'Forgot your password?',
  signInRefused: 'The email address or password is not right, or this account is not active.',
  codeTitle: 'Enter your authenticator code',
  codeIntro: 'Open the authenticator app on your phone and enter the 6-digit code it shows for Waymark.',
  codeLabel: 'Code',
  codeHint: '6 digits, for example 123456',
  codeButton: 'Continue',
  codeExpired: 'The sign-in took too long. Enter your email address and password again.',
  sessionEnded: {
    none: '',
    idle: 'You were signed out because the session was not used for a while. Sign in again to continue.',
    expired: 'Your session has ended. Sign in again to continue.',
    ended: 'Your session has ended (signed out on all devices, or the password changed). Sign in again.',
    inactive: 'Your access to this firm has ended. Ask an owner or admin of your firm.',
  } satisfies Record<SessionEnd, string>,
  signedOutTitle: 'You are signed out',
  signedOutBody: 'Your session has ended on this device.',
  signInAgain: 'Sign in again',
  notFoundTitle: 'Not found',
  notFoundBody: 'There is nothing here, or it is not yours to see.',
  backHome: 'Back to your programs',
  forbiddenTitle: 'Not allowed',
  forbiddenBody: 'Your role in this firm does not allow this. Ask an owner or admin of your firm.',
  crossSiteTitle: 'This request was refused',
  crossSiteBody: 'The form must be sent from a Waymark page. Go back, reload the page and try again.',
  problemsTitle: 'There is a problem',
  problems: {
    email: 'Enter an email address such as name@example.com.',
    password: 'Enter your password.',
    code: 'Enter the 6-digit code your authenticator app shows now.',
  } as Record<string, string>,
};

export type AppWords = Omit<Words, 'problems'> & typeof en;

const de: typeof en = {
  appFooter: 'Waymark · Coaching-Programme zwischen den Sitzungen',
  skipToContent: 'Zum Inhalt springen',
  navLabel: 'Hauptmenü',
  nav: { home: 'Programme', clients: 'Klient:innen', sponsors: 'Auftraggeber:innen', firm: 'Firma', security: 'Sicherheit', me: 'Meine Einstellungen', signOut: 'Abmelden' },
  signedInAs: (name) => `Angemeldet als ${name}`,
  signInTitle: 'Bei Waymark anmelden',
  signInIntro: 'Mitarbeitende einer Coaching-Firma melden sich hier an. Klient:innen und Auftraggeber:innen brauchen kein Passwort: Sie nutzen die Links in ihren E-Mails.',
  passwordLabel: 'Passwort',
  signInButton: 'Anmelden',
  forgotPassword: 'Passwort vergessen?',
  signInRefused: 'E-Mail-Adresse oder Passwort stimmen nicht, oder dieses Konto ist nicht aktiv.',
  codeTitle: 'Code aus der Authenticator-App',
  codeIntro: 'Öffnen Sie die Authenticator-App auf Ihrem Telefon und geben Sie den 6-stelligen Code für Waymark ein.',
  codeLabel: 'Code',
  codeHint: '6 Ziffern, zum Beispiel 123456',
  codeButton: 'Weiter',
  codeExpired: 'Die Anmeldung hat zu lange gedauert. Geben Sie E-Mail-Adresse und Passwort erneut ein.',
  sessionEnded: {
    none: '',
    idle: 'Sie wurden abgemeldet, weil die Sitzung eine Weile nicht genutzt wurde. Melden Sie sich erneut an.',
    expired: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.',
    ended: 'Ihre Sitzung wurde beendet (auf allen Geräten abgemeldet oder Passwort geändert). Melden Sie sich erneut an.',
    inactive: 'Ihr Zugang zu dieser Firma ist beendet. Wenden Sie sich an eine Inhaberin oder einen Admin Ihrer Firma.',
  },
  signedOutTitle: 'Sie sind abgemeldet',
  signedOutBody: 'Ihre Sitzung auf diesem Gerät ist beendet.',
  signInAgain: 'Erneut anmelden',
  notFoundTitle: 'Nicht gefunden',
  notFoundBody: 'Hier gibt es nichts, oder es ist nicht für Sie bestimmt.',
  backHome: 'Zurück zu Ihren Programmen',
  forbiddenTitle: 'Nicht erlaubt',
  forbiddenBody: 'Ihre Rolle in dieser Firma erlaubt das nicht. Wenden Sie sich an eine Inhaberin oder einen Admin Ihrer Firma.',
  crossSiteTitle: 'Diese Anfrage wurde abgelehnt',
  crossSiteBody: 'Das Formular muss von einer Waymark-Seite gesendet werden. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.',
  problemsTitle: 'Bitte prüfen Sie Ihre Angaben',
  problems: {
    email: 'Geben Sie eine E-Mail-Adresse ein, zum Beispiel name@example.com.',
    password: 'Geben Sie Ihr Passwort ein.',
    code: 'Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App gerade zeigt.',
  },
};

const own: Record<Locale, typeof en> = { en, de };

/** The shared words and the app's own, with the field problems of both. */
export const appWords = (locale: Locale): AppWords => ({ ...words[locale], ...own[locale], problems: { ...words[locale].problems, ...own[locale].problems } });
