import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { unique } from '../support/factories.js';
import { createFirm, linkTokenSentTo, signIn, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

const api = useApi();
let firm: FirmFixture;

beforeAll(async () => {
  firm = await createFirm(api);
}, 120_000);

const invite = (email: string, role = 'coach') => firm.as('owner', 'POST', '/v1/invitations', { email, name: 'New Person', role });

describe('invitations', () => {
  it('refuse a second pending invitation and an address already on the staff', async () => {
    const email = `dup-${unique()}@firm.example`;
    expect((await invite(email)).status).toBe(201);
    const again = await invite(email.toUpperCase());
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual([{ field: 'email', message: 'has a pending invitation' }]);
    const staffAgain = await invite(firm.coach.email);
    expect(staffAgain.status).toBe(409);
    expect(staffAgain.body.error.message).toContain('already on your staff');
  });

  it('work once: a used link is 410 and creates nobody twice', async () => {
    const email = `once-${unique()}@firm.example`;
    await invite(email);
    const token = await linkTokenSentTo(email);
    const first = await api.request('POST', '/v1/auth/accept-invitation', { json: { token, password: 'Long-enough-1A' } });
    expect(first.status).toBe(201);
    const second = await api.request<{ error: { code: string } }>('POST', '/v1/auth/accept-invitation', { json: { token, password: 'Long-enough-1A' } });
    expect(second.status).toBe(410);
    expect(second.body.error.code).toBe('link_not_usable');
    const staff = await firm.as('owner', 'GET', '/v1/staff');
    expect(staff.body.staff.filter((s: { email: string }) => s.email === email)).toHaveLength(1);
  });

  it('resend: a new email with a new link, and the old link stops working', async () => {
    const email = `resend-${unique()}@firm.example`;
    const created = await invite(email);
    const oldToken = await linkTokenSentTo(email);
    const resent = await firm.as('admin', 'POST', `/v1/invitations/${created.body.invitation.invitationId}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.invitation.sends).toBe(2);
    expect(await emailsTo(email)).toHaveLength(2);
    const newToken = await linkTokenSentTo(email);
    expect(newToken).not.toBe(oldToken);
    expect((await api.request('POST', '/v1/auth/accept-invitation', { json: { token: oldToken, password: 'Long-enough-1A' } })).status).toBe(410);
    expect((await api.request('POST', '/v1/auth/accept-invitation', { json: { token: newToken, password: 'Long-enough-1A' } })).status).toBe(201);
  });

  it('revoke: the link answers 410, the list shows it revoked, and it cannot be revoked twice', async () => {
    const email = `revoke-${unique()}@firm.example`;
    const created = await invite(email);
    const id = created.body.invitation.invitationId;
    expect((await firm.as('owner', 'DELETE', `/v1/invitations/${id}`)).status).toBe(204);
    const accept = await api.request('POST', '/v1/auth/accept-invitation', { json: { token: await linkTokenSentTo(email), password: 'Long-enough-1A' } });
    expect(accept.status).toBe(410);
    const list = await firm.as('owner', 'GET', '/v1/invitations');
    expect(list.body.invitations.find((i: { invitationId: string }) => i.invitationId === id)).toMatchObject({ status: 'revoked' });
    expect(JSON.stringify(list.body)).not.toContain('linkHash');
    expect((await firm.as('owner', 'DELETE', `/v1/invitations/${id}`)).status).toBe(409);
  });

  it('check the password before creating the login', async () => {
    const email = `weak-${unique()}@firm.example`;
    await invite(email);
    const weak = await api.request<{ error: { fields: { field: string; message: string }[] } }>('POST', '/v1/auth/accept-invitation', {
      json: { token: await linkTokenSentTo(email), password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.map((f) => f.field)).toContain('password');
    // The link still works after a refused attempt.
    const ok = await api.request('POST', '/v1/auth/accept-invitation', { json: { token: await linkTokenSentTo(email), password: 'Much-longer-pw-9' } });
    expect(ok.status).toBe(201);
  });

  it('answer a made-up or malformed link with 410 or 400, never 500', async () => {
    const madeUp = `${firm.tenantId}.${'x'.repeat(43)}`;
    expect((await api.request('POST', '/v1/auth/accept-invitation', { json: { token: madeUp, password: 'Long-enough-1A' } })).status).toBe(410);
    expect((await api.request('POST', '/v1/auth/accept-invitation', { json: { token: 'nonsense', password: 'Long-enough-1A' } })).status).toBe(410);
    expect((await api.request('POST', '/v1/auth/accept-invitation', { json: { password: 'Long-enough-1A' } })).status).toBe(400);
  });
});

describe('passwords', () => {
  it('reset: 202 for any address, one email for a real one, and the new password replaces the old', async () => {
    const unknown = await api.request('POST', '/v1/auth/password-reset', { json: { email: `nobody-${unique()}@firm.example` } });
    const known = await api.request('POST', '/v1/auth/password-reset', { json: { email: firm.admin.email } });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    // Asking again within minutes sends nothing more.
    await api.request('POST', '/v1/auth/password-reset', { json: { email: firm.admin.email } });
    const resets = (await emailsTo(firm.admin.email)).filter((m) => m.subject.includes('Reset'));
    expect(resets).toHaveLength(1);

    const set = await api.request('POST', '/v1/auth/password', { json: { token: await linkTokenSentTo(firm.admin.email), password: 'Brand-new-pass-7' } });
    expect(set.status).toBe(200);
    expect((await api.request('POST', '/v1/auth/sign-in', { json: { email: firm.admin.email, password: firm.admin.password } })).status).toBe(401);
    // The change ends the sessions from before it.
    expect((await firm.as('admin', 'GET', '/v1/me')).status).toBe(401);
    firm.admin.token = await signIn(api, firm.admin.email, 'Brand-new-pass-7');
    expect((await firm.as('admin', 'GET', '/v1/me')).status).toBe(200);
    firm.admin.password = 'Brand-new-pass-7';
  });

  it('sign-in refuses a wrong password with the same 401 as an unknown address', async () => {
    const wrong = await api.request<{ error: { message: string } }>('POST', '/v1/auth/sign-in', { json: { email: firm.owner.email, password: 'Wrong-password-1' } });
    const unknown = await api.request<{ error: { message: string } }>('POST', '/v1/auth/sign-in', { json: { email: `x-${unique()}@firm.example`, password: 'Wrong-password-1' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('sign-in sets an HttpOnly __Host- session cookie', async () => {
    const res = await api.request('POST', '/v1/auth/sign-in', { json: { email: firm.owner.email, password: firm.owner.password } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-waymark-session=ey[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Secure; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  });
});

describe('settings', () => {
  it('merge a partial change, bump the version and write an audit event', async () => {
    const before = (await firm.as('owner', 'GET', '/v1/settings')).body.settings;
    const res = await firm.as('admin', 'PATCH', '/v1/settings', { branding: { accentColour: '#AA3300' }, reminderPolicy: { quietHoursStart: '22:30' } });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      version: before.version + 1,
      branding: { ...before.branding, accentColour: '#AA3300' },
      reminderPolicy: { ...before.reminderPolicy, quietHoursStart: '22:30' },
      name: before.name,
    });
    const audit = await firm.as('owner', 'GET', '/v1/audit?limit=1');
    expect(audit.body.events[0]).toMatchObject({ action: 'settings.updated', actor: { kind: 'staff', id: firm.admin.userId }, details: { changed: ['branding', 'reminderPolicy'] } });
  });

  it('answer bad values with 400 naming each field', async () => {
    const res = await firm.as('owner', 'PATCH', '/v1/settings', {
      branding: { accentColour: 'red', logoUrl: 'http://insecure.example/logo.png' },
      locale: 'fr',
      reminderPolicy: { quietHoursStart: '25:00' },
      limits: { activeClients: 0 },
    });
    expect(res.status).toBe(400);
    const fields = res.body.error.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['branding.accentColour', 'branding.logoUrl', 'limits.activeClients', 'locale', 'reminderPolicy.quietHoursStart']);
    expect((await firm.as('owner', 'PATCH', '/v1/settings', {})).status).toBe(400);
  });
});

describe('audit trail', () => {
  it('pages newest first with a cursor, and refuses a forged cursor', async () => {
    const first = await firm.as('owner', 'GET', '/v1/audit?limit=2');
    expect(first.body.events).toHaveLength(2);
    const second = await firm.as('owner', 'GET', `/v1/audit?limit=2&before=${encodeURIComponent(first.body.next)}`);
    expect(second.status).toBe(200);
    expect(second.body.events[0].at <= first.body.events[1].at).toBe(true);
    const forged = await firm.as('owner', 'GET', `/v1/audit?before=${encodeURIComponent('T#X#AUDIT')}`);
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields[0].field).toBe('query.before');
  });
});

describe('ownership', () => {
  it('moves to another active staff user in one step; the old owner becomes an admin', async () => {
    const other = await createFirm(api);
    const res = await other.as('owner', 'POST', '/v1/ownership', { userId: other.admin.userId });
    expect(res.status).toBe(200);
    expect(res.body.owner).toMatchObject({ userId: other.admin.userId, role: 'owner' });
    expect(res.body.previousOwner).toMatchObject({ userId: other.owner.userId, role: 'admin' });
    // Roles come from the table on every request: the former owner's old token now acts as an admin.
    expect((await other.as('owner', 'GET', '/v1/me')).body.user.role).toBe('admin');
    expect((await other.as('owner', 'POST', '/v1/ownership', { userId: other.owner.userId })).status).toBe(403);
    expect((await other.as('admin', 'GET', '/v1/me')).body.user.role).toBe('owner');
  }, 120_000);
});
