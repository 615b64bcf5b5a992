import type { Locale, StaffUser, Tenant } from '../../domain/tenant.js';
import { escapeHtml as e, layout, type EmailMessage } from '../message.js';

const copy: Record<Locale, (t: Tenant, owner: StaffUser) => { subject: string; lines: string[]; cta: string; footer: string }> = {
  en: (t, owner) => ({
    subject: `Welcome to Waymark, ${t.name} is ready`,
    lines: [
      `Hello ${owner.name},`,
      `your coaching firm ${t.name} now has its own space on Waymark, at the address ${t.slug}.`,
      `Sign in with ${owner.email} to set up your firm, invite your coaches and start your first program.`,
    ],
    cta: 'Open Waymark',
    footer: `You receive this email because ${owner.email} signed up ${t.name} on Waymark.`,
  }),
  de: (t, owner) => ({
    subject: `Willkommen bei Waymark, ${t.name} ist bereit`,
    lines: [
      `Hallo ${owner.name},`,
      `Ihre Coaching-Firma ${t.name} hat jetzt ihren eigenen Bereich auf Waymark, unter der Adresse ${t.slug}.`,
      `Melden Sie sich mit ${owner.email} an, um Ihre Firma einzurichten, Coaches einzuladen und Ihr erstes Programm zu starten.`,
    ],
    cta: 'Waymark öffnen',
    footer: `Sie erhalten diese E-Mail, weil ${owner.email} die Firma ${t.name} bei Waymark angemeldet hat.`,
  }),
};

export function welcomeEmail(tenant: Tenant, owner: StaffUser, appUrl: string): EmailMessage {
  const signInUrl = `${appUrl}/sign-in?firm=${encodeURIComponent(tenant.slug)}`;
  const c = copy[tenant.locale](tenant, owner);
  const bodyHtml =
    c.lines.map((line) => `<p style="margin:0 0 12px">${e(line)}</p>`).join('') +
    `<p style="margin:20px 0 0"><a href="${e(signInUrl)}" style="background:${e(tenant.branding.accentColour)};color:#ffffff;padding:10px 18px;text-decoration:none;border-radius:4px">${e(c.cta)}</a></p>`;
  return {
    idempotencyKey: `welcome#${owner.userId}`,
    kind: 'welcome',
    to: owner.email,
    subject: c.subject,
    text: `${c.lines.join('\n\n')}\n\n${c.cta}: ${signInUrl}\n\n--\n${c.footer}\n`,
    html: layout({ title: c.subject, accentColour: tenant.branding.accentColour, brand: 'Waymark', bodyHtml, footer: c.footer }),
    fromName: 'Waymark',
  };
}
