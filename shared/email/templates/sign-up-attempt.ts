import type { Locale } from '../../domain/tenant.js';
import { escapeHtml as e, layout, type EmailMessage } from '../message.js';

/**
 * To an address that already has a Waymark account, when someone signs up a new firm with it. Sign-up answers the
 * same either way, so only the owner of the address learns that it has an account.
 */
const copy: Record<Locale, { subject: string; lines: string[]; footer: string }> = {
  en: {
    subject: 'Someone tried to sign up a firm on Waymark with your address',
    lines: [
      'Hello,',
      'someone just tried to sign up a new coaching firm on Waymark with this email address, which already has a Waymark account.',
      'If that was you: sign in with your existing account, or use "forgot password" on the sign-in page. If it was not you, you need not do anything; nothing was created.',
    ],
    footer: 'You receive this email because this address has a Waymark account.',
  },
  de: {
    subject: 'Jemand wollte mit Ihrer Adresse eine Firma bei Waymark registrieren',
    lines: [
      'Guten Tag,',
      'soeben wollte jemand mit dieser E-Mail-Adresse, die bereits ein Waymark-Konto hat, eine neue Coaching-Firma bei Waymark registrieren.',
      'Waren Sie das, melden Sie sich mit Ihrem bestehenden Konto an oder nutzen Sie „Passwort vergessen“. Wenn nicht, müssen Sie nichts tun; es wurde nichts angelegt.',
    ],
    footer: 'Sie erhalten diese E-Mail, weil zu dieser Adresse ein Waymark-Konto besteht.',
  },
};

/** One notice per account and day at most (the idempotency key holds the day). */
export function signUpAttemptEmail(to: string, userId: string, locale: Locale, now: Date): EmailMessage {
  const c = copy[locale];
  return {
    idempotencyKey: `sign-up-attempt#${userId}#${now.toISOString().slice(0, 10)}`,
    kind: 'sign-up-attempt',
    to,
    subject: c.subject,
    text: `${c.lines.join('\n\n')}\n\n--\n${c.footer}\n`,
    html: layout({ title: c.subject, accentColour: '#2f6f5e', brand: 'Waymark', bodyHtml: c.lines.map((line) => `<p style="margin:0 0 12px">${e(line)}</p>`).join(''), footer: c.footer, lang: locale }),
    fromName: 'Waymark',
  };
}
