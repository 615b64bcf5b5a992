import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { createFirm, linkTokenSentTo, signIn, signUp, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/** The pages behind the staff links, over HTTP: status, headers, forms, re-renders, dead links, CSRF (issue 11). */
const api = useApi();
let firm: FirmFixture;

beforeAll(async () => {
  firm = await createFirm(api);
}, 120_000);

async function page(method: string, path: string, opts: { form?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${api.url()}${path}`, {
    method,
    headers: { ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...opts.headers },
    body: opts.form ? new URLSearchParams(opts.form).toString() : undefined,
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

const h1 = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe('the set-password page', () => {
  it('shows the form for a welcome link, branded and in the firm language, with strict headers and nothing changed', async () => {
    const body = signupBody({ locale: 'de', name: 'Zürich Coaching AG' });
    const { token } = await signUp(api, body);
    const res = await page('GET', `/set-password?token=${encodeURIComponent(token)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(h1(res.html)).toBe('Passwort festlegen');
    expect(res.html).toContain('<html lang="de">');
    expect(res.html).toContain('Zürich Coaching AG');
    expect(res.html).not.toMatch(/<script/i);
    // The CSP allows exactly the page's one style sheet, by its hash.
    const css = /<style>([\s\S]*?)<\/style>/.exec(res.html)![1]!;
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    // Showing the form twice changed nothing: the link still sets the password.
    await page('GET', `/set-password?token=${encodeURIComponent(token)}`);
    const set = await page('POST', '/set-password', { form: { token, password: 'Neues-Passwort-2026' } });
    expect(set.status).toBe(200);
    expect(h1(set.html)).toBe('Ihr Passwort ist gesetzt');
    expect(await signIn(api, body.ownerEmail, 'Neues-Passwort-2026')).toMatch(/^ey/);
  });

  it('shows the form again with what is wrong, and never the password typed', async () => {
    await api.request('POST', '/v1/auth/password-reset', { json: { email: firm.coach.email } });
    const token = await linkTokenSentTo(firm.coach.email);
    const res = await page('POST', '/set-password', { form: { token, password: 'short-secret' } });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/id="password-error"/);
    expect(res.html).toContain('aria-invalid="true"');
    expect(res.html).not.toContain('short-secret');
    // The link still works after the refusal.
    expect((await page('POST', '/set-password', { form: { token, password: 'Long-enough-2026' } })).status).toBe(200);
    firm.coach.password = 'Long-enough-2026';
    firm.coach.token = await signIn(api, firm.coach.email, firm.coach.password);
  });

  it('answers a used, malformed or missing link with the 410 page, which offers a fresh link', async () => {
    await api.request('POST', '/v1/auth/password-reset', { json: { email: firm.admin.email } });
    const token = await linkTokenSentTo(firm.admin.email);
    expect((await page('POST', '/set-password', { form: { token, password: 'Admin-changed-2026' } })).status).toBe(200);
    firm.admin.password = 'Admin-changed-2026';
    firm.admin.token = await signIn(api, firm.admin.email, firm.admin.password);
    for (const path of [`/set-password?token=${encodeURIComponent(token)}`, '/set-password', `/set-password?token=${'x'.repeat(500)}`]) {
      const dead = await page('GET', path);
      expect(dead.status, path).toBe(410);
      expect(h1(dead.html)).toBe('This link no longer works');
      expect(dead.html).toContain('action="/reset-password"');
      expect(dead.html).not.toContain(token.split('.')[1]);
    }
    const reused = await page('POST', '/set-password', { form: { token, password: 'Another-one-2026' } });
    expect(reused.status).toBe(410);
  });

  it('refuses a cross-site post with 403 and changes nothing', async () => {
    await api.request('POST', '/v1/auth/password-reset', { json: { email: firm.owner.email } });
    const token = await linkTokenSentTo(firm.owner.email);
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }] as Record<string, string>[]) {
      const res = await page('POST', '/set-password', { form: { token, password: 'Evil-choice-2026' }, headers });
      expect(res.status).toBe(403);
      expect(h1(res.html)).toBe('This request was refused');
    }
    expect((await api.request('POST', '/v1/auth/sign-in', { json: { email: firm.owner.email, password: 'Evil-choice-2026' } })).status).toBe(401);
    const same = await page('POST', '/set-password', { form: { token, password: 'Owner-choice-2026' }, headers: { 'sec-fetch-site': 'same-origin' } });
    expect(same.status).toBe(200);
    firm.owner.password = 'Owner-choice-2026';
    firm.owner.token = await signIn(api, firm.owner.email, firm.owner.password);
  });
});

describe('the invitation page', () => {
  it('shows the invited name, keeps a typed name on a refusal, and creates the account', async () => {
    const email = `page-${unique()}@firm.example`;
    await firm.as('owner', 'POST', '/v1/invitations', { email, name: 'Ina Invited', role: 'coach' });
    const token = await linkTokenSentTo(email);
    const form = await page('GET', `/accept-invitation?token=${encodeURIComponent(token)}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="Ina Invited"');
    const refused = await page('POST', '/accept-invitation', { form: { token, name: 'Ina <b>Typed</b>', password: 'nodigits-here' } });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('value="Ina &lt;b&gt;Typed&lt;/b&gt;"');
    expect(refused.html).not.toContain('nodigits-here');
    const accepted = await page('POST', '/accept-invitation', { form: { token, name: 'Ina Typed', password: 'Ina-password-2026' } });
    expect(accepted.status).toBe(200);
    expect(h1(accepted.html)).toMatch(/^Welcome to /);
    expect((await page('GET', `/accept-invitation?token=${encodeURIComponent(token)}`)).status).toBe(410);
    const staff = await firm.as('owner', 'GET', '/v1/staff?limit=100');
    expect(staff.body.staff.find((s: { email: string }) => s.email === email)).toMatchObject({ name: 'Ina Typed', role: 'coach' });
  });
});

describe('the reset page', () => {
  it('speaks the visitor language and gives the same answer for any address', async () => {
    const de = await page('GET', '/reset-password', { headers: { 'accept-language': 'de-CH,de;q=0.9,en;q=0.5' } });
    expect(h1(de.html)).toBe('Passwort vergessen?');
    const en = await page('GET', '/reset-password', { headers: { 'accept-language': 'fr, en;q=0.8' } });
    expect(h1(en.html)).toBe('Forgot your password?');
    const known = await page('POST', '/reset-password', { form: { email: firm.coach.email } });
    const unknown = await page('POST', '/reset-password', { form: { email: `nobody-${unique()}@firm.example` } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(h1(known.html)).toBe('Check your email');
    expect(known.html).toBe(unknown.html);
    expect((await emailsTo(firm.coach.email)).at(-1)!.subject).toMatch(/reset/i);
    const bad = await page('POST', '/reset-password', { form: { email: 'not-an-address' } });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('value="not-an-address"');
    expect(bad.html).toContain('id="email-error"');
  });
});
