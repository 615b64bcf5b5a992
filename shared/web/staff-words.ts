import type { Locale } from '../domain/tenant.js';
import { words, type Words } from './i18n.js';

/** The words of the pages behind staff links (set a password, accept an invitation, a reset sent). */
const en = {
  setPasswordTitle: 'Set your password',
  setPasswordIntro: (email: string) => `Choose a password to sign in with ${email}.`,
  passwordLabel: 'Password',
  passwordHint: 'At least 12 characters, with a lowercase and an uppercase letter and a digit.',
  setPasswordButton: 'Set password',
  passwordSetTitle: 'Your password is set',
  passwordSetBody: (email: string) => `You can now sign in to Waymark with ${email} and your new password.`,
  signInNext: 'Sign in to Waymark',
  acceptTitle: (firm: string) => `Join ${firm} on Waymark`,
  acceptIntro: (email: string) => `You were invited to work with your clients on Waymark. Choose a password to sign in with ${email}.`,
  nameLabel: 'Your name',
  acceptButton: 'Accept the invitation',
  acceptedTitle: (firm: string) => `Welcome to ${firm}`,
  acceptedBody: (email: string) => `Your account is ready: sign in with ${email} and the password you chose.`,
  resetSentTitle: 'Check your email',
  resetSentBody: 'If this address belongs to a Waymark account, a link to choose a new password is on its way. It works for one hour.',
  problems: {
    password: 'Choose a password of at least 12 characters, with a lowercase and an uppercase letter and a digit.',
    name: 'Enter your name (up to 120 characters, on one line).',
  } as Record<string, string>,
};

export type StaffWords = Words & typeof en;

const de: typeof en = {
  setPasswordTitle: 'Passwort festlegen',
  setPasswordIntro: (email) => `Wählen Sie ein Passwort, um sich mit ${email} anzumelden.`,
  passwordLabel: 'Passwort',
  passwordHint: 'Mindestens 12 Zeichen, mit Klein- und Großbuchstaben und einer Ziffer.',
  setPasswordButton: 'Passwort festlegen',
  passwordSetTitle: 'Ihr Passwort ist gesetzt',
  passwordSetBody: (email) => `Sie können sich jetzt mit ${email} und Ihrem neuen Passwort bei Waymark anmelden.`,
  signInNext: 'Bei Waymark anmelden',
  acceptTitle: (firm) => `Bei ${firm} auf Waymark mitmachen`,
  acceptIntro: (email) => `Sie wurden eingeladen, auf Waymark mit Ihren Klientinnen und Klienten zu arbeiten. Wählen Sie ein Passwort, um sich mit ${email} anzumelden.`,
  nameLabel: 'Ihr Name',
  acceptButton: 'Einladung annehmen',
  acceptedTitle: (firm) => `Willkommen bei ${firm}`,
  acceptedBody: (email) => `Ihr Konto ist bereit: Melden Sie sich mit ${email} und Ihrem gewählten Passwort an.`,
  resetSentTitle: 'Prüfen Sie Ihr Postfach',
  resetSentBody: 'Wenn zu dieser Adresse ein Waymark-Konto besteht, ist ein Link für ein neues Passwort unterwegs. Er gilt eine Stunde.',
  problems: {
    password: 'Wählen Sie ein Passwort mit mindestens 12 Zeichen, mit Klein- und Großbuchstaben und einer Ziffer.',
    name: 'Geben Sie Ihren Namen ein (bis 120 Zeichen, auf einer Zeile).',
  },
};

const own: Record<Locale, typeof en> = { en, de };

/** The shared words and these pages' own, with the field problems of both. */
export const staffWords = (locale: Locale): StaffWords => ({ ...words[locale], ...own[locale], problems: { ...words[locale].problems, ...own[locale].problems } });
