import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tenantScope } from '../../shared/db/keys.js';
import { transact } from '../../shared/db/transact.js';
import { checkLink, issueLink } from '../../shared/links/tokens.js';
import { useApi } from '../support/api.js';
import { axeViolations, cspViolations, scriptableCopy, screenshot, useBrowser } from '../support/browser.js';
import { signupBody, unique } from '../support/factories.js';
import { createOwner, linkPathSentTo, linkTokenSentTo, signUp } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/**
 * The pages behind the emailed staff links, driven in Chromium as a person uses them: open the link from the inbox,
 * fill the form, press the button, read the page. JavaScript is off in every page under test.
 */
const api = useApi();
const browser = useBrowser();

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const goodPassword = () => `Fresh-${unique()}-Pw9`;

/** Opens a path of the app (as the emailed link names it) on the local gateway. */
async function open(page: Page, path: string): Promise<Response> {
  const response = await page.goto(`${api.url()}${path}`);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

/** Presses the page's one submit button and waits for the page the POST answers with. */
async function submit(page: Page): Promise<Response> {
  const answer = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
  await page.locator('main form').getByRole('button').click();
  const response = await answer;
  await page.waitForLoadState();
  return response;
}

const h1 = (page: Page) => page.locator('h1').innerText();

/** What every page holds, whatever it shows: the headers, one language, one main landmark and h1, and no script. */
async function expectPage(page: Page, response: Response, opts: { lang: 'en' | 'de'; firm?: string }) {
  const headers = await response.allHeaders();
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  expect(headers['cache-control']).toContain('no-store');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['strict-transport-security']).toMatch(/max-age=\d{6,}/);
  const csp = Object.fromEntries((headers['content-security-policy'] ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
  expect(csp).toMatchObject({ 'default-src': "'none'", 'form-action': "'self'", 'frame-ancestors': "'none'", 'base-uri': "'none'" });
  expect(csp['style-src']).toMatch(/^'sha256-[\w+/]+=*'$/);
  expect(csp).not.toHaveProperty('script-src');

  expect(await page.locator('html').getAttribute('lang')).toBe(opts.lang);
  expect(await page.locator('meta[name=viewport]').getAttribute('content')).toBe('width=device-width, initial-scale=1');
  expect(await page.locator('main').count()).toBe(1);
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.locator('script').count()).toBe(0);
  // The page's own style sheet is allowed by its CSP (else the person sees an unstyled page that axe never saw).
  expect(cspViolations(page)).toEqual([]);
  if (opts.firm) expect(await page.locator('header').innerText()).toContain(opts.firm);
  for (const form of await page.locator('form').all()) expect((await form.getAttribute('method'))?.toLowerCase()).toBe('post');
}

/** The path the page's form posts to. */
const formTarget = async (page: Page) => new URL((await page.locator('main form').getAttribute('action')) ?? '', page.url()).pathname;

async function expectAccessible(page: Page, name: string) {
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, name);
}

async function invite(ownerToken: string, name: string): Promise<{ email: string; invitationId: string }> {
  const email = `coach-${unique()}@firm.example`;
  const res = await api.request<{ invitation: { invitationId: string } }>('POST', '/v1/invitations', { json: { email, name, role: 'coach' }, headers: bearer(ownerToken) });
  expect(res.status).toBe(201);
  return { email, invitationId: res.body.invitation.invitationId };
}

async function invitationStatus(ownerToken: string, invitationId: string): Promise<string | undefined> {
  const res = await api.request<{ invitations: { invitationId: string; status: string }[] }>('GET', '/v1/invitations?limit=50', { headers: bearer(ownerToken) });
  if (res.status !== 200) throw new Error(`listing invitations: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.invitations.find((i) => i.invitationId === invitationId)?.status;
}

// One firm invites in every test that needs an invitation (each invites an address of its own): a firm costs four
// requests, and an owner's session ends when they change their password, so the reset test has a firm of its own.
let inviting: ReturnType<typeof createOwner> | undefined;
const invitingFirm = () => (inviting ??= createOwner(api));

const signInStatus = async (email: string, password: string) => (await api.request('POST', '/v1/auth/sign-in', { json: { email, password } })).status;

describe('setting a password through the welcome link', () => {
  it('a new owner opens the link from the inbox, sets a password, sees where to sign in, and can sign in with it', async () => {
    const body = signupBody();
    await signUp(api, body);
    const page = await browser.newPage();

    const form = await open(page, await linkPathSentTo(body.ownerEmail));
    expect(form.status()).toBe(200);
    await expectPage(page, form, { lang: 'en', firm: body.name });
    expect(await formTarget(page)).toBe('/set-password');
    expect(await page.locator('main form input[type=hidden][name=token]').count()).toBe(1);
    await expectAccessible(page, 'set-password');

    const password = goodPassword();
    await page.getByLabel(/^password/i).fill(password);
    const done = await submit(page);
    expect(done.status()).toBe(200);
    await expectPage(page, done, { lang: 'en', firm: body.name });
    expect(await h1(page)).toBe('Your password is set');
    expect(await page.locator('main').innerText()).toMatch(/sign in/i);
    expect(await page.content()).not.toContain(password);
    // Signing in within the second after a password change waits for the next second: check the page meanwhile.
    const signedIn = signInStatus(body.ownerEmail, password);
    await expectAccessible(page, 'password-set');
    expect(await signedIn).toBe(200);
  });

  it('in German for a firm whose locale is de', async () => {
    const body = signupBody({ locale: 'de' });
    await signUp(api, body);
    // The firm's locale decides, not the browser's.
    const page = await browser.newPage({ locale: 'en-US' });

    const form = await open(page, await linkPathSentTo(body.ownerEmail));
    expect(form.status()).toBe(200);
    await expectPage(page, form, { lang: 'de', firm: body.name });
    await expectAccessible(page, 'set-password-de');

    const password = goodPassword();
    await page.getByLabel(/^passwort/i).fill(password);
    const done = await submit(page);
    expect(done.status()).toBe(200);
    await expectPage(page, done, { lang: 'de', firm: body.name });
    expect(await h1(page)).toBe('Ihr Passwort ist gesetzt');
    const signedIn = signInStatus(body.ownerEmail, password);
    await expectAccessible(page, 'password-set-de');
    expect(await signedIn).toBe(200);
  });

  it('bad input shows the message next to the field, the password is not kept, and the corrected form works', async () => {
    const body = signupBody();
    await signUp(api, body);
    const page = await browser.newPage();
    await open(page, await linkPathSentTo(body.ownerEmail));

    await page.getByLabel(/^password/i).fill('no-digits-in-this-one');
    const bad = await submit(page);
    expect(bad.status()).toBe(400);
    await expectPage(page, bad, { lang: 'en', firm: body.name });
    const field = page.getByLabel(/^password/i);
    expect(await page.locator('#password-error').isVisible()).toBe(true);
    expect((await field.getAttribute('aria-describedby'))?.split(/\s+/)).toContain('password-error');
    expect(await field.inputValue()).toBe('');
    expect(await page.content()).not.toContain('no-digits-in-this-one');
    await expectAccessible(page, 'set-password-error');

    const password = goodPassword();
    await field.fill(password);
    expect((await submit(page)).status()).toBe(200);
    expect(await signInStatus(body.ownerEmail, password)).toBe(200);
  });

  it('on a German page, what is wrong is said in German, not in the validator’s English', async () => {
    const body = signupBody({ locale: 'de' });
    await signUp(api, body);
    const page = await browser.newPage();
    await open(page, await linkPathSentTo(body.ownerEmail));

    await page.getByLabel(/^passwort/i).fill('kurz');
    const bad = await submit(page);
    expect(bad.status()).toBe(400);
    await expectPage(page, bad, { lang: 'de', firm: body.name });
    expect(await page.locator('#password-error').innerText()).not.toMatch(/too small|expected|characters|needs/i);
  });
});

describe('accepting an invitation', () => {
  it('an invited coach finds the name filled in, accepts in the firm colours, and signs in', async () => {
    const firm = await invitingFirm();
    const accent = '#7b2d8e';
    expect((await api.request('PATCH', '/v1/settings', { json: { branding: { accentColour: accent } }, headers: bearer(firm.owner.token) })).status).toBe(200);
    const { email } = await invite(firm.owner.token, 'Carla Coach');
    const page = await browser.newPage();

    const form = await open(page, await linkPathSentTo(email));
    expect(form.status()).toBe(200);
    await expectPage(page, form, { lang: 'en', firm: firm.name });
    expect(await formTarget(page)).toBe('/accept-invitation');
    expect(await page.getByLabel(/name/i).inputValue()).toBe('Carla Coach');
    const copy = await scriptableCopy(page);
    try {
      expect(await copy.evaluate("getComputedStyle(document.querySelector('main form button')).backgroundColor")).toBe('rgb(123, 45, 142)');
    } finally {
      await copy.close();
    }
    await expectAccessible(page, 'accept-invitation');

    const password = goodPassword();
    await page.getByLabel(/^password/i).fill(password);
    const done = await submit(page);
    expect(done.status()).toBe(200);
    await expectPage(page, done, { lang: 'en', firm: firm.name });
    expect(await h1(page)).toBe(`Welcome to ${firm.name}`);
    await expectAccessible(page, 'invitation-accepted');

    const signedIn = await api.request<{ idToken: string }>('POST', '/v1/auth/sign-in', { json: { email, password } });
    expect(signedIn.status).toBe(200);
    const me = await api.request<{ user: { role: string; name: string } }>('GET', '/v1/me', { headers: bearer(signedIn.body.idToken) });
    expect(me.body.user).toMatchObject({ role: 'coach', name: 'Carla Coach' });
  });

  it('bad input keeps the typed name, never the password, and says what is wrong next to the field', async () => {
    const firm = await invitingFirm();
    const { email, invitationId } = await invite(firm.owner.token, 'Dana Draft');
    const page = await browser.newPage();
    await open(page, await linkPathSentTo(email));

    await page.getByLabel(/name/i).fill('Dana Typed');
    await page.getByLabel(/^password/i).fill('Short-9x');
    const bad = await submit(page);
    expect(bad.status()).toBe(400);
    await expectPage(page, bad, { lang: 'en', firm: firm.name });
    expect(await page.getByLabel(/name/i).inputValue()).toBe('Dana Typed');
    const password = page.getByLabel(/^password/i);
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('value')).toBeNull();
    expect(await page.content()).not.toContain('Short-9x');
    expect(await page.locator('#password-error').isVisible()).toBe(true);
    expect((await password.getAttribute('aria-describedby'))?.split(/\s+/)).toContain('password-error');
    await expectAccessible(page, 'accept-invitation-error');
    expect(await invitationStatus(firm.owner.token, invitationId)).toBe('pending');

    const good = goodPassword();
    await password.fill(good);
    expect((await submit(page)).status()).toBe(200);
    const signedIn = await api.request<{ idToken: string }>('POST', '/v1/auth/sign-in', { json: { email, password: good } });
    const me = await api.request<{ user: { name: string } }>('GET', '/v1/me', { headers: bearer(signedIn.body.idToken) });
    expect(me.body.user.name).toBe('Dana Typed');
  });
});

describe('a forgotten password', () => {
  it('is reset through the pages: ask for a link, the email arrives, the link sets a new password', async () => {
    const firm = await createOwner(api);
    const page = await browser.newPage();

    const ask = await open(page, '/reset-password');
    expect(ask.status()).toBe(200);
    await expectPage(page, ask, { lang: 'en' });
    expect(await formTarget(page)).toBe('/reset-password');
    await expectAccessible(page, 'reset-password');

    const before = (await emailsTo(firm.owner.email)).length;
    await page.getByLabel(/e-?mail/i).fill(firm.owner.email);
    const sent = await submit(page);
    expect(sent.status()).toBe(200);
    await expectPage(page, sent, { lang: 'en' });
    expect(await h1(page)).toBe('Check your email');
    const knownAnswer = await page.locator('main').innerText();
    await expectAccessible(page, 'reset-sent');
    expect(await emailsTo(firm.owner.email)).toHaveLength(before + 1);

    const password = goodPassword();
    await open(page, await linkPathSentTo(firm.owner.email));
    await page.getByLabel(/^password/i).fill(password);
    expect((await submit(page)).status()).toBe(200);
    expect(await h1(page)).toBe('Your password is set');
    expect(await signInStatus(firm.owner.email, password)).toBe(200);
    expect(await signInStatus(firm.owner.email, firm.owner.password)).not.toBe(200);

    // An address without an account gets the same page, and no email.
    const stranger = `nobody-${unique()}@firm.example`;
    await open(page, '/reset-password');
    await page.getByLabel(/e-?mail/i).fill(stranger);
    const unknown = await submit(page);
    expect(unknown.status()).toBe(200);
    expect(await page.locator('main').innerText()).toBe(knownAnswer);
    expect(await emailsTo(stranger)).toEqual([]);
  });

  it('asks in German when the browser prefers German (Accept-Language: de)', async () => {
    const page = await browser.newPage({ locale: 'de' });
    const ask = await open(page, '/reset-password');
    expect((await ask.request().allHeaders())['accept-language']).toBe('de');
    await expectPage(page, ask, { lang: 'de' });
    await expectAccessible(page, 'reset-password-de');

    await page.getByLabel(/e-?mail/i).fill(`niemand-${unique()}@firm.example`);
    const sent = await submit(page);
    expect(sent.status()).toBe(200);
    await expectPage(page, sent, { lang: 'de' });
    expect(await h1(page)).toBe('Prüfen Sie Ihr Postfach');
  });
});

describe('a link that no longer works', () => {
  it('a used set-password link is a 410 page (GET and POST) that sends a fresh link, and the fresh link works', async () => {
    const body = signupBody();
    const { token } = await signUp(api, body);
    const path = await linkPathSentTo(body.ownerEmail);
    const page = await browser.newPage();
    // The same link open in two tabs: the first sets the password, the second comes too late.
    const [first, second] = [page, await page.context().newPage()];
    await open(first, path);
    await open(second, path);
    const password = goodPassword();
    await first.getByLabel(/^password/i).fill(password);
    expect((await submit(first)).status()).toBe(200);
    const late = goodPassword();
    await second.getByLabel(/^password/i).fill(late);
    const refused = await submit(second);
    expect(refused.status()).toBe(410);
    expect(await h1(second)).toBe('This link no longer works');
    expect(await signInStatus(body.ownerEmail, late)).not.toBe(200);

    const dead = await open(page, path);
    expect(dead.status()).toBe(410);
    await expectPage(page, dead, { lang: 'en' });
    expect(await h1(page)).toBe('This link no longer works');
    expect(await page.content()).not.toContain(token.split('.')[1]);
    expect(await formTarget(page)).toBe('/reset-password');
    await expectAccessible(page, 'link-dead');

    const before = (await emailsTo(body.ownerEmail)).length;
    await page.getByLabel(/e-?mail/i).fill(body.ownerEmail);
    expect((await submit(page)).status()).toBe(200);
    expect(await h1(page)).toBe('Check your email');
    expect(await emailsTo(body.ownerEmail)).toHaveLength(before + 1);

    const fresh = goodPassword();
    expect((await open(page, await linkPathSentTo(body.ownerEmail))).status()).toBe(200);
    await page.getByLabel(/^password/i).fill(fresh);
    expect((await submit(page)).status()).toBe(200);
    expect(await signInStatus(body.ownerEmail, fresh)).toBe(200);
  });

  it('a dead link of a German firm says so in German and in the firm’s name, whatever the browser prefers', async () => {
    const body = signupBody({ locale: 'de' });
    const { token } = await signUp(api, body);
    expect((await api.request('POST', '/v1/auth/password', { json: { token, password: goodPassword() } })).status).toBe(200);
    const page = await browser.newPage({ locale: 'en-US' });

    const dead = await open(page, await linkPathSentTo(body.ownerEmail));
    expect(dead.status()).toBe(410);
    await expectPage(page, dead, { lang: 'de', firm: body.name });
    expect(await h1(page)).toBe('Dieser Link funktioniert nicht mehr');
    expect(await formTarget(page)).toBe('/reset-password');
  });

  it('an expired set-password link is the 410 page', async () => {
    const body = signupBody();
    const { token } = await signUp(api, body);
    const welcome = await checkLink(token, 'set-password', new Date());
    if (!welcome.ok) throw new Error(`welcome link: ${welcome.problem}`);
    const expired = issueLink(tenantScope(welcome.link.tenantId), 'set-password', welcome.link.subjectId, 3600, new Date(Date.now() - 2 * 3600_000), welcome.link.generation);
    await transact([expired.item]);
    const page = await browser.newPage();

    const dead = await open(page, `/set-password?token=${encodeURIComponent(expired.token)}`);
    expect(dead.status()).toBe(410);
    expect(await h1(page)).toBe('This link no longer works');
    expect(await formTarget(page)).toBe('/reset-password');
  });

  it('a used or revoked invitation is the 410 page, which says to ask the firm', async () => {
    const firm = await invitingFirm();
    const used = await invite(firm.owner.token, 'Uma Used');
    const path = await linkPathSentTo(used.email);
    const page = await browser.newPage();
    await open(page, path);
    await page.getByLabel(/^password/i).fill(goodPassword());
    expect((await submit(page)).status()).toBe(200);

    const dead = await open(page, path);
    expect(dead.status()).toBe(410);
    await expectPage(page, dead, { lang: 'en' });
    expect(await h1(page)).toBe('This link no longer works');
    expect(await page.locator('input[name=email]').count()).toBe(0);
    await expectAccessible(page, 'invitation-dead');

    const revoked = await invite(firm.owner.token, 'Rita Revoked');
    const revokedPath = await linkPathSentTo(revoked.email);
    expect((await api.request('DELETE', `/v1/invitations/${revoked.invitationId}`, { headers: bearer(firm.owner.token) })).status).toBeLessThan(300);
    expect((await open(page, revokedPath)).status()).toBe(410);
    expect(await h1(page)).toBe('This link no longer works');
  });
});

describe('what does not change anything', () => {
  it('GET and HEAD of the pages (a mail scanner following links) leave the links working', async () => {
    const body = signupBody();
    await signUp(api, body);
    const firm = await invitingFirm();
    const invited = await invite(firm.owner.token, 'Gil Get');
    const setPath = await linkPathSentTo(body.ownerEmail);
    const acceptPath = await linkPathSentTo(invited.email);
    const page = await browser.newPage();

    for (const path of [setPath, acceptPath]) {
      expect((await open(page, path)).status()).toBe(200);
      expect((await open(page, path)).status()).toBe(200);
      // Whether HEAD is answered like GET or not routed at all, it acts on nothing.
      expect((await fetch(`${api.url()}${path}`, { method: 'HEAD' })).status).toBeLessThan(500);
    }
    expect(await invitationStatus(firm.owner.token, invited.invitationId)).toBe('pending');

    const password = goodPassword();
    await open(page, setPath);
    await page.getByLabel(/^password/i).fill(password);
    expect((await submit(page)).status()).toBe(200);
    expect(await signInStatus(body.ownerEmail, password)).toBe(200);
    await open(page, acceptPath);
    await page.getByLabel(/^password/i).fill(password);
    expect((await submit(page)).status()).toBe(200);
    expect(await invitationStatus(firm.owner.token, invited.invitationId)).toBe('accepted');
  });

  it('a cross-site POST is refused with a 403 page and writes nothing', async () => {
    const body = signupBody();
    const { token } = await signUp(api, body);
    const page = await browser.newPage();

    // A page on another site with a form that posts to Waymark, sent by the browser itself (no script): Chromium
    // sends it with Sec-Fetch-Site: cross-site and that site's Origin.
    const attacker = goodPassword();
    await page.route('http://elsewhere.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><title>Win</title><main><h1>Win</h1><form method="post" action="${api.url()}/set-password">
<input type="hidden" name="token" value="${token}"><input type="hidden" name="password" value="${attacker}"><button>Claim</button></form></main></html>`,
      }),
    );
    await page.goto('http://elsewhere.example/win');
    const refused = await submit(page);
    expect(refused.status()).toBe(403);
    await expectPage(page, refused, { lang: 'en' });
    expect(await page.content()).not.toContain(token.split('.')[1]);
    await expectAccessible(page, 'refused');
    expect(await signInStatus(body.ownerEmail, attacker)).not.toBe(200);

    // The same from any client that says where it comes from: other sites, and an Origin that is not the app's.
    const firm = await invitingFirm();
    const invited = await invite(firm.owner.token, 'Cy Cross');
    const inviteToken = await linkTokenSentTo(invited.email);
    const mailsBefore = (await emailsTo(firm.owner.email)).length;
    const post = async (path: string, fields: Record<string, string>, headers: Record<string, string>) => {
      const res = await fetch(`${api.url()}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
      return { status: res.status, type: res.headers.get('content-type') };
    };
    const page403 = { status: 403, type: 'text/html; charset=utf-8' };
    const foreign: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://elsewhere.example' }];
    for (const headers of foreign) {
      expect(await post('/accept-invitation', { token: inviteToken, name: 'Cy Cross', password: attacker }, headers)).toEqual(page403);
      expect(await post('/set-password', { token, password: attacker }, headers)).toEqual(page403);
      expect(await post('/reset-password', { email: firm.owner.email }, headers)).toEqual(page403);
    }
    expect(await invitationStatus(firm.owner.token, invited.invitationId)).toBe('pending');
    expect(await signInStatus(invited.email, attacker)).not.toBe(200);
    expect(await emailsTo(firm.owner.email)).toHaveLength(mailsBefore);

    // The link still works from its own page.
    const password = goodPassword();
    await open(page, await linkPathSentTo(body.ownerEmail));
    await page.getByLabel(/^password/i).fill(password);
    expect((await submit(page)).status()).toBe(200);
    expect(await signInStatus(body.ownerEmail, password)).toBe(200);
  });
});
