import type { AppWords } from './app-words.js';
import { withOwnWords } from './page-words.js';

/** The words of the user's security pages (their authenticator app, sign out everywhere, password). */
const en = {
  security: {
    title: 'Security',
    mustEnrol: 'Your firm requires an authenticator app for signing in. Set one up now: until then, this page is all you can open.',
    needsCodeSignIn: 'Your firm requires signing in with your authenticator app, and this session began with the password only. Sign out, then sign in again with the app’s code.',
    notices: {
      enrolled: 'Your authenticator app is set up. From now on, signing in asks for its code.',
      removed: 'Your authenticator app is removed. Signing in asks for your password only.',
      interrupted: 'The setup of your authenticator app was interrupted. Start it again.',
    },
    appTitle: 'Authenticator app',
    enrolledState: 'You sign in with your password and a code from your authenticator app.',
    notEnrolledState: 'You sign in with your password only.',
    firmRequires: 'Your firm requires an authenticator app for everyone.',
    firmAllows: 'Your firm does not require one, but it protects your clients’ confidential notes if your password ever leaks.',
    setUp: 'Set up an authenticator app',
    remove: 'Remove the authenticator app',
    removeHint: 'For your protection this needs a sign-in of the last 15 minutes: otherwise you sign in again first.',
    cannotRemove: 'While your firm requires it, the app cannot be removed. To move to a new phone, ask an owner or admin of your firm.',
    signInAgainToRemove: 'To remove your authenticator app, sign in again first (the last sign-in was more than 15 minutes ago).',
    sessionsTitle: 'Sessions',
    sessionsIntro: 'Lost a device, or signed in on a shared computer? Sign out everywhere ends every session of yours, this one included.',
    signOutEverywhere: 'Sign out everywhere',
    passwordTitle: 'Password',
    passwordIntro: 'We email you a link to choose a new password. Changing it signs you out everywhere.',
    changePassword: 'Change your password',
    signedOutEverywhereTitle: 'You are signed out everywhere',
    signedOutEverywhereBody: 'Every session of yours has ended, on this device and all others.',
  },
  enrol: {
    title: 'Set up your authenticator app',
    step1: 'Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, 1Password or Authy) and add an account.',
    step2: 'Scan this QR code with the app.',
    qrName: (issuer: string) => `QR code for adding ${issuer} to an authenticator app; the same key is written below`,
    step3: 'Cannot scan it? Type this key into the app instead (time-based):',
    step4: 'Enter the 6-digit code the app now shows for Waymark.',
    confirm: 'Confirm and turn on',
    cancel: 'Cancel',
  },
  problems: {
    code: 'Enter the 6-digit code your authenticator app shows now (a new one comes every 30 seconds).',
    secret: 'The setup was interrupted: start again.',
  } as Record<string, string>,
};

const de: typeof en = {
  security: {
    title: 'Sicherheit',
    mustEnrol: 'Ihre Firma verlangt für die Anmeldung eine Authenticator-App. Richten Sie sie jetzt ein: bis dahin können Sie nur diese Seite öffnen.',
    needsCodeSignIn: 'Ihre Firma verlangt die Anmeldung mit Ihrer Authenticator-App, und diese Sitzung begann nur mit dem Passwort. Melden Sie sich ab und dann mit dem Code der App erneut an.',
    notices: {
      enrolled: 'Ihre Authenticator-App ist eingerichtet. Ab jetzt fragt die Anmeldung nach ihrem Code.',
      removed: 'Ihre Authenticator-App ist entfernt. Die Anmeldung fragt nur noch nach Ihrem Passwort.',
      interrupted: 'Die Einrichtung Ihrer Authenticator-App wurde unterbrochen. Beginnen Sie erneut.',
    },
    appTitle: 'Authenticator-App',
    enrolledState: 'Sie melden sich mit Ihrem Passwort und einem Code aus Ihrer Authenticator-App an.',
    notEnrolledState: 'Sie melden sich nur mit Ihrem Passwort an.',
    firmRequires: 'Ihre Firma verlangt eine Authenticator-App von allen.',
    firmAllows: 'Ihre Firma verlangt sie nicht, aber sie schützt die vertraulichen Notizen Ihrer Klient:innen, falls Ihr Passwort einmal bekannt wird.',
    setUp: 'Authenticator-App einrichten',
    remove: 'Authenticator-App entfernen',
    removeHint: 'Zu Ihrem Schutz braucht das eine Anmeldung der letzten 15 Minuten: sonst melden Sie sich zuerst erneut an.',
    cannotRemove: 'Solange Ihre Firma sie verlangt, lässt sich die App nicht entfernen. Für ein neues Telefon wenden Sie sich an eine Inhaberin oder einen Admin Ihrer Firma.',
    signInAgainToRemove: 'Um Ihre Authenticator-App zu entfernen, melden Sie sich zuerst erneut an (die letzte Anmeldung ist über 15 Minuten her).',
    sessionsTitle: 'Sitzungen',
    sessionsIntro: 'Gerät verloren oder an einem fremden Computer angemeldet? „Überall abmelden“ beendet jede Ihrer Sitzungen, auch diese.',
    signOutEverywhere: 'Überall abmelden',
    passwordTitle: 'Passwort',
    passwordIntro: 'Wir senden Ihnen einen Link, um ein neues Passwort zu wählen. Eine Änderung meldet Sie überall ab.',
    changePassword: 'Passwort ändern',
    signedOutEverywhereTitle: 'Sie sind überall abgemeldet',
    signedOutEverywhereBody: 'Jede Ihrer Sitzungen ist beendet, auf diesem Gerät und allen anderen.',
  },
  enrol: {
    title: 'Authenticator-App einrichten',
    step1: 'Öffnen Sie eine Authenticator-App auf Ihrem Telefon (zum Beispiel Google Authenticator, Microsoft Authenticator, 1Password oder Authy) und fügen Sie ein Konto hinzu.',
    step2: 'Scannen Sie diesen QR-Code mit der App.',
    qrName: (issuer) => `QR-Code, um ${issuer} einer Authenticator-App hinzuzufügen; derselbe Schlüssel steht darunter`,
    step3: 'Scannen geht nicht? Geben Sie stattdessen diesen Schlüssel in die App ein (zeitbasiert):',
    step4: 'Geben Sie den 6-stelligen Code ein, den die App jetzt für Waymark zeigt.',
    confirm: 'Bestätigen und einschalten',
    cancel: 'Abbrechen',
  },
  problems: {
    code: 'Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App gerade zeigt (alle 30 Sekunden kommt ein neuer).',
    secret: 'Die Einrichtung wurde unterbrochen: beginnen Sie erneut.',
  },
};

export type SecurityWords = AppWords & Omit<typeof en, 'problems'>;

export const securityWords = (w: AppWords): SecurityWords => withOwnWords(w, { en, de });
