import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { newId } from '../../shared/ids.js';
import { OWNER_ONLY_FIELDS, SETTINGS_FIELDS, settingsAsForm, type SettingsField } from '../../shared/domain/admin-forms.js';
import type { StaffRole, Tenant } from '../../shared/domain/tenant.js';
import { useApi } from '../support/api.js';
import { unique } from '../support/factories.js';
import { addStaff, createFirm, type FirmFixture, type StaffFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { signedIn, type WebUser } from '../support/web.js';

/**
 * Firm administration in the staff web app: the settings form (save, preview, bad input, a change meanwhile, the
 * owner's security policy), the staff page's forms (invite, resend, revoke, role, status, ownership), the audit trail
 * and its filters, and every user's own settings. Each refusal writes nothing; the rules are the JSON API's.
 */
const api = useApi();
let firm: FirmFixture;
const browsers = new Map<StaffRole, WebUser>();
const as = (role: StaffRole) => browsers.get(role)!;

beforeAll(async () => {
  firm = await createFirm(api);
  for (const role of ['owner', 'admin', 'coach'] as const) browsers.set(role, await signedIn(api, firm[role].email, firm[role].password));
}, 120_000);

const settings = async (): Promise<Tenant> => (await firm.as('owner', 'GET', '/v1/settings')).body.settings as Tenant;

/** The settings form as the page posts it: what is saved, with `changes` typed over it (a flag: 'on' or absent). */
async function firmForm(role: StaffRole, changes: Partial<Record<SettingsField | 'intent' | 'version', string | undefined>> = {}) {
  const current = await settings();
  const form: Record<string, string | undefined> = { intent: 'save', version: String(current.version), ...settingsAsForm(current), ...changes };
  if (role !== 'owner') for (const f of OWNER_ONLY_FIELDS) if (!(f in changes)) delete form[f];
  for (const [name, kind] of Object.entries(SETTINGS_FIELDS)) if (kind === 'flag' && !form[name]) delete form[name];
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The message by a field (its id: the setting's path with dashes). */
const fieldError = (html: string, field: string) => html.includes(`id="${field.replace(/\./g, '-')}-error"`);

describe('the firm settings page', () => {
  it('shows owners the whole form (with the security policy), admins all but the security policy, and coaches the 403 page', async () => {
    const owner = await as('owner').get('/app/firm');
    expect(owner.status).toBe(200);
    expect(owner.html).toContain('name="security.idleMinutes"');
    expect(owner.html).toContain(`name="version" value="${(await settings()).version}"`);
    const admin = await as('admin').get('/app/firm');
    expect(admin.status).toBe(200);
    expect(admin.html).toContain('name="branding.accentColour"');
    expect(admin.html).not.toContain('security.');
    const coach = await as('coach').get('/app/firm');
    expect(coach.status).toBe(403);
    expect(coach.html).toContain('Not allowed');
  });

  it('saves what changed, with its audit event, and says so', async () => {
    const answer = await as('admin').post('/app/firm', await firmForm('admin', { 'branding.accentColour': '#7b2d8e', 'branding.displayName': 'Studio Seven', 'reminderPolicy.kinds.overdue': undefined }));
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/app/firm?done=saved');
    const saved = await settings();
    expect(saved.branding).toMatchObject({ accentColour: '#7b2d8e', displayName: 'Studio Seven' });
    expect(saved.reminderPolicy.kinds?.overdue).toBe(false);
    const audit = (await firm.as('owner', 'GET', '/v1/audit?limit=5')).body.events as Record<string, any>[];
    expect(audit.find((e) => e.action === 'settings.updated')?.details).toEqual({ changed: ['branding', 'reminderPolicy'] });
    const page = await as('admin').get(answer.location!);
    expect(page.html).toContain('The settings are saved.');
    expect(page.html).toContain('value="Studio Seven"');
  });

  it('an unchanged form writes nothing', async () => {
    const before = await tenantSnapshot(firm.tenantId);
    const answer = await as('owner').post('/app/firm', await firmForm('owner'));
    expect(answer.location).toBe('/app/firm?done=unchanged');
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
  });

  it('bad input: a 400 with the summary, each message by its field, the typed values kept, nothing written', async () => {
    const before = await tenantSnapshot(firm.tenantId);
    const answer = await as('owner').post('/app/firm', await firmForm('owner', { 'branding.accentColour': 'plum', 'sender.replyTo': 'not-an-address', 'security.idleMinutes': '3', name: 'Kept Name' }));
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('There is a problem');
    for (const field of ['branding.accentColour', 'sender.replyTo', 'security.idleMinutes']) {
      expect(fieldError(answer.html, field), field).toBe(true);
      expect(answer.html).toContain(`href="#${field.replace(/\./g, '-')}"`);
    }
    expect(answer.html).toContain('Enter a colour as #RRGGBB');
    expect(answer.html).toContain('value="plum"');
    expect(answer.html).toContain('value="not-an-address"');
    expect(answer.html).toContain('value="Kept Name"');
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
  });

  it('the preview shows the submitted branding and saves nothing', async () => {
    const before = await tenantSnapshot(firm.tenantId);
    const answer = await as('owner').post('/app/firm', await firmForm('owner', { intent: 'preview', 'branding.accentColour': '#1f4e79', 'branding.displayName': 'Harbour Coaching' }));
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('Preview (not saved)');
    expect(answer.html).toContain('.pv-btn{background:#1f4e79;color:#ffffff}');
    expect(answer.html).toContain('<p class="pv-brand">Harbour Coaching</p>');
    expect(answer.html).toContain('value="#1f4e79"');
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
  });

  it('refuses an accent too light for white text on it (below 4.5:1 against white), in the preview and on save, as the JSON API does', async () => {
    const before = await tenantSnapshot(firm.tenantId);
    for (const intent of ['preview', 'save']) {
      const answer = await as('owner').post('/app/firm', await firmForm('owner', { intent, 'branding.accentColour': '#ffd23f' }));
      expect(answer.status).toBe(400);
      expect(fieldError(answer.html, 'branding.accentColour')).toBe(true);
      expect(answer.html).toContain('dark enough for white text');
      expect(answer.html).toContain('value="#ffd23f"');
    }
    expect((await firm.as('owner', 'PATCH', '/v1/settings', { branding: { accentColour: '#ffd23f' } })).status).toBe(400);
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
  });

  it('a change saved meanwhile: a clear 409, the typed values kept, nothing overwritten', async () => {
    const stale = await firmForm('owner', { 'branding.displayName': 'Mine' });
    expect((await firm.as('admin', 'PATCH', '/v1/settings', { branding: { displayName: 'Theirs' } })).status).toBe(200);
    const answer = await as('owner').post('/app/firm', stale);
    expect(answer.status).toBe(409);
    expect(answer.html).toContain('Someone else saved the firm settings');
    expect(answer.html).toContain('value="Mine"');
    expect((await settings()).branding.displayName).toBe('Theirs');
    // The form now carries the new version: saving again applies what was typed.
    const version = /name="version" value="(\d+)"/.exec(answer.html)![1]!;
    expect((await as('owner').post('/app/firm', { ...stale, version })).status).toBe(303);
    expect((await settings()).branding.displayName).toBe('Mine');
  });

  it('the security policy is the owner’s: an admin who posts it gets the 403 page and changes nothing', async () => {
    const before = await tenantSnapshot(firm.tenantId);
    const refused = await as('admin').post('/app/firm', await firmForm('admin', { 'security.requireMfa': 'on', 'security.idleMinutes': '30' }));
    expect(refused.status).toBe(403);
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
    const saved = await as('owner').post('/app/firm', await firmForm('owner', { 'security.idleMinutes': '90' }));
    expect(saved.status).toBe(303);
    expect((await settings()).security).toEqual({ requireMfa: false, idleMinutes: 90 });
  });
});

describe('the staff page', () => {
  it('lists staff with role, status and authenticator app, and invitations; coaches get the 403 page', async () => {
    const page = await as('admin').get('/app/firm/staff');
    expect(page.status).toBe(200);
    for (const role of ['owner', 'admin', 'coach'] as const) expect(page.html).toContain(firm[role].email);
    expect(page.html).toContain('Authenticator app: No');
    expect(page.html).toContain('action="/app/firm/invitations"');
    // Only the owner sees the ownership form.
    expect(page.html).not.toContain('action="/app/firm/ownership"');
    expect((await as('owner').get('/app/firm/staff')).html).toContain('action="/app/firm/ownership"');
    expect((await as('coach').get('/app/firm/staff')).status).toBe(403);
  });

  it('invites: the email arrives and the invitation is listed; it is sent again, then revoked', async () => {
    const email = `invitee-${unique()}@firm.example`;
    const sent = await as('admin').post('/app/firm/invitations', { name: 'Ida Invitee', email, role: 'coach' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/app/firm/staff?done=invited');
    expect(await emailsTo(email)).toHaveLength(1);
    const page = await as('admin').get(sent.location!);
    expect(page.html).toContain('The invitation is sent.');
    expect(page.html).toContain(email);
    const invitation = ((await firm.as('owner', 'GET', '/v1/invitations')).body.invitations as Record<string, any>[]).find((i) => i.email === email)!;

    expect((await as('admin').post(`/app/firm/invitations/${invitation.invitationId}/resend`)).location).toBe('/app/firm/staff?done=resent');
    expect(await emailsTo(email)).toHaveLength(2);

    expect((await as('admin').post(`/app/firm/invitations/${invitation.invitationId}/revoke`)).location).toBe('/app/firm/staff?done=revoked');
    const after = ((await firm.as('owner', 'GET', '/v1/invitations')).body.invitations as Record<string, any>[]).find((i) => i.email === email)!;
    expect(after.status).toBe('revoked');
    // Revoked once: a second revoke is a clear 409 on the page, not an error.
    const again = await as('admin').post(`/app/firm/invitations/${invitation.invitationId}/revoke`);
    expect(again.status).toBe(409);
    expect(again.html).toContain('no longer pending');
  });

  it('a bad invitation: the message by the field, the typed values kept, nothing written or sent', async () => {
    const before = await tenantSnapshot(firm.tenantId);
    const answer = await as('admin').post('/app/firm/invitations', { name: 'Typed Name', email: 'not-an-address', role: 'coach' });
    expect(answer.status).toBe(400);
    expect(fieldError(answer.html, 'email')).toBe(true);
    expect(answer.html).toContain('value="not-an-address"');
    expect(answer.html).toContain('value="Typed Name"');
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
    const taken = await as('admin').post('/app/firm/invitations', { name: 'Twin', email: firm.coach.email, role: 'coach' });
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('This address is already on your staff.');
  });

  it('changes a role, deactivates and reactivates; nobody changes themselves, and an admin cannot change the owner', async () => {
    const extra: StaffFixture = await addStaff(api, firm.owner.token, 'coach');
    const promoted = await as('admin').post(`/app/firm/staff/${extra.userId}`, { role: 'admin' });
    expect(promoted.location).toBe('/app/firm/staff?done=changed');
    expect((await firm.as('owner', 'GET', `/v1/staff/${extra.userId}`)).body.staff).toMatchObject({ role: 'admin', status: 'active' });
    expect((await as('admin').post(`/app/firm/staff/${extra.userId}`, { status: 'deactivated' })).status).toBe(303);
    expect((await firm.as('owner', 'GET', `/v1/staff/${extra.userId}`)).body.staff.status).toBe('deactivated');
    expect((await as('admin').post(`/app/firm/staff/${extra.userId}`, { status: 'active' })).status).toBe(303);
    expect((await firm.as('owner', 'GET', `/v1/staff/${extra.userId}`)).body.staff.status).toBe('active');

    const before = await tenantSnapshot(firm.tenantId);
    const self = await as('admin').post(`/app/firm/staff/${firm.admin.userId}`, { role: 'coach' });
    expect(self.status).toBe(409);
    expect(self.html).toContain('You cannot change your own role');
    expect((await as('admin').post(`/app/firm/staff/${firm.owner.userId}`, { status: 'deactivated' })).status).toBe(403);
    expect((await as('admin').post(`/app/firm/staff/${extra.userId}`, { role: 'owner' })).status).toBe(400);
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
  });
});

describe('the audit trail', () => {
  it('pages newest first in sentences, filters by kind and by staff user, and shows coaches the 403 page', async () => {
    const page = await as('owner').get('/app/firm/audit');
    expect(page.status).toBe(200);
    expect(page.html).toContain('changed the firm settings');
    expect(page.html).toContain('invited someone');

    const invitations = await as('owner').get('/app/firm/audit?kind=invitation');
    expect(invitations.html).toContain('revoked an invitation');
    expect(invitations.html).not.toContain('changed the firm settings');
    expect(invitations.html).toContain('A filtered view looks through up to 300 events');

    const byOwner = await as('owner').get(`/app/firm/audit?actor=${firm.owner.userId}&kind=settings`);
    expect(byOwner.status).toBe(200);
    expect(byOwner.html).toContain('changed the firm settings');
    // The admin changed settings too, but is filtered out: every sentence is the owner's.
    const who = [...byOwner.html.matchAll(/<li><p><a href="\/app\/firm\/audit\?actor=([^"]+)">/g)].map((m) => m[1]);
    expect(who.length).toBeGreaterThan(0);
    expect(new Set(who)).toEqual(new Set([firm.owner.userId]));

    expect((await as('owner').get('/app/firm/audit?kind=nonsense')).status).toBe(400);
    expect((await as('coach').get('/app/firm/audit')).status).toBe(403);
  });

  it('a filter reads at most 300 events at a time, says how far back it looked, and looks further on request', async () => {
    // Events of a year ago, more than one filtered read holds, none of them an ownership event.
    const scope = tenantScope(firm.tenantId);
    const old = Array.from({ length: 320 }, (_, i) => {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      return { ...keys.audit(scope, at, newId(Date.parse(at))), type: 'AuditEvent', tenantId: firm.tenantId, at, action: 'staff.signed_in', actor: { kind: 'staff', id: firm.coach.userId }, resource: `staff/${firm.coach.userId}` };
    });
    for (let i = 0; i < old.length; i += 25) {
      await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: old.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const first = await as('owner').get('/app/firm/audit?kind=ownership');
    expect(first.status).toBe(200);
    expect(first.html).toContain('No events found.');
    expect(first.html).toContain('Looked through the events back to');
    const further = /href="(\/app\/firm\/audit\?kind=ownership&amp;before=[^"]+)">Look further back</.exec(first.html)?.[1];
    expect(further).toBeDefined();
    const second = await as('owner').get(further!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    // The rest of the trail fits one read: the end, with nothing more to look through.
    expect(second.html).not.toContain('Looked through the events back to');
    expect(second.html).not.toContain('Look further back');
  });
});

describe('my settings', () => {
  it('every role changes their own digest and language; the next page is in German', async () => {
    const coach = as('coach');
    const page = await coach.get('/app/me');
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/app/me" aria-current="page"');

    const bad = await coach.post('/app/me', { 'digest.enabled': 'on', 'digest.hour': '25', locale: 'de' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'digest.hour')).toBe(true);

    const saved = await coach.post('/app/me', { 'digest.hour': '7', locale: 'de' });
    expect(saved.location).toBe('/app/me?done=saved');
    const german = await coach.get(saved.location!);
    expect(german.html).toContain('<html lang="de">');
    expect(german.html).toContain('Ihre Einstellungen sind gespeichert.');
    expect((await firm.as('owner', 'GET', `/v1/staff/${firm.coach.userId}`)).body.staff.digest).toMatchObject({ enabled: false, hour: 7 });
    // Back to the firm's language.
    expect((await coach.post('/app/me', { 'digest.enabled': 'on', 'digest.hour': '7', locale: '' })).status).toBe(303);
    expect((await coach.get('/app')).html).toContain('<html lang="en">');
  });
});

describe('handing over ownership', () => {
  it('an admin cannot; the owner confirms, then the admin is the owner and the owner an admin', async () => {
    const before = await tenantSnapshot(firm.tenantId);
    expect((await as('admin').post('/app/firm/ownership', { userId: firm.owner.userId, confirm: 'yes' })).status).toBe(403);
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);

    const confirm = await as('owner').post('/app/firm/ownership', { userId: firm.admin.userId });
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Hand over ownership?');
    expect(await tenantSnapshot(firm.tenantId)).toBe(before);
    const done = await as('owner').post('/app/firm/ownership', { userId: firm.admin.userId, confirm: 'yes' });
    expect(done.location).toBe('/app/firm/staff?done=ownership');
    expect((await firm.as('owner', 'GET', `/v1/staff/${firm.admin.userId}`)).body.staff.role).toBe('owner');
    expect((await firm.as('admin', 'GET', `/v1/staff/${firm.owner.userId}`)).body.staff.role).toBe('admin');
  });
});
