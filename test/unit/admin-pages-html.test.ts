import { HtmlValidate } from 'html-validate';
import { expect, it } from 'vitest';
import { settingsAsForm } from '../../shared/domain/admin-forms.js';
import { newTenant } from '../../shared/domain/tenant.js';
import { auditPage, confirmOwnershipPage, firmSettingsPage, mySettingsPage, staffPage } from '../../shared/web/admin-pages.js';
import { adminWords } from '../../shared/web/admin-words.js';
import { appWords } from '../../shared/web/app-words.js';
/** The admin pages, rendered with every part shown (problems, preview, notices, paging), are valid HTML. */
it('renders valid HTML (html-validate, recommended rules) on every admin page', async () => {
  const now = new Date();
  const { tenant, owner } = newTenant({ name: 'Acme', slug: 'acme', ownerEmail: 'o@a.example', ownerName: 'O', timeZone: 'Europe/Zurich', locale: 'en' }, { tenantId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', ownerUserId: '00000000-0000-4000-8000-000000000001' }, now);
  const w = appWords('en'); const a = adminWords('en');
  const frame = { brand: { name: 'Acme', accentColour: '#2f6f5e' }, user: { name: 'O', role: 'owner' as const }, current: 'firm' as const };
  const coach = { ...owner, userId: '00000000-0000-4000-8000-000000000002', role: 'coach' as const, name: 'C', email: 'c@a.example' };
  const pages = {
    firm: firmSettingsPage(w, a, frame, { values: settingsAsForm(tenant), owner: true, version: 1, tenant, problems: [{ field: 'name', message: 'x' }], preview: { displayName: 'A', accentColour: '#2f6f5e', fromName: 'A', logoUrl: 'https://x.example/l.png' } }),
    staff: staffPage(w, a, frame, { staff: [owner, coach], staffFirst: true, invitations: [{ invitationId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', email: 'i@a.example', name: 'I', role: 'coach', status: 'pending', invitedBy: owner.userId, createdAt: now.toISOString(), validUntil: 2e9, sends: 1, linkGeneration: 0, expired: false }], me: { userId: owner.userId, role: 'owner' }, locale: 'en', timeZone: 'Europe/Zurich', invite: { values: { email: 'x' }, problems: [{ field: 'email', message: 'bad' }] } }),
    audit: auditPage(w, a, frame, { events: [{ at: now.toISOString(), action: 'settings.updated', actor: { kind: 'staff', id: owner.userId }, details: { changed: ['branding'] } }], names: new Map([[owner.userId, 'O']]), filter: { kind: 'settings' }, next: 'x', searchedBackTo: now.toISOString(), first: false, readBound: 300, locale: 'en', timeZone: 'UTC' }),
    me: mySettingsPage(w, a, frame, { values: { 'digest.enabled': 'on', 'digest.hour': '8', locale: '' }, firmLocale: 'en', timeZone: 'UTC', problems: [{ field: 'digest.hour', message: 'x' }] }),
    confirm: confirmOwnershipPage(w, a, frame, coach),
  };
  // Two choices of the shared frame and controls, not of these pages: a lowercase doctype (app-layout.ts), and a
  // checkbox inside its label also named by `for` (app-forms.ts). Both harmless.
  const v = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-redundant-for': 'off', 'doctype-style': 'off' } });
  for (const [name, page] of Object.entries(pages)) {
    const report = await v.validateString(page.html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)), name).toEqual([]);
  }
});
