import type { Locale, Tenant } from '../../domain/tenant.js';
import type { EmailMessage } from '../message.js';
import { linkEmail, type Copy, type IssuedLinkRef } from './link.js';

/**
 * Emails to clients: the link to capture the micro actions of a session just recorded, and a fresh link (asked for
 * by the coach, or by the client from a dead link). In the client's language, the firm's look and sender name. They
 * carry no session content: what was said stays behind the link, never in a mailbox.
 */
export interface ClientRecipient {
  name: string;
  email: string;
  locale: Locale;
}

const captureCopy: Record<Locale, (t: Tenant, client: ClientRecipient, opts: { coachName: string; number: number; days: number }) => Copy> = {
  en: (t, client, { coachName, number, days }) => ({
    subject: `Your actions from session ${number} with ${coachName}`,
    lines: [
      `Hello ${client.name},`,
      `${coachName} has recorded session ${number} of your program. Take two minutes while it is fresh: write down the small steps you will take before the next session, and when.`,
      `Later, the same page is where you mark them done and note what got in the way. The link is yours alone and works for ${days} days; no password needed.`,
    ],
    cta: 'Capture your actions',
    footer: `${t.branding.displayName} sends this through Waymark. Please do not forward it: the link opens your own page.`,
  }),
  de: (t, client, { coachName, number, days }) => ({
    subject: `Ihre Schritte aus Sitzung ${number} mit ${coachName}`,
    lines: [
      `Hallo ${client.name},`,
      `${coachName} hat Sitzung ${number} Ihres Programms festgehalten. Nehmen Sie sich zwei Minuten, solange alles frisch ist: Notieren Sie die kleinen Schritte, die Sie bis zur nächsten Sitzung gehen, und bis wann.`,
      `Auf derselben Seite haken Sie sie später ab und notieren, was dazwischenkam. Der Link gehört nur Ihnen und gilt ${days} Tage; ein Passwort brauchen Sie nicht.`,
    ],
    cta: 'Schritte festhalten',
    footer: `${t.branding.displayName} sendet diese E-Mail über Waymark. Bitte leiten Sie sie nicht weiter: Der Link öffnet Ihre eigene Seite.`,
  }),
};

const freshCopy: Record<Locale, (t: Tenant, client: ClientRecipient, days: number) => Copy> = {
  en: (t, client, days) => ({
    subject: `Your link to your program with ${t.branding.displayName}`,
    lines: [`Hello ${client.name},`, `here is a fresh link to your page: your actions, what is due, and a place to note what got in the way. It works for ${days} days; no password needed.`],
    cta: 'Open your page',
    footer: `${t.branding.displayName} sends this through Waymark. If you did not ask for it, you can ignore it; earlier links keep working until they expire.`,
  }),
  de: (t, client, days) => ({
    subject: `Ihr Link zu Ihrem Programm bei ${t.branding.displayName}`,
    lines: [`Hallo ${client.name},`, `hier ist ein neuer Link zu Ihrer Seite: Ihre Schritte, was fällig ist, und ein Ort für das, was dazwischenkam. Er gilt ${days} Tage; ein Passwort brauchen Sie nicht.`],
    cta: 'Ihre Seite öffnen',
    footer: `${t.branding.displayName} sendet diese E-Mail über Waymark. Wenn Sie sie nicht angefordert haben, können Sie sie ignorieren.`,
  }),
};

const assessmentCopy: Record<Locale, (t: Tenant, client: ClientRecipient, opts: { coachName: string; days: number }) => Copy> = {
  en: (t, client, { coachName, days }) => ({
    subject: `${coachName} asks: where do you stand today?`,
    lines: [
      `Hello ${client.name},`,
      `${coachName} invites you to a short self-assessment: for each competency of your program, pick the stage that fits today, from "I didn't know I couldn't" to "I do it without thinking". It takes three minutes, and you see how far you have come.`,
      `The link is yours alone and works for ${days} days; no password needed.`,
    ],
    cta: 'Take your self-assessment',
    footer: `${t.branding.displayName} sends this through Waymark. Please do not forward it: the link opens your own page.`,
  }),
  de: (t, client, { coachName, days }) => ({
    subject: `${coachName} fragt: Wo stehen Sie heute?`,
    lines: [
      `Hallo ${client.name},`,
      `${coachName} lädt Sie zu einer kurzen Selbsteinschätzung ein: Wählen Sie für jede Kompetenz Ihres Programms die Stufe, die heute passt, von „Ich wusste nicht, dass ich es nicht kann“ bis „Ich tue es, ohne nachzudenken“. Das dauert drei Minuten, und Sie sehen, wie weit Sie gekommen sind.`,
      `Der Link gehört nur Ihnen und gilt ${days} Tage; ein Passwort brauchen Sie nicht.`,
    ],
    cta: 'Zur Selbsteinschätzung',
    footer: `${t.branding.displayName} sendet diese E-Mail über Waymark. Bitte leiten Sie sie nicht weiter: Der Link öffnet Ihre eigene Seite.`,
  }),
};

/** An email to a client with their link to a program's page (or one of its pages), from the firm, in the client's language. */
const toClient = (tenant: Tenant, client: ClientRecipient, programId: string, link: IssuedLinkRef, appUrl: string, email: { key: string; kind: string; copy: Copy; page?: string }): EmailMessage =>
  linkEmail({
    ...email,
    to: client.email,
    tenant,
    lang: client.locale,
    page: email.page ?? 'client',
    appUrl,
    link: { purpose: 'client', subjectId: programId, hash: link.hash, validUntil: link.validUntil },
    fromName: tenant.sender.fromName,
    replyTo: tenant.sender.replyTo,
  });

export function captureEmail(
  tenant: Tenant,
  client: ClientRecipient,
  opts: { programId: string; clientId: string; sessionId: string; number: number; coachName: string; days: number },
  link: IssuedLinkRef,
  appUrl: string,
): EmailMessage {
  return toClient(tenant, client, opts.programId, link, appUrl, { key: `session-capture#${opts.sessionId}`, kind: 'session-capture', copy: captureCopy[client.locale](tenant, client, opts) });
}

/** A fresh link; `key` names why it was sent (the coach's request, or the client's from a dead link) and when. */
export function freshLinkEmail(tenant: Tenant, client: ClientRecipient, opts: { programId: string; clientId: string; key: string; days: number }, link: IssuedLinkRef, appUrl: string): EmailMessage {
  return toClient(tenant, client, opts.programId, link, appUrl, { key: opts.key, kind: 'client-link', copy: freshCopy[client.locale](tenant, client, opts.days) });
}

/** The coach's "take a self-assessment now": a link straight to the assessment page; `key` names the program and day. */
export function assessmentEmail(tenant: Tenant, client: ClientRecipient, opts: { programId: string; key: string; coachName: string; days: number }, link: IssuedLinkRef, appUrl: string): EmailMessage {
  return toClient(tenant, client, opts.programId, link, appUrl, { key: opts.key, kind: 'assessment-invitation', copy: assessmentCopy[client.locale](tenant, client, opts), page: 'client/assessment' });
}
