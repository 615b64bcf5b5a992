import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/gateway.js';
import { handler as updateSettings } from '../../functions/http/settings/update.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { transact } from '../../shared/db/transact.js';
import { authenticateStaff } from '../../shared/identity/authenticate.js';
import { issueLink } from '../../shared/links/tokens.js';
import { createLogger } from '../../shared/log.js';
import { changeStaff, inviteStaff } from '../../shared/tenancy/staff.js';
import { useApi } from '../support/api.js';
import { unique } from '../support/factories.js';
import { createFirm, linkTokenSentTo, signIn, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/** Issue 10, "Access": invitations of people who lost the right to invite, sessions after a password change, single use. */
const api = useApi();
let firm: FirmFixture;

beforeAll(async () => {
  firm = await createFirm(api);
}, 120_000);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (token: string) => api.request('GET', '/v1/me', { headers: bearer(token) });
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));

async function signInFull(email: string, password: string) {
  const res = await api.request<{ idToken: string; refreshToken: string }>('POST', '/v1/auth/sign-in', { json: { email, password } });
  expect(res.status).toBe(200);
  return res.body;
}

async function addAdmin() {
  const email = `admin-${unique()}@firm.example`;
  const password = `Admin-${unique()}-Aa1`;
  expect((await firm.as('owner', 'POST', '/v1/invitations', { email, name: 'An Admin', role: 'admin' })).status).toBe(201);
  const accepted = await api.request<{ staff: { userId: string } }>('POST', '/v1/auth/accept-invitation', { json: { token: await linkTokenSentTo(email), password } });
  expect(accepted.status).toBe(201);
  return { userId: accepted.body.staff.userId, email, password, token: await signIn(api, email, password) };
}

describe('a user who can no longer invite leaves no way back in (#1)', () => {
  it('deactivating an admin revokes the invitations they sent, in the same change, and says so in the audit trail', async () => {
    const admin = await addAdmin();
    const accomplice = `accomplice-${unique()}@firm.example`;
    const invited = await api.request<{ invitation: { invitationId: string } }>('POST', '/v1/invitations', {
      json: { email: accomplice, name: 'Accomplice', role: 'admin' },
      headers: bearer(admin.token),
    });
    expect(invited.status).toBe(201);
    const token = await linkTokenSentTo(accomplice);

    expect((await firm.as('owner', 'PATCH', `/v1/staff/${admin.userId}`, { status: 'deactivated' })).status).toBe(200);

    const accept = await api.request<{ error: { code: string } }>('POST', '/v1/auth/accept-invitation', { json: { token, password: 'Sneaky-pass-123' } });
    expect(accept.status).toBe(410);
    const list = await firm.as('owner', 'GET', '/v1/invitations?limit=100');
    expect(list.body.invitations.find((i: { invitationId: string }) => i.invitationId === invited.body.invitation.invitationId).status).toBe('revoked');
    const audit = await firm.as('owner', 'GET', '/v1/audit?limit=20');
    const change = audit.body.events.find((e: { action: string; resource: string }) => e.action === 'staff.updated' && e.resource === `staff/${admin.userId}`);
    expect(change.details).toMatchObject({ status: 'deactivated', invitationsRevoked: [invited.body.invitation.invitationId] });
    // The address is free again for a real invitation.
    expect((await firm.as('owner', 'POST', '/v1/invitations', { email: accomplice, name: 'Real', role: 'coach' })).status).toBe(201);
  });

  it('demoting an admin to coach revokes their pending invitations', async () => {
    const admin = await addAdmin();
    const email = `by-demoted-${unique()}@firm.example`;
    await api.request('POST', '/v1/invitations', { json: { email, name: 'X', role: 'coach' }, headers: bearer(admin.token) });
    const token = await linkTokenSentTo(email);
    expect((await firm.as('owner', 'PATCH', `/v1/staff/${admin.userId}`, { role: 'coach' })).status).toBe(200);
    expect((await api.request('POST', '/v1/auth/accept-invitation', { json: { token, password: 'Sneaky-pass-123' } })).status).toBe(410);
  });

  it("deactivating a sender whose expired invitation's address went to a newer invitation still works", async () => {
    const admin = await addAdmin();
    const email = `expired-${unique()}@firm.example`;
    await api.request('POST', '/v1/invitations', { json: { email, name: 'X', role: 'coach' }, headers: bearer(admin.token) });
    // Eight days on, the owner invites the same address again: the expired invitation's claim on it is taken over.
    const later = new Date(Date.now() + 8 * 86_400_000);
    const owner = await authenticateStaff(firm.owner.token);
    const deps = { now: later, appUrl: 'https://app.waymark.test', log: createLogger() };
    await inviteStaff(owner, { email, name: 'X again', role: 'coach' }, deps);
    const changed = await changeStaff(owner, admin.userId, { status: 'deactivated' }, deps);
    expect(changed.status).toBe('deactivated');
    // The newer invitation still holds the address.
    await expect(inviteStaff(owner, { email, name: 'X thrice', role: 'coach' }, deps)).rejects.toThrow(/pending invitation/);
  });

  it('accepting checks that the sender is still an active owner or admin, even if the invitation stayed pending', async () => {
    const admin = await addAdmin();
    const email = `orphan-${unique()}@firm.example`;
    await api.request('POST', '/v1/invitations', { json: { email, name: 'X', role: 'admin' }, headers: bearer(admin.token) });
    const token = await linkTokenSentTo(email);
    // The sender loses their standing without the revocation (as if the two raced): only the acceptance check stands.
    await db().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.staff(tenantScope(firm.tenantId), admin.userId), UpdateExpression: 'SET #s = :d', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':d': 'deactivated' } }),
    );
    const accept = await api.request('POST', '/v1/auth/accept-invitation', { json: { token, password: 'Sneaky-pass-123' } });
    expect(accept.status).toBe(410);
    // Nothing was created for the address: the link was refused before any login was made.
    const reset = await api.request('POST', '/v1/auth/password-reset', { json: { email } });
    expect(reset.status).toBe(202);
    expect((await emailsTo(email)).filter((m) => m.subject.includes('eset'))).toHaveLength(0);
  });
});

describe('a password change ends everything else (#2)', () => {
  it('ends earlier ID tokens, refresh tokens and older set-password links', async () => {
    const admin = await addAdmin();
    const first = await signInFull(admin.email, admin.password);
    const second = await signInFull(admin.email, admin.password);
    await api.request('POST', '/v1/auth/password-reset', { json: { email: admin.email } });
    const link = await linkTokenSentTo(admin.email);
    await nextSecond();

    const set = await api.request('POST', '/v1/auth/password', { json: { token: link, password: 'Changed-pass-2026' } });
    expect(set.status).toBe(200);

    expect((await me(first.idToken)).status).toBe(401);
    expect((await me(second.idToken)).status).toBe(401);
    expect((await me(admin.token)).status).toBe(401);
    const cognito = new CognitoIdentityProviderClient({});
    await expect(
      cognito.send(new InitiateAuthCommand({ ClientId: process.env.WAYMARK_USER_POOL_CLIENT_ID, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.refreshToken } })),
    ).rejects.toThrow();
    // Signing in with the new password works at once.
    expect((await me(await signIn(api, admin.email, 'Changed-pass-2026'))).status).toBe(200);
  });

  it('makes an older set-password link useless once another one set the password', async () => {
    const admin = await addAdmin();
    await api.request('POST', '/v1/auth/password-reset', { json: { email: admin.email } });
    const older = await linkTokenSentTo(admin.email);
    // A second open link of the same user (as a reset in a later period would issue it).
    const newer = issueLink(tenantScope(firm.tenantId), 'set-password', admin.userId, 3600, new Date());
    await transact([newer.item]);
    expect((await api.request('POST', '/v1/auth/password', { json: { token: newer.token, password: 'First-change-2026' } })).status).toBe(200);
    const again = await api.request<{ error: { code: string } }>('POST', '/v1/auth/password', { json: { token: older, password: 'Second-change-2026' } });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('link_not_usable');
    expect((await api.request('POST', '/v1/auth/sign-in', { json: { email: admin.email, password: 'Second-change-2026' } })).status).toBe(401);
  });

  it('POST /v1/auth/sign-out ends this session only; sign-out-everywhere ends them all', async () => {
    const admin = await addAdmin();
    const a = await signInFull(admin.email, admin.password);
    const b = await signInFull(admin.email, admin.password);
    const out = await api.request('POST', '/v1/auth/sign-out', { json: { refreshToken: a.refreshToken }, headers: bearer(a.idToken) });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/__Host-waymark-session=;.*Max-Age=0/);
    expect((await me(a.idToken)).status).toBe(401);
    expect((await me(b.idToken)).status).toBe(200);
    const cognito = new CognitoIdentityProviderClient({});
    await expect(
      cognito.send(new InitiateAuthCommand({ ClientId: process.env.WAYMARK_USER_POOL_CLIENT_ID, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: a.refreshToken } })),
    ).rejects.toThrow();

    expect((await api.request('POST', '/v1/auth/sign-out-everywhere', { headers: bearer(b.idToken) })).status).toBe(204);
    expect((await me(b.idToken)).status).toBe(401);
    await expect(
      cognito.send(new InitiateAuthCommand({ ClientId: process.env.WAYMARK_USER_POOL_CLIENT_ID, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: b.refreshToken } })),
    ).rejects.toThrow();
    expect((await me(await signIn(api, admin.email, admin.password))).status).toBe(200);
  });
});

describe('set-password is single-use for its effect (#3)', () => {
  it('of six parallel posts with one link exactly one wins, and its password is the one that holds', async () => {
    const admin = await addAdmin();
    await api.request('POST', '/v1/auth/password-reset', { json: { email: admin.email } });
    const token = await linkTokenSentTo(admin.email);
    const passwords = Array.from({ length: 6 }, (_, i) => `Parallel-${i}-${unique()}A`);
    const answers = await Promise.all(passwords.map((password) => api.request('POST', '/v1/auth/password', { json: { token, password } })));
    const winners = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.status === 410)).toHaveLength(5);
    const signIns = await Promise.all(passwords.map((password) => api.request('POST', '/v1/auth/sign-in', { json: { email: admin.email, password } })));
    expect(signIns.map((s) => s.status)).toEqual(passwords.map((_, i) => (i === winners[0] ? 200 : 401)));
  });

  it('a password Cognito refuses gives the link back for another try', async () => {
    const admin = await addAdmin();
    await api.request('POST', '/v1/auth/password-reset', { json: { email: admin.email } });
    const token = await linkTokenSentTo(admin.email);
    const weak = await api.request('POST', '/v1/auth/password', { json: { token, password: 'short' } });
    expect(weak.status).toBe(400);
    expect((await api.request('POST', '/v1/auth/password', { json: { token, password: 'Good-enough-2026' } })).status).toBe(200);
  });
});

describe('the session cookie needs same-origin proof on state changes (#15)', () => {
  const settingsPatch = async (headers: Record<string, string>, method = 'PATCH') => {
    const event = {
      version: '2.0',
      routeKey: 'PATCH /v1/settings',
      rawPath: '/v1/settings',
      rawQueryString: '',
      cookies: [`__Host-waymark-session=${firm.admin.token}`],
      headers: { 'content-type': 'application/json', ...headers },
      requestContext: { requestId: unique(), http: { method, path: '/v1/settings', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' } },
      body: JSON.stringify({ branding: { accentColour: '#123456' } }),
      isBase64Encoded: false,
    };
    const result = (await updateSettings(event as never, lambdaContext('updateSettings') as Context)) as { statusCode: number; body: string };
    return { status: result.statusCode, body: JSON.parse(result.body) as { error?: { code: string } } };
  };

  it('refuses a cookie-authenticated change without Fetch Metadata or Origin, or from another site', async () => {
    expect(await settingsPatch({})).toMatchObject({ status: 403, body: { error: { code: 'csrf_failed' } } });
    expect(await settingsPatch({ 'sec-fetch-site': 'cross-site' })).toMatchObject({ status: 403 });
    expect(await settingsPatch({ origin: 'https://evil.example' })).toMatchObject({ status: 403 });
  });

  it('accepts it from the same origin, and a bearer token needs no such proof', async () => {
    expect((await settingsPatch({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await settingsPatch({ origin: new URL(process.env.WAYMARK_APP_URL!).origin })).status).toBe(200);
    expect((await firm.as('admin', 'PATCH', '/v1/settings', { branding: { accentColour: '#654321' } })).status).toBe(200);
  });
});

describe('ids and cursors are bounded (#10)', () => {
  it('answers oversized or malformed ids and cursors with a 400 naming them, never a 500', async () => {
    const long = 'a'.repeat(1100);
    const staff = await firm.as('admin', 'GET', `/v1/staff/${long}`);
    expect(staff.status).toBe(400);
    expect(staff.body.error.fields[0].field).toBe('path.userId');
    expect((await firm.as('admin', 'DELETE', `/v1/invitations/${long}`)).status).toBe(400);
    expect((await firm.as('admin', 'POST', `/v1/invitations/${long}/resend`)).status).toBe(400);
    expect((await firm.as('admin', 'PATCH', `/v1/staff/${long}`, { name: 'x' })).status).toBe(400);
    const audit = await firm.as('owner', 'GET', `/v1/audit?before=${'9'.repeat(990)}`);
    expect(audit.status).toBe(400);
    expect(audit.body.error.fields[0].field).toBe('query.before');
    expect((await firm.as('owner', 'GET', `/v1/staff?cursor=${'A'.repeat(2000)}`)).status).toBe(400);
    expect((await firm.as('owner', 'GET', `/v1/invitations?limit=1000`)).status).toBe(400);
  });

  it("refuses another firm's cursor", async () => {
    const other = await createFirm(api);
    const page = await other.as('owner', 'GET', '/v1/staff?limit=1');
    expect(page.body.next).toBeTruthy();
    const forged = await firm.as('owner', 'GET', `/v1/staff?limit=1&cursor=${page.body.next}`);
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields[0].field).toBe('query.cursor');
  }, 60_000);
});
