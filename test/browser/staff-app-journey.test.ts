import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { demo, seedDemo } from '../../infra/local/seed-demo.js';
import { useApi } from '../support/api.js';
import { axeViolations, cspViolations, screenshots, useBrowser } from '../support/browser.js';
import { unique } from '../support/factories.js';
import { linkPathSentTo } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { totpNow } from '../support/web.js';

/**
 * The staff web app from the outside, as the story goes, in real Chromium with JavaScript off: the demo firm's
 * owner signs in, sets up an authenticator app, signs out and in again with a code, invites a coach; the coach accepts
 * through the emailed page, signs in, adds a client, a sponsor and a program, and records a session with two agreed
 * actions; the client's capture email is in the inbox and the client marks one done from it; the coach's home and
 * the program page show it, with the seed's stalled program flagged. Every page on the way: axe-core finds nothing at
 * 360 and 1280 px (nor a sideways scroll at 320), the page is under 100 KB, no CSP violation, and screenshots at both
 * widths are written (test/browser/screenshots/journey-*.png).
 */
const api = useApi();
const browser = useBrowser();

const MAX_PAGE_BYTES = 100 * 1024;
const weights: Record<string, number> = {};

beforeAll(async () => {
  // The demo firm: a coach with three clients, one of whose programs stalled (no session for five weeks).
  await seedDemo({ apiUrl: api.url(), inboxUrl: inject('sesUrl') });
}, 120_000);

/** What every page of the journey must be, checked where it stands: accessible, light, and as its CSP allows. */
async function check(page: Page, name: string): Promise<void> {
  const bytes = Buffer.byteLength(await page.content());
  weights[name] = bytes;
  expect(bytes, `${name} weighs ${bytes} bytes`).toBeLessThan(MAX_PAGE_BYTES);
  expect(await page.locator('h1').count(), name).toBe(1);
  expect(await page.locator('script').count(), name).toBe(0);
  expect(cspViolations(page), name).toEqual([]);
  expect(await axeViolations(page), name).toEqual([]);
  await screenshots(page, `journey-${name}`);
}

const go = async (page: Page, path: string) => {
  const response = await page.goto(`${api.url()}${path}`);
  expect(response?.status(), `${path}: ${(await response?.text())?.replace(/<style>.*<\/style>/s, '').slice(0, 600)}`).toBe(200);
};

/** Clicks a button (or link) that sends a form and waits for the page it leads to. */
async function press(page: Page, control: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), control.click()]);
}

const field = (page: Page, name: string) => page.locator(`main [name="${name}"]`);
const path = (page: Page) => new URL(page.url()).pathname;

async function signIn(page: Page, email: string, password: string, code?: () => string): Promise<void> {
  await go(page, '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await press(page, page.getByRole('button', { name: 'Sign in' }));
  if (code) {
    expect(await page.locator('h1').innerText()).toBe('Enter your authenticator code');
    await page.getByLabel('Code', { exact: true }).fill(code());
    await press(page, page.getByRole('button', { name: 'Continue' }));
  }
  expect(path(page)).toBe('/app');
}

describe('the staff web app, as the issue tells it', () => {
  it('owner, new coach and client: from sign-in to the coach’s home, every page accessible and light', async () => {
    // The owner signs in: the firm's programs, the stalled one first and flagged.
    const owner = await browser.newPage();
    await go(owner, '/sign-in');
    await check(owner, 'sign-in');
    await signIn(owner, demo.ownerEmail, demo.password);
    const firstRow = owner.locator('main tbody tr').first();
    expect(await firstRow.innerText()).toContain('Cem Celik');
    expect((await firstRow.innerText()).toLowerCase()).toMatch(/stall[\s\S]*no session for \d weeks/);
    await check(owner, 'home-owner');

    // An authenticator app: the secret off the page, the first code turns it on.
    await go(owner, '/app/security');
    await check(owner, 'security');
    await press(owner, owner.getByRole('button', { name: 'Set up an authenticator app' }));
    expect(await owner.locator('main svg').count()).toBeGreaterThan(0);
    await check(owner, 'authenticator-setup');
    const secret = (await owner.locator('main input[name="secret"]').getAttribute('value'))!;
    await field(owner, 'code').fill(totpNow(secret));
    await press(owner, owner.getByRole('button', { name: 'Confirm and turn on' }));
    expect(path(owner)).toBe('/app/security');

    // Sign out, and in again: now with the code; a wrong code is refused by its field.
    await press(owner, owner.getByRole('button', { name: 'Sign out', exact: true }));
    await check(owner, 'signed-out');
    await go(owner, '/sign-in');
    await owner.getByLabel('Email address').fill(demo.ownerEmail);
    await owner.getByLabel('Password').fill(demo.password);
    await press(owner, owner.getByRole('button', { name: 'Sign in' }));
    await check(owner, 'sign-in-code');
    await owner.getByLabel('Code', { exact: true }).fill(String((Number(totpNow(secret)) + 1) % 1_000_000).padStart(6, '0'));
    await press(owner, owner.getByRole('button', { name: 'Continue' }));
    expect(await owner.locator('#code-error').count()).toBe(1);
    await check(owner, 'sign-in-code-wrong');
    await owner.getByLabel('Code', { exact: true }).fill(totpNow(secret));
    await press(owner, owner.getByRole('button', { name: 'Continue' }));
    expect(path(owner)).toBe('/app');

    // The owner invites a coach.
    const coachEmail = `journey-coach-${unique()}@demo-coaching.example`;
    const coachPassword = `Journey-${unique()}-Pw1`;
    await go(owner, '/app/firm/staff');
    await check(owner, 'firm-staff');
    await field(owner, 'name').fill('Jo Journey');
    await field(owner, 'email').fill(coachEmail);
    await press(owner, owner.locator('main form[action="/app/firm/invitations"] button'));
    expect(await owner.locator('main').innerText()).toContain(coachEmail);

    // The coach accepts through the emailed page and signs in.
    const coach = await browser.newPage();
    await go(coach, await linkPathSentTo(coachEmail));
    await check(coach, 'accept-invitation');
    await coach.getByLabel('Password').fill(coachPassword);
    await press(coach, coach.getByRole('button', { name: 'Accept the invitation' }));
    await press(coach, coach.getByRole('link', { name: 'Sign in to Waymark' }));
    await signIn(coach, coachEmail, coachPassword);
    await check(coach, 'home-new-coach');

    // A client, a sponsor and a program.
    const clientEmail = `journey-client-${unique()}@client.example`;
    await go(coach, '/app/clients/new');
    await check(coach, 'client-new');
    await field(coach, 'name').fill('Robin Journey');
    await field(coach, 'email').fill(clientEmail);
    await press(coach, coach.locator('main form button[type=submit]').last());
    expect(path(coach)).toMatch(/^\/app\/clients\/[0-9A-Z]{26}$/);
    const clientId = path(coach).split('/').at(-1)!;
    await check(coach, 'client');

    await go(coach, '/app/sponsors/new');
    await field(coach, 'name').fill('Sam Sponsor');
    await field(coach, 'email').fill(`journey-sponsor-${unique()}@client.example`);
    await field(coach, 'role').fill('Head of Sales');
    await press(coach, coach.locator('main form button[type=submit]').last());
    await check(coach, 'sponsor');

    await go(coach, `/app/programs/new?clientId=${clientId}`);
    await field(coach, 'title').fill('Leading through change');
    await field(coach, 'competencies').fill('Delegation\nFeedback');
    await field(coach, 'sessionsPlanned').fill('6');
    await coach.getByRole('checkbox', { name: /Sam Sponsor/ }).check();
    await check(coach, 'program-new');
    await press(coach, coach.locator('main form button[type=submit]').last());
    expect(path(coach)).toMatch(/^\/app\/programs\/[0-9A-Z]{26}$/);
    const programPath = path(coach);

    // A session with two agreed actions: the client's capture email goes out.
    await press(coach, coach.getByRole('link', { name: 'Record a session' }));
    await check(coach, 'record-session');
    await field(coach, 'sharedSummary').fill('We looked at where your week goes.');
    await field(coach, 'privateNotes').fill('Energy low; ask about the reorganisation.');
    await field(coach, 'actions.0.title').fill('Hand the weekly report to Priya');
    await field(coach, 'actions.1.title').fill('Ask for feedback after the Monday meeting');
    await field(coach, 'nextSessionOn').fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await press(coach, coach.locator('main form button[type=submit]').last());
    expect(path(coach)).toBe(programPath);
    expect(await coach.locator('main').innerText()).toContain('Robin Journey has been emailed');
    await check(coach, 'program-after-session');
    const captures = await emailsTo(clientEmail);
    expect(captures.length).toBe(1);

    // The client opens the capture link and marks the first action done.
    const client = await browser.newPage();
    await go(client, await linkPathSentTo(clientEmail));
    const action = client.locator('ul.items > li', { hasText: 'Hand the weekly report to Priya' });
    await action.locator('summary').first().click();
    await action.getByRole('radio', { name: 'done', exact: true }).check();
    await press(client, action.getByRole('button', { name: 'Save' }));
    expect(await client.locator('main').innerText()).toContain('Recorded: Hand the weekly report to Priya is done.');

    // The coach sees it: on the home page (the client's activity today, half done) and on the program page.
    await go(coach, '/app');
    const row = coach.locator('main tbody tr', { hasText: 'Robin Journey' });
    expect(await row.innerText()).toMatch(/50\s?%/);
    expect(await row.innerText()).toMatch(/next \d+ \w+ \d{4}/);
    await check(coach, 'home-coach-after-client');
    await go(coach, programPath);
    expect(await coach.locator('main').innerText()).toMatch(/Hand the weekly report to Priya[\s\S]*done/);
    await check(coach, 'program-after-client');

    // The owner's home still puts the stalled program first.
    await go(owner, '/app');
    expect(await owner.locator('main tbody tr').first().innerText()).toContain('Cem Celik');
    console.info(`page weights (bytes): ${JSON.stringify(weights)}`);
  }, 180_000);
});
