import { settingsAsForm } from '../../../shared/domain/admin-forms.js';
import type { Tenant } from '../../../shared/domain/tenant.js';
import { api, callBudget, firm, invite } from '../../support/call-budget.js';
import { unique } from '../../support/factories.js';
import { createFirm } from '../../support/firms.js';
import { signedIn, type PageAnswer } from '../../support/web.js';

/**
 * DynamoDB calls per request (test/support/call-budget.ts): firm administration in the staff web app, in a firm with
 * years of history (1,500 former staff, closed invitations and audit events). Every page pays one BatchGet for the
 * session, the firm and the user; the rest is the page's own work, never a walk through the history.
 */
const asResponse = (answer: PageAnswer) => ({ status: answer.status, headers: new Headers(), body: {} });
const browserOf = (role: 'owner' | 'admin' | 'coach') => signedIn(api, firm[role].email, firm[role].password);

callBudget('admin', {
  // The session check (1): the form shows the firm as the session read it.
  firmSettingsPage: async () => {
    const user = await browserOf('admin');
    return { calls: 1, status: 200, run: async () => asResponse(await user.get('/app/firm')) };
  },
  // The session check (1), the settings with their audit event in one transaction (1).
  firmSettingsSubmit: async () => {
    const user = await browserOf('admin');
    const tenant = (await firm.as('admin', 'GET', '/v1/settings')).body.settings as Tenant;
    const form = Object.fromEntries(Object.entries({ ...settingsAsForm(tenant), 'branding.accentColour': '#224466' }).filter(([name, v]) => v !== '' || !/kinds|coachCopy/.test(name)));
    delete form['security.requireMfa'];
    delete form['security.idleMinutes'];
    return { calls: 2, status: 303, run: async () => asResponse(await user.post('/app/firm', { ...form, intent: 'save', version: String(tenant.version) })) };
  },
  // The session check (1), a page of staff and a page of invitations (2), however many the firm has had.
  staffPage: async () => {
    const user = await browserOf('admin');
    return { calls: 3, status: 200, run: async () => asResponse(await user.get('/app/firm/staff')) };
  },
  // The session check (1), the invitation's transaction with its rate counters and queued email (1), the email marked sent (1).
  inviteStaffSubmit: async () => {
    const user = await browserOf('admin');
    return { calls: 3, status: 303, run: async () => asResponse(await user.post('/app/firm/invitations', { name: 'New', email: `new-${unique()}@firm.example`, role: 'coach' })) };
  },
  // The session check (1), the invitation (1), its transaction (1), the email marked sent (1).
  resendInvitationSubmit: async () => {
    const user = await browserOf('admin');
    const { id } = await invite();
    return { calls: 4, status: 303, run: async () => asResponse(await user.post(`/app/firm/invitations/${id}/resend`)) };
  },
  // The session check (1), the invitation (1), its transaction (1).
  revokeInvitationSubmit: async () => {
    const user = await browserOf('admin');
    const { id } = await invite();
    return { calls: 3, status: 303, run: async () => asResponse(await user.post(`/app/firm/invitations/${id}/revoke`)) };
  },
  // The session check (1), the staff user (1), the change with its audit event (1).
  changeStaffSubmit: async () => {
    const user = await browserOf('admin');
    return { calls: 3, status: 303, run: async () => asResponse(await user.post(`/app/firm/staff/${firm.coach.userId}`, { role: 'admin' })) };
  },
  // In a firm of its own: the session check (1), both staff users (1), the transfer with its audit event (1).
  transferOwnershipSubmit: async () => {
    const other = await createFirm(api);
    const user = await signedIn(api, other.owner.email, other.owner.password);
    return { calls: 3, status: 303, run: async () => asResponse(await user.post('/app/firm/ownership', { userId: other.admin.userId, confirm: 'yes' })) };
  },
  // The session check (1), one Query of the trail (1: at most 300 events when filtered, whatever the years behind),
  // the names of the staff users on the page (1).
  auditPage: async () => {
    const user = await browserOf('owner');
    return { calls: 3, status: 200, run: async () => asResponse(await user.get('/app/firm/audit?kind=staff')) };
  },
  mySettingsPage: async () => {
    const user = await browserOf('coach');
    return { calls: 1, status: 200, run: async () => asResponse(await user.get('/app/me')) };
  },
  // The session check (1), one conditional update of the user's item (1).
  mySettingsSubmit: async () => {
    const user = await browserOf('coach');
    return { calls: 2, status: 303, run: async () => asResponse(await user.post('/app/me', { 'digest.hour': '6', locale: 'de' })) };
  },
});
