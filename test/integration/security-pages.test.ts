import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { parseSessionCookie } from '../../shared/domain/web-session.js';
import { hashSecret } from '../../shared/links/tokens.js';
import { useApi } from '../support/api.js';
import { createFirm, signIn, type FirmFixture } from '../support/firms.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { signedIn, totpNow, WebUser, type PageAnswer } from '../support/web.js';

/**
 * The user's security pages through the local gateway, as a browser sends them: enrolling an authenticator app
 * (Cognito's secret read off the page, codes from it as a phone makes them), signing in with its code afterwards,
 * removing it (a recent sign-in only), the firm's requirement, and signing out everywhere.
 */
const api = useApi();
let F: FirmFixture;

beforeAll(async () => {
  F = await createFirm(api);
});

const staffItem = async (userId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.staff(tenantScope(F.tenantId), userId), ConsistentRead: true }))).Item;

const sessionKey = (user: WebUser) => {
  const cookie = parseSessionCookie(user.sessionCookie)!;
  return keys.webSession(tenantScope(cookie.tenantId), hashSecret(cookie.secret));
};
const sessionItem = async (user: WebUser) => (await db().send(new GetCommand({ TableName: tableName(), Key: sessionKey(user), ConsistentRead: true }))).Item;

/** Moves this browser's sign-in into the past (as if signed in `minutes` ago). */
async function signedInMinutesAgo(user: WebUser, minutes: number): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: sessionKey(user),
      UpdateExpression: 'SET signedInAt = :at',
      ExpressionAttributeValues: { ':at': Math.floor(Date.now() / 1000) - minutes * 60 },
    }),
  );
}

const auditActions = async (): Promise<string[]> =>
  ((await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantScope(F.tenantId)) } }))).Items ?? []).map(
    (i) => String(i.action),
  );

/** The secret the enrolment page shows (the hidden field; the same as the grouped text a person types). */
function secretOn(page: PageAnswer): string {
  const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page.html)?.[1];
  expect(secret, 'the enrolment page carries the secret').toBeDefined();
  const grouped = /<code class="key">([A-Z2-7 ]+)<\/code>/.exec(page.html)?.[1];
  expect(grouped!.replaceAll(' ', '')).toBe(secret);
  return secret!;
}

/** A code that is not the app's current one (nor the neighbouring ones Cognito tolerates). */
const wrongCode = (secret: string) => String((Number(totpNow(secret)) + 500_000) % 1_000_000).padStart(6, '0');

/** Enrols an app through the pages; returns its secret. */
async function enrolThroughPages(user: WebUser): Promise<string> {
  const page = await user.post('/app/security/authenticator');
  expect(page.status).toBe(200);
  const secret = secretOn(page);
  const done = await user.post('/app/security/authenticator/confirm', { secret, code: totpNow(secret) });
  expect(done.status).toBe(303);
  expect(done.location).toBe('/app/security?done=enrolled');
  return secret;
}

describe('the security page and the authenticator app', () => {
  let secret: string;

  it('shows the user without an app how to set one up, sign out everywhere and change the password', async () => {
    const coach = await signedIn(api, F.coach.email, F.coach.password);
    const page = await coach.get('/app/security');
    expect(page.status).toBe(200);
    expect(page.html).toContain('You sign in with your password only.');
    expect(page.html).toContain('Your firm does not require one');
    expect(page.html).toContain('action="/app/security/authenticator"');
    expect(page.html).toContain('action="/app/security/sign-out-everywhere"');
    expect(page.html).toContain('href="/reset-password"');
    expect(page.html).not.toContain('action="/app/security/authenticator/remove"');
    expect(page.html).toMatch(/<a href="\/app\/security" aria-current="page">/);
  });

  it('enrols through the pages: QR code and grouped key; a wrong code is refused by the field with nothing written', async () => {
    const coach = await signedIn(api, F.coach.email, F.coach.password);
    const page = await coach.post('/app/security/authenticator');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<svg role="img" aria-label="QR code for adding Waymark to an authenticator app[^"]*"[^>]* viewBox="0 0 \d+ \d+"/);
    secret = secretOn(page);
    expect(page.html).toContain('autocomplete="one-time-code"');

    const before = await tenantSnapshot(F.tenantId);
    const typed = wrongCode(secret);
    const wrong = await coach.post('/app/security/authenticator/confirm', { secret, code: typed });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('href="#code"');
    expect(wrong.html).toContain('id="code-error"');
    expect(wrong.html).toContain('aria-invalid="true"');
    expect(wrong.html).toContain(`value="${typed}"`);
    // The same secret again, so the app already scanned still fits.
    expect(secretOn(wrong)).toBe(secret);
    const letters = await coach.post('/app/security/authenticator/confirm', { secret, code: 'abc' });
    expect(letters.status).toBe(400);
    expect(letters.html).toContain('value="abc"');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);

    const right = await coach.post('/app/security/authenticator/confirm', { secret, code: totpNow(secret) });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/app/security?done=enrolled');
    expect(await staffItem(F.coach.userId)).toMatchObject({ mfa: 'totp' });
    expect(await sessionItem(coach)).toMatchObject({ mfa: true });
    expect(await auditActions()).toContain('staff.mfa_enrolled');
    const after = await coach.get(right.location!);
    expect(after.html).toContain('Your authenticator app is set up.');
    expect(after.html).toContain('You sign in with your password and a code from your authenticator app.');
    expect(after.html).toContain('action="/app/security/authenticator/remove"');
  });

  it('signs in with the code step afterwards', async () => {
    const user = new WebUser(api);
    const first = await user.post('/sign-in', { email: F.coach.email, password: F.coach.password });
    expect(first.status).toBe(200);
    expect(first.html).toContain('action="/sign-in/code"');
    const code = await user.post('/sign-in/code', { code: totpNow(secret) });
    expect(code.status).toBe(303);
    expect((await user.get('/app/security')).html).toContain('a code from your authenticator app');
  });

  it('removes the app only after a recent sign-in, sending an older one to sign in again first', async () => {
    const coach = await signedIn(api, F.coach.email, F.coach.password, secret);
    await signedInMinutesAgo(coach, 16);
    const before = await tenantSnapshot(F.tenantId);
    const stale = await coach.post('/app/security/authenticator/remove');
    expect(stale.status).toBe(303);
    const to = new URL(stale.location!, 'http://x');
    expect(to.pathname).toBe('/sign-in');
    expect(to.searchParams.get('next')).toBe('/app/security');
    expect((await coach.get(`${to.pathname}${to.search}`)).html).toContain('sign in again first');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);

    const fresh = await signedIn(api, F.coach.email, F.coach.password, secret);
    const removed = await fresh.post('/app/security/authenticator/remove');
    expect(removed.status).toBe(303);
    expect(removed.location).toBe('/app/security?done=removed');
    expect(await staffItem(F.coach.userId)).not.toHaveProperty('mfa');
    expect(await sessionItem(fresh)).toMatchObject({ mfa: false });
    expect(await auditActions()).toContain('staff.mfa_removed');
    expect((await fresh.get(removed.location!)).html).toContain('Your authenticator app is removed.');
    // Cognito asks for the password only again.
    expect((await new WebUser(api).signIn(F.coach.email, F.coach.password)).status).toBe(303);
  });

  it('signs out everywhere: this browser is signed out, and another browser’s session has ended', async () => {
    const here = await signedIn(api, F.owner.email, F.owner.password);
    const elsewhere = await signedIn(api, F.owner.email, F.owner.password);
    expect((await elsewhere.get('/app')).status).toBe(200);
    const answer = await here.post('/app/security/sign-out-everywhere');
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('You are signed out everywhere');
    expect(here.sessionCookie).toBeUndefined();
    const away = await elsewhere.get('/app');
    expect(away.status).toBe(303);
    expect(new URL(away.location!, 'http://x').searchParams.get('ended')).toBe('ended');
    expect(await auditActions()).toContain('staff.signed_out_everywhere');
    // Signing in again works at once.
    expect((await (await signedIn(api, F.owner.email, F.owner.password)).get('/app')).status).toBe(200);
  });

  it('when the firm requires an app: says so first, opens nothing else, lets the user enrol, and refuses removal', async () => {
    // The owner's earlier API token ended with "sign out everywhere" above: a new sign-in.
    const ownerToken = await signIn(api, F.owner.email, F.owner.password);
    const required = await api.request('PATCH', '/v1/settings', { json: { security: { requireMfa: true } }, headers: { authorization: `Bearer ${ownerToken}` } });
    expect(required.status).toBe(200);
    const admin = await signedIn(api, F.admin.email, F.admin.password);
    const home = await admin.get('/app');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/app/security');
    const page = await admin.get('/app/security');
    expect(page.status).toBe(200);
    const main = page.html.slice(page.html.indexOf('<main'));
    expect(main.indexOf('Your firm requires an authenticator app for signing in')).toBeLessThan(main.indexOf('<h2'));
    // The navigation offers Security only (and signing out).
    expect(page.html).not.toContain('href="/app/clients"');

    const otherBrowser = await signedIn(api, F.admin.email, F.admin.password);
    const adminSecret = await enrolThroughPages(admin);
    expect((await admin.get('/app')).status).toBe(200);
    // A session begun with the password only stays confined, and says how to get out: sign in again with the code.
    expect((await otherBrowser.get('/app')).location).toBe('/app/security');
    expect((await otherBrowser.get('/app/security')).html).toContain('this session began with the password only');
    const enrolled = await admin.get('/app/security');
    expect(enrolled.html).toContain('Your firm requires an authenticator app for everyone.');
    expect(enrolled.html).not.toContain('action="/app/security/authenticator/remove"');
    const before = await tenantSnapshot(F.tenantId);
    const refused = await admin.post('/app/security/authenticator/remove');
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('the app cannot be removed');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
    // The next sign-in asks for the code and goes straight in.
    expect((await (await signedIn(api, F.admin.email, F.admin.password, adminSecret)).get('/app')).status).toBe(200);
  });

  it('sends a code without an enrolment in progress back to start again, with nothing written', async () => {
    const owner = await signedIn(api, F.owner.email, F.owner.password);
    const before = await tenantSnapshot(F.tenantId);
    const answer = await owner.post('/app/security/authenticator/confirm', { secret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', code: '123456' });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/app/security?done=interrupted');
    expect((await owner.get(answer.location!)).html).toContain('was interrupted');
    expect(await tenantSnapshot(F.tenantId)).toBe(before);
  });

  it('ignores a query it does not know', async () => {
    const owner = await signedIn(api, F.owner.email, F.owner.password);
    const page = await owner.get('/app/security?done=<script>');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<script>');
  });
});
