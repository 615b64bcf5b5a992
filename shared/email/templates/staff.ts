import type { Locale, StaffUser, Tenant } from '../../domain/tenant.js';
import type { EmailMessage } from '../message.js';
import { linkEmail, type Copy, type IssuedLinkRef } from './link.js';

export type { IssuedLinkRef } from './link.js';

/**
 * Emails to staff: welcome (set your password), invitation, password reset. Each is a few lines and one button
 * that opens an emailed link; all copy exists in English and German, chosen by the firm's locale. The link's URL
 * holds a placeholder where the token goes: messages never contain the token, so the outbox never stores it.
 */
const welcomeCopy: Record<Locale, (t: Tenant, owner: StaffUser, days: number) => Copy> = {
  en: (t, owner, days) => ({
    subject: `Welcome to Waymark, ${t.name} is ready`,
    lines: [
      `Hello ${owner.name},`,
      `your coaching firm ${t.name} now has its own space on Waymark, at the address ${t.slug}.`,
      `Set your password to sign in with ${owner.email}, then invite your coaches and start your first program. The link works for ${days} days.`,
    ],
    cta: 'Set your password',
    footer: `You receive this email because ${owner.email} signed up ${t.name} on Waymark.`,
  }),
  de: (t, owner, days) => ({
    subject: `Willkommen bei Waymark, ${t.name} ist bereit`,
    lines: [
      `Hallo ${owner.name},`,
      `Ihre Coaching-Firma ${t.name} hat jetzt ihren eigenen Bereich auf Waymark, unter der Adresse ${t.slug}.`,
      `Legen Sie Ihr Passwort fest, um sich mit ${owner.email} anzumelden; danach laden Sie Ihre Coaches ein und starten Ihr erstes Programm. Der Link gilt ${days} Tage.`,
    ],
    cta: 'Passwort festlegen',
    footer: `Sie erhalten diese E-Mail, weil ${owner.email} die Firma ${t.name} bei Waymark angemeldet hat.`,
  }),
};

export function welcomeEmail(tenant: Tenant, owner: StaffUser, link: IssuedLinkRef, days: number, appUrl: string): EmailMessage {
  return linkEmail({
    key: `welcome#${owner.userId}`,
    kind: 'welcome',
    to: owner.email,
    tenant,
    copy: welcomeCopy[tenant.locale](tenant, owner, days),
    page: 'set-password',
    appUrl,
    link: { purpose: 'set-password', subjectId: owner.userId, hash: link.hash, validUntil: link.validUntil },
    fromName: 'Waymark',
  });
}

const invitationCopy: Record<Locale, (t: Tenant, invitee: { name: string; role: string }, inviter: string, days: number) => Copy> = {
  en: (t, invitee, inviter, days) => ({
    subject: `${inviter} invites you to ${t.branding.displayName} on Waymark`,
    lines: [
      `Hello ${invitee.name},`,
      `${inviter} invites you to join ${t.branding.displayName} on Waymark as ${invitee.role === 'admin' ? 'an admin' : 'a coach'}.`,
      `Accept the invitation and choose your password. The link works for ${days} days.`,
    ],
    cta: 'Accept the invitation',
    footer: `If you did not expect this invitation, ignore this email; nothing happens without you.`,
  }),
  de: (t, invitee, inviter, days) => ({
    subject: `${inviter} lädt Sie zu ${t.branding.displayName} auf Waymark ein`,
    lines: [
      `Hallo ${invitee.name},`,
      `${inviter} lädt Sie ein, ${t.branding.displayName} auf Waymark als ${invitee.role === 'admin' ? 'Admin' : 'Coach'} beizutreten.`,
      `Nehmen Sie die Einladung an und wählen Sie Ihr Passwort. Der Link gilt ${days} Tage.`,
    ],
    cta: 'Einladung annehmen',
    footer: `Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail; ohne Sie geschieht nichts.`,
  }),
};

export function invitationEmail(
  tenant: Tenant,
  invitation: { invitationId: string; email: string; name: string; role: string; sends: number },
  inviterName: string,
  link: IssuedLinkRef,
  days: number,
  appUrl: string,
): EmailMessage {
  return linkEmail({
    key: `invitation#${invitation.invitationId}#${invitation.sends}`,
    kind: 'invitation',
    to: invitation.email,
    tenant,
    copy: invitationCopy[tenant.locale](tenant, invitation, inviterName, days),
    page: 'accept-invitation',
    appUrl,
    link: { purpose: 'invitation', subjectId: invitation.invitationId, hash: link.hash, validUntil: link.validUntil },
    fromName: tenant.sender.fromName,
    replyTo: tenant.sender.replyTo,
  });
}

const resetCopy: Record<Locale, (t: Tenant, user: StaffUser, minutes: number) => Copy> = {
  en: (t, user, minutes) => ({
    subject: 'Reset your Waymark password',
    lines: [`Hello ${user.name},`, `someone asked to reset the password of ${user.email} at ${t.branding.displayName}. Choose a new one with this link; it works for ${minutes} minutes.`],
    cta: 'Choose a new password',
    footer: 'If you did not ask for this, ignore this email: your password stays as it is.',
  }),
  de: (t, user, minutes) => ({
    subject: 'Waymark-Passwort zurücksetzen',
    lines: [`Hallo ${user.name},`, `jemand hat verlangt, das Passwort von ${user.email} bei ${t.branding.displayName} zurückzusetzen. Wählen Sie mit diesem Link ein neues; er gilt ${minutes} Minuten.`],
    cta: 'Neues Passwort wählen',
    footer: 'Wenn Sie das nicht verlangt haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
  }),
};

export function passwordResetEmail(tenant: Tenant, user: StaffUser, link: IssuedLinkRef, minutes: number, period: string, appUrl: string): EmailMessage {
  return linkEmail({
    key: `password-reset#${user.userId}#${period}`,
    kind: 'password-reset',
    to: user.email,
    tenant,
    copy: resetCopy[tenant.locale](tenant, user, minutes),
    page: 'set-password',
    appUrl,
    link: { purpose: 'set-password', subjectId: user.userId, hash: link.hash, validUntil: link.validUntil },
    fromName: 'Waymark',
  });
}
