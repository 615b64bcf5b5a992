import type { Locale, Tenant } from '../../domain/tenant.js';
import { escapeHtml as e, layout, LINK_TOKEN_PLACEHOLDER, type EmailMessage } from '../message.js';
import type { IssuedLinkRef } from './link.js';

/**
 * The client's reminder digest: everything due for one program on one day in one email (the prompt to capture the
 * actions of a session just held, actions due soon, overdue ones), each line a link to its place on the client's
 * page, where a click and a confirm change something (the email itself changes nothing). No coach notes, no
 * obstacles or reflections: only what the client wrote or agreed to, by title.
 */
export interface DigestContent {
  programTitle: string;
  /** Sessions whose actions are still to be captured. */
  capture: { number: number }[];
  dueSoon: { actionId: string; title: string; dueDate: string }[];
  overdue: { actionId: string; title: string; dueDate: string }[];
  /** The program's next self-assessment is open (the self-assessment's hook into the digest). */
  assessment?: { opensOn: string };
}

interface Copy {
  subject: (firm: string) => string;
  hello: (name: string) => string;
  capture: (n: number) => string;
  captureCta: string;
  assessment: string;
  assessmentCta: string;
  dueSoon: string;
  overdue: string;
  due: (date: string) => string;
  open: string;
  footer: (firm: string) => string;
}

const copy: Record<Locale, Copy> = {
  en: {
    subject: (firm) => `Your next small steps, from ${firm}`,
    hello: (name) => `Hello ${name},`,
    capture: (n) => `Session ${n} is a day behind you: what small steps will you take before the next one?`,
    captureCta: 'Write down your actions',
    assessment: 'It is time to look at where you stand: how does each competency of your program feel today?',
    assessmentCta: 'Take your self-assessment',
    dueSoon: 'Due soon',
    overdue: 'Still open',
    due: (date) => `due ${date}`,
    open: 'Open your page',
    footer: (firm) => `${firm} sends this through Waymark: at most one reminder a day, never at night. Your page lets you choose how often.`,
  },
  de: {
    subject: (firm) => `Ihre nächsten kleinen Schritte, von ${firm}`,
    hello: (name) => `Hallo ${name},`,
    capture: (n) => `Sitzung ${n} liegt einen Tag zurück: Welche kleinen Schritte gehen Sie bis zur nächsten?`,
    captureCta: 'Schritte festhalten',
    assessment: 'Zeit für einen Blick darauf, wo Sie stehen: Wie fühlt sich jede Kompetenz Ihres Programms heute an?',
    assessmentCta: 'Zur Selbsteinschätzung',
    dueSoon: 'Bald fällig',
    overdue: 'Noch offen',
    due: (date) => `fällig ${date}`,
    open: 'Ihre Seite öffnen',
    footer: (firm) => `${firm} sendet dies über Waymark: höchstens eine Erinnerung am Tag, nie nachts. Auf Ihrer Seite wählen Sie, wie oft.`,
  },
};

const day = (locale: Locale, date: string) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

export function reminderDigestEmail(
  tenant: Tenant,
  client: { name: string; email: string; locale: Locale },
  opts: { key: string; programId: string; content: DigestContent },
  link: IssuedLinkRef,
  appUrl: string,
): EmailMessage {
  const c = copy[client.locale];
  const page = `${appUrl}/client?token=${LINK_TOKEN_PLACEHOLDER}`;
  const actionUrl = (id: string) => `${page}&action=${id}#action-${id}`;
  const assessmentUrl = `${appUrl}/client/assessment?token=${LINK_TOKEN_PLACEHOLDER}`;
  const firm = tenant.branding.displayName;
  const { content } = opts;
  const lists = [
    { title: c.dueSoon, items: content.dueSoon },
    { title: c.overdue, items: content.overdue },
  ].filter((l) => l.items.length);
  const text = [
    c.hello(client.name),
    ...content.capture.map((s) => `${c.capture(s.number)}\n${c.captureCta}: ${page}`),
    ...(content.assessment ? [`${c.assessment}\n${c.assessmentCta}: ${assessmentUrl}`] : []),
    ...lists.map((l) => `${l.title}:\n${l.items.map((a) => `- ${a.title} (${c.due(day(client.locale, a.dueDate))}): ${actionUrl(a.actionId)}`).join('\n')}`),
    `${c.open}: ${page}`,
    `--\n${c.footer(firm)}`,
  ].join('\n\n');
  const accent = e(tenant.branding.accentColour);
  const bodyHtml =
    `<p style="margin:0 0 12px">${e(c.hello(client.name))}</p>` +
    content.capture.map((s) => `<p style="margin:0 0 12px">${e(c.capture(s.number))}</p><p style="margin:0 0 16px"><a href="${e(page)}" style="color:${accent};font-weight:bold">${e(c.captureCta)}</a></p>`).join('') +
    (content.assessment ? `<p style="margin:0 0 12px">${e(c.assessment)}</p><p style="margin:0 0 16px"><a href="${e(assessmentUrl)}" style="color:${accent};font-weight:bold">${e(c.assessmentCta)}</a></p>` : '') +
    lists
      .map(
        (l) =>
          `<p style="margin:16px 0 4px;font-weight:bold">${e(l.title)}</p><ul style="margin:0;padding-left:20px">` +
          l.items.map((a) => `<li style="margin:0 0 6px"><a href="${e(actionUrl(a.actionId))}" style="color:${accent}">${e(a.title)}</a> <span style="color:#58615d">(${e(c.due(day(client.locale, a.dueDate)))})</span></li>`).join('') +
          '</ul>',
      )
      .join('') +
    `<p style="margin:20px 0 0"><a href="${e(page)}" style="background:${accent};color:#ffffff;padding:10px 18px;text-decoration:none;border-radius:4px">${e(c.open)}</a></p>`;
  return {
    idempotencyKey: opts.key,
    kind: 'reminder-digest',
    to: client.email,
    subject: c.subject(firm),
    text: `${text}\n`,
    html: layout({ title: c.subject(firm), accentColour: tenant.branding.accentColour, brand: firm, bodyHtml, footer: c.footer(firm), lang: client.locale }),
    fromName: tenant.sender.fromName,
    replyTo: tenant.sender.replyTo,
    link: { purpose: 'client', subjectId: opts.programId, hash: link.hash, validUntil: link.validUntil },
  };
}
