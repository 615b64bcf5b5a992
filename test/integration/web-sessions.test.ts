import { AdminUserGlobalSignOutCommand, AssociateSoftwareTokenCommand, InitiateAuthCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../shared/config.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { CODE_STEP_COOKIE, parseSessionCookie, WEB_SESSION_COOKIE } from '../../shared/domain/web-session.js';
import { cognito } from '../../shared/identity/cognito.js';
import { hashSecret } from '../../shared/links/tokens.js';
import { useApi } from '../support/api.js';
import { createFirm, linkTokenSentTo, type FirmFixture } from '../support/firms.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { setCookie, signedIn, totpNow, WebUser } from '../support/web.js';

/**
 * The staff web app's sign-in and session, through the local gateway as a browser sends it: the session cookie, the
 * authenticator code step, sign-out (here and everywhere), the idle end, renewal through Cognito's refresh token, and
 * cross-site posts refused.
 */
const api = useApi();
let F: FirmFixture;

beforeAll(async () => {
  F = await createFirm(api);
});

/** The session item behind a browser's cookie. */
async function sessionItem(user: WebUser): Promise<Record<string, any> | undefined> {
  const cookie = parseSessionCookie(user.sessionCookie)!;
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND SK = :sk',
      ExpressionAttributeValues: { ':pk': keys.webSession(tenantScope(cookie.tenantId), '').PK, ':sk': hashSecret(cookie.secret) },
      ConsistentRead: true,
    }),
  );
  return result.Items?.[0];
}

async function changeSession(user: WebUser, fields: Record<string, unknown>): Promise<void> {
  const cookie = parseSessionCookie(user.sessionCookie)!;
  const names = Object.keys(fields);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.webSession(tenantScope(cookie.tenantId), hashSecret(cookie.secret)),
      UpdateExpression: `SET ${names.map((n, i) => `#n${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
    }),
  );
}

/** Enrols an authenticator app for a user straight through Cognito (the enrolment pages are tested on their own). */
async function enrolAuthenticator(email: string, password: string): Promise<string> {
  const auth = await cognito().send(
    new InitiateAuthCommand({ ClientId: config.userPoolClientId(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }),
  );
  const AccessToken = auth.AuthenticationResult!.AccessToken!;
  const { SecretCode } = await cognito().send(new AssociateSoftwareTokenCommand({ AccessToken }));
  await cognito().send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpNow(SecretCode!) }));
  await cognito().send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return SecretCode!;
}

describe('the sign-in page', () => {
  it('shows the form, and keeps the address but never the password when the password is wrong (401, no cookie)', async () => {
    const user = new WebUser(api);
    const page = await user.get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.html).toContain('action="/sign-in"');
    expect(page.html).toContain('href="/reset-password"');
    const wrong = await user.post('/sign-in', { email: F.coach.email, password: 'Not-the-password-1' });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain(`value="${F.coach.email}"`);
    expect(wrong.html).not.toContain('Not-the-password-1');
    expect(wrong.html).toContain('The email address or password is not right');
    expect(user.sessionCookie).toBeUndefined();
  });

  it('answers a malformed address with the message by the field, the typed value kept', async () => {
    const user = new WebUser(api);
    const bad = await user.post('/sign-in', { email: 'not-an-address', password: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="email-error"');
    expect(bad.html).toContain('aria-invalid="true"');
    expect(bad.html).toContain('value="not-an-address"');
    expect(bad.html).toContain('href="#email"');
  });

  it('signs in with a session cookie that is HttpOnly, Secure, SameSite=Strict and __Host-, and opens the app', async () => {
    const user = new WebUser(api);
    const answer = await user.signIn(F.coach.email, F.coach.password);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/app');
    const cookie = answer.cookies.find((c) => c.startsWith(`${WEB_SESSION_COOKIE}=`))!;
    expect(WEB_SESSION_COOKIE.startsWith('__Host-')).toBe(true);
    expect(cookie).toMatch(/; Path=\/; Secure; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    // Nothing Cognito issued reaches the browser: the cookie is an opaque reference.
    expect(cookie).not.toMatch(/eyJ/);
    const home = await user.get('/app');
    expect(home.status).toBe(200);
    expect(home.html).toContain('<nav');
    const item = await sessionItem(user);
    expect(item).toMatchObject({ type: 'WebSession', userId: F.coach.userId, mfa: false });
    expect(item!.refreshToken).toEqual(expect.any(String));
  });

  it('sends a visitor without a session to sign in, and back to the page they came for afterwards', async () => {
    const user = new WebUser(api);
    const away = await user.get('/app?status=active');
    expect(away.status).toBe(303);
    const location = new URL(away.location!, 'http://x');
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('next')).toBe('/app?status=active');
    const form = await user.get(`${location.pathname}${location.search}`);
    expect(form.html).toContain('name="next" value="/app?status=active"');
    const back = await user.post('/sign-in', { email: F.coach.email, password: F.coach.password, next: '/app?status=active' });
    expect(back.location).toBe('/app?status=active');
  });

  it.each([['https://evil.example/app'], ['//evil.example'], ['/v1/staff'], ['/app/../v1/staff']])('never leads elsewhere than the app after sign-in (next=%s)', async (next) => {
    const user = new WebUser(api);
    const answer = await user.post('/sign-in', { email: F.owner.email, password: F.owner.password, next });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/app');
  });

  it('refuses a cross-site sign-in post (login CSRF) without opening a session', async () => {
    const user = new WebUser(api);
    const answer = await user.post('/sign-in', { email: F.coach.email, password: F.coach.password }, 'cross-site');
    expect(answer.status).toBe(403);
    expect(user.sessionCookie).toBeUndefined();
  });
});

describe('a session', () => {
  it('refuses a cross-site sign-out (CSRF): 403, nothing written, the session still works', async () => {
    const user = await signedIn(api, F.coach.email, F.coach.password);
    const before = await tenantSnapshot(F.tenantId);
    const refused = await user.post('/sign-out', {}, 'cross-site');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('The form must be sent from a Waymark page');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
    expect((await user.get('/app')).status).toBe(200);
  });

  it('ends at sign-out: the cookie is cleared, the session item gone, and the old cookie no longer opens anything', async () => {
    const user = await signedIn(api, F.coach.email, F.coach.password);
    const stolen = user.sessionCookie!;
    const out = await user.post('/sign-out');
    expect(out.status).toBe(200);
    expect(setCookie(out, WEB_SESSION_COOKIE)).toBe('');
    expect(out.html).toContain('You are signed out');
    const thief = new WebUser(api);
    thief.setCookie(WEB_SESSION_COOKIE, stolen);
    expect(await sessionItem(thief)).toBeUndefined();
    const refused = await thief.get('/app');
    expect(refused.status).toBe(303);
    expect(refused.location).toMatch(/^\/sign-in\?/);
  });

  it('ends after the firm’s idle time, and says why on the sign-in page', async () => {
    const user = await signedIn(api, F.owner.email, F.owner.password);
    await changeSession(user, { lastSeenAt: new Date(Date.now() - 61 * 60_000).toISOString() });
    const answer = await user.get('/app');
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('ended=idle');
    expect((await user.get(answer.location!)).html).toContain('not used for a while');
  });

  it('stamps its last use at most every few minutes, not on every page', async () => {
    const user = await signedIn(api, F.owner.email, F.owner.password);
    const first = (await sessionItem(user))!.lastSeenAt;
    await user.get('/app');
    expect((await sessionItem(user))!.lastSeenAt).toBe(first);
    const earlier = new Date(Date.now() - 6 * 60_000).toISOString();
    await changeSession(user, { lastSeenAt: earlier });
    await user.get('/app');
    expect((await sessionItem(user))!.lastSeenAt > earlier).toBe(true);
  });

  it('renews its access token with the refresh token, and ends when Cognito no longer honours it', async () => {
    const user = await signedIn(api, F.admin.email, F.admin.password);
    const before = await sessionItem(user);
    await changeSession(user, { accessExpiresAt: Math.floor(Date.now() / 1000) - 1 });
    expect((await user.get('/app')).status).toBe(200);
    const renewed = await sessionItem(user);
    expect(renewed!.accessExpiresAt).toBeGreaterThan(Math.floor(Date.now() / 1000));
    expect(renewed!.refreshToken).toBe(before!.refreshToken);
    // Cognito alone ends the login's refresh tokens (as a global sign-out by an operator would): the next renewal fails.
    await cognito().send(new AdminUserGlobalSignOutCommand({ UserPoolId: config.userPoolId(), Username: F.admin.email }));
    await changeSession(user, { accessExpiresAt: Math.floor(Date.now() / 1000) - 1 });
    const ended = await user.get('/app');
    expect(ended.status).toBe(303);
    expect(ended.location).toContain('ended=ended');
    F.admin.token = (await api.request<{ idToken: string }>('POST', '/v1/auth/sign-in', { json: { email: F.admin.email, password: F.admin.password } })).body.idToken;
  });

  it('ends everywhere when the user signs out everywhere through the API', async () => {
    const firm = await createFirm(api);
    const browser = await signedIn(api, firm.coach.email, firm.coach.password);
    expect((await firm.as('coach', 'POST', '/v1/auth/sign-out-everywhere')).status).toBe(204);
    const answer = await browser.get('/app');
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('ended=ended');
  });

  it('ends everywhere when the password changes through a reset link', async () => {
    const firm = await createFirm(api);
    const browser = await signedIn(api, firm.coach.email, firm.coach.password);
    expect((await api.request('POST', '/v1/auth/password-reset', { json: { email: firm.coach.email } })).status).toBe(202);
    const token = await linkTokenSentTo(firm.coach.email);
    expect((await api.request('POST', '/v1/auth/password', { json: { token, password: 'Changed-pass-2026' } })).status).toBe(200);
    const answer = await browser.get('/app');
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('ended=ended');
    // The new password opens a new session at once.
    expect((await signedIn(api, firm.coach.email, 'Changed-pass-2026').then((u) => u.get('/app'))).status).toBe(200);
  });

  it('ends when an admin deactivates the user', async () => {
    const firm = await createFirm(api);
    const browser = await signedIn(api, firm.coach.email, firm.coach.password);
    expect((await firm.as('admin', 'PATCH', `/v1/staff/${firm.coach.userId}`, { status: 'deactivated' })).status).toBe(200);
    const answer = await browser.get('/app');
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('ended=inactive');
  });
});

describe('the authenticator code step', () => {
  let firm: FirmFixture;
  let secret: string;
  beforeAll(async () => {
    firm = await createFirm(api);
    secret = await enrolAuthenticator(firm.coach.email, firm.coach.password);
  });

  it('asks for the code after the password, refuses a wrong one by the field, and signs in with the right one', async () => {
    const user = new WebUser(api);
    const step = await user.post('/sign-in', { email: firm.coach.email, password: firm.coach.password, next: '/app' });
    expect(step.status).toBe(200);
    expect(step.html).toContain('action="/sign-in/code"');
    expect(step.html).toContain('autocomplete="one-time-code"');
    expect(setCookie(step, CODE_STEP_COOKIE)).toBeTruthy();
    expect(user.sessionCookie).toBeUndefined();
    const wrongCode = String((Number(totpNow(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await user.post('/sign-in/code', { code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('id="code-error"');
    expect(user.sessionCookie).toBeUndefined();
    const malformed = await user.post('/sign-in/code', { code: '12ab' });
    expect(malformed.status).toBe(400);
    expect(malformed.html).toContain('value="12ab"');
    const right = await user.post('/sign-in/code', { code: totpNow(secret) });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/app');
    expect(setCookie(right, CODE_STEP_COOKIE)).toBe('');
    expect(await sessionItem(user)).toMatchObject({ mfa: true });
  });

  it('goes back to the password when the code step is missing or ran out of time', async () => {
    const user = new WebUser(api);
    const answer = await user.post('/sign-in/code', { code: totpNow(secret) });
    expect(answer.status).toBe(401);
    expect(answer.html).toContain('The sign-in took too long');
    expect(user.sessionCookie).toBeUndefined();
  });

  it('the API sign-in of an account with an authenticator app says to sign in on the web', async () => {
    const res = await api.request('POST', '/v1/auth/sign-in', { json: { email: firm.coach.email, password: firm.coach.password } });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).toContain('/sign-in');
  });

  it('leads staff without an authenticator app to enrol when the owner requires one', async () => {
    expect((await firm.as('owner', 'PATCH', '/v1/settings', { security: { requireMfa: true } })).status).toBe(200);
    expect((await firm.as('admin', 'PATCH', '/v1/settings', { security: { idleMinutes: 30 } })).status).toBe(403);
    const admin = await signedIn(api, firm.admin.email, firm.admin.password);
    const home = await admin.get('/app');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/app/security');
    // Sign-out stays open.
    expect((await admin.post('/sign-out')).status).toBe(200);
    // The enrolled coach goes straight in.
    const coach = await signedIn(api, firm.coach.email, firm.coach.password, secret);
    expect((await coach.get('/app')).status).toBe(200);
  });
});
