import type { ActivityLine, CoachDigestContent, CoachDigestProgram, StallReason } from '../../domain/coach-digest.js';
import type { Locale, Tenant } from '../../domain/tenant.js';
import { escapeHtml as e, layout, type EmailMessage } from '../message.js';

/**
 * The coach's daily digest: per client and program what the client did since the last digest (actions added and
 * marked, obstacles, reflections), then the programs that stall and why. Plain text names each program; no links
 * yet, since everything a coach opens needs a staff sign-in and the staff app is still to come. The firm's language
 * (staff users have none of their own yet).
 */
interface Copy {
  subject: (active: number, stalled: number, firm: string) => string;
  hello: (name: string) => string;
  activity: string;
  stalled: string;
  line: Record<ActivityLine['kind'], (title: string) => string>;
  stall: (r: StallReason) => string;
  more: (n: number) => string;
  footer: (firm: string) => string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const copy: Record<Locale, Copy> = {
  en: {
    subject: (active, stalled, firm) =>
      [active ? `${plural(active, 'client', 'clients')} active` : '', stalled ? `${plural(stalled, 'program', 'programs')} stalling` : ''].filter(Boolean).join(', ') + ` · ${firm}`,
    hello: (name) => `Hello ${name},`,
    activity: 'What your clients did since your last digest',
    stalled: 'Programs that stall',
    line: {
      added: (t) => `Added: ${t}`,
      done: (t) => `Done: ${t}`,
      partly: (t) => `Partly done: ${t}`,
      not_done: (t) => `Not done: ${t}`,
      dropped: (t) => `Dropped: ${t}`,
      obstacle: (t) => `Obstacle with “${t}”`,
      reflection: (t) => `Reflection on “${t}”`,
      assessed: (t) => `Self-assessment: ${t}`,
    },
    stall: (r) =>
      r.kind === 'inactive' ? `no client activity for ${r.days} days` : r.kind === 'overdue' ? `${plural(r.count, 'action', 'actions')} overdue` : `no session for ${r.weeks} weeks`,
    more: (n) => `… and ${plural(n, 'more entry', 'more entries')}.`,
    footer: (firm) => `${firm} sends this through Waymark at most once a day, and only when something happened. You can change its hour or turn it off in your preferences.`,
  },
  de: {
    subject: (active, stalled, firm) =>
      [active ? `${active} ${active === 1 ? 'Klient:in' : 'Klient:innen'} aktiv` : '', stalled ? plural(stalled, 'Programm stockt', 'Programme stocken') : ''].filter(Boolean).join(', ') + ` · ${firm}`,
    hello: (name) => `Hallo ${name},`,
    activity: 'Was Ihre Klient:innen seit der letzten Übersicht getan haben',
    stalled: 'Programme, die stocken',
    line: {
      added: (t) => `Neu: ${t}`,
      done: (t) => `Erledigt: ${t}`,
      partly: (t) => `Teilweise erledigt: ${t}`,
      not_done: (t) => `Nicht erledigt: ${t}`,
      dropped: (t) => `Verworfen: ${t}`,
      obstacle: (t) => `Hindernis bei «${t}»`,
      reflection: (t) => `Reflexion zu «${t}»`,
      assessed: (t) => `Selbsteinschätzung: ${t}`,
    },
    stall: (r) =>
      r.kind === 'inactive' ? `seit ${r.days} Tagen keine Aktivität der Klient:in` : r.kind === 'overdue' ? `${plural(r.count, 'Schritt', 'Schritte')} überfällig` : `seit ${r.weeks} Wochen keine Sitzung`,
    more: (n) => `… und ${plural(n, 'weiterer Eintrag', 'weitere Einträge')}.`,
    footer: (firm) => `${firm} sendet dies über Waymark höchstens einmal am Tag und nur, wenn etwas geschehen ist. Uhrzeit ändern oder abbestellen können Sie in Ihren Einstellungen.`,
  },
};

const heading = (p: CoachDigestProgram) => `${p.clientName} · ${p.programTitle}`;

/** The digest of one coach for one local day (the idempotency key's period). */
export function coachDigestEmail(tenant: Tenant, coach: { userId: string; name: string; email: string }, day: string, content: CoachDigestContent): EmailMessage {
  const c = copy[tenant.locale];
  const firm = tenant.branding.displayName;
  const subject = c.subject(content.active.length, content.stalled.length, firm);
  const lineText = (l: ActivityLine) => ('text' in l ? `${c.line[l.kind](l.title)}: ${l.text}` : c.line[l.kind](l.title));
  const text = [
    c.hello(coach.name),
    ...(content.active.length ? [`${c.activity}:`, ...content.active.map((p) => `${heading(p)}\n${p.activity.map((l) => `- ${lineText(l)}`).join('\n')}`)] : []),
    ...(content.moreLines ? [c.more(content.moreLines)] : []),
    ...(content.stalled.length ? [`${c.stalled}:\n${content.stalled.map((p) => `- ${heading(p)}: ${p.stalls.map(c.stall).join('; ')}`).join('\n')}`] : []),
    `--\n${c.footer(firm)}`,
  ].join('\n\n');
  const section = (title: string) => `<p style="margin:20px 0 8px;font-weight:bold;font-size:17px">${e(title)}</p>`;
  const lineHtml = (l: ActivityLine) =>
    'text' in l ? `<li style="margin:0 0 6px">${e(c.line[l.kind](l.title))}: <span style="color:#58615d">${e(l.text)}</span></li>` : `<li style="margin:0 0 6px">${e(c.line[l.kind](l.title))}</li>`;
  const bodyHtml =
    `<p style="margin:0 0 12px">${e(c.hello(coach.name))}</p>` +
    (content.active.length
      ? section(c.activity) +
        content.active.map((p) => `<p style="margin:12px 0 4px;font-weight:bold">${e(heading(p))}</p><ul style="margin:0;padding-left:20px">${p.activity.map(lineHtml).join('')}</ul>`).join('')
      : '') +
    (content.moreLines ? `<p style="margin:8px 0 0">${e(c.more(content.moreLines))}</p>` : '') +
    (content.stalled.length
      ? section(c.stalled) +
        `<ul style="margin:0;padding-left:20px">${content.stalled.map((p) => `<li style="margin:0 0 6px"><strong>${e(heading(p))}</strong>: ${e(p.stalls.map(c.stall).join('; '))}</li>`).join('')}</ul>`
      : '');
  return {
    idempotencyKey: `coach-digest#${coach.userId}#${day}`,
    kind: 'coach-digest',
    to: coach.email,
    subject,
    text: `${text}\n`,
    html: layout({ title: subject, accentColour: tenant.branding.accentColour, brand: firm, bodyHtml, footer: c.footer(firm), lang: tenant.locale }),
    fromName: tenant.sender.fromName,
    replyTo: tenant.sender.replyTo,
  };
}
