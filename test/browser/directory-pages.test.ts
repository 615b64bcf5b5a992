import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { useBrowser } from '../support/browser.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { expectGoodAppPage, signedInPage as signedInAs } from '../support/web-browser.js';

/**
 * The staff web app's client, sponsor and program settings pages in Chromium with JavaScript off: signed in through
 * the sign-in page, each page at a phone's and a desktop's width (axe, no sideways scroll, one h1, its CSP kept), and
 * the client and program forms filled with mistakes: the message stands by the field, what was typed is still there.
 */
const api = useApi();
const browser = useBrowser();

let F: FirmFixture;
let P: ProgramFixture;
beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach');
  // A few more clients and sponsors, so the lists are lists.
  for (let i = 0; i < 3; i++) {
    await F.as('coach', 'POST', '/v1/clients', { name: `Client ${i} ${unique()}`, email: `c-${unique()}@client.example`, organisation: 'Beispiel GmbH' });
    await F.as('coach', 'POST', '/v1/sponsors', { name: `Sponsor ${i}`, email: `s-${unique()}@client.example`, role: 'HR business partner' });
  }
}, 120_000);

/** A signed-in page of a staff user's (the session cookie from the sign-in form, as a person gets it). */
const signedInPage = (role: 'coach' | 'admin' = 'coach') => signedInAs(browser, api, F[role].email, F[role].password);

async function open(page: Page, path: string) {
  const response = await page.goto(`${api.url()}${path}`);
  expect(response?.status(), path).toBe(200);
}

const expectGoodPage = (page: Page, name: string) => expectGoodAppPage(page, `directory-${name}`);

/** Presses the button of the form posting to `action` and waits for the page the POST answers with. */
async function submit(page: Page, action: string) {
  const answer = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
  await page.locator(`main form[action="${action}"] button[type=submit]`).click();
  const response = await answer;
  await page.waitForLoadState();
  return response;
}

describe('the directory pages at 360 and 1280 px', () => {
  it('the lists, the client page and the new sponsor form', async () => {
    const page = await signedInPage();
    await open(page, '/app/clients');
    expect(await page.locator('main table tbody tr').count()).toBe(4);
    await expectGoodPage(page, 'clients');
    await page.getByRole('link', { name: 'New client' }).click();
    expect(await page.locator('h1').innerText()).toBe('New client');

    await open(page, `/app/clients/${P.clientId}`);
    expect(await page.getByRole('link', { name: 'Leading the new team', exact: true }).getAttribute('href')).toBe(`/app/programs/${P.programId}`);
    await expectGoodPage(page, 'client');

    await open(page, '/app/sponsors');
    await expectGoodPage(page, 'sponsors');
    await open(page, '/app/sponsors/new');
    await expectGoodPage(page, 'sponsor-new');
  });

  it('an admin’s views: the firm’s clients by coach, and a client to move to another coach', async () => {
    const page = await signedInPage('admin');
    await open(page, `/app/clients?coachId=${F.coach.userId}`);
    expect(await page.getByLabel('Coach').inputValue()).toBe(F.coach.userId);
    await expectGoodPage(page, 'clients-admin');
    await open(page, `/app/clients/${P.clientId}`);
    expect(await page.getByRole('form', { name: 'Move to another coach' }).count()).toBe(1);
    await expectGoodPage(page, 'client-admin');
  });

  it('the client form: wrong input shows the message by the field and keeps what was typed; right input adds the client', async () => {
    const page = await signedInPage();
    await open(page, '/app/clients/new');
    await expectGoodPage(page, 'client-new');
    await page.getByLabel('Name', { exact: true }).fill('Ines Keller');
    await page.getByLabel('Email address').fill('ines.keller-at-example');
    await page.getByLabel('Hour reminders arrive (0–23, their time)').fill('30');
    expect((await submit(page, '/app/clients')).status()).toBe(400);
    await expect.poll(() => page.locator('#email-error').innerText()).toBe('Enter an email address such as name@example.com.');
    expect(await page.locator('#email').getAttribute('aria-describedby')).toContain('email-error');
    expect(await page.locator('#email').inputValue()).toBe('ines.keller-at-example');
    expect(await page.locator('[id="emailPreferences.hour-error"]').isVisible()).toBe(true);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ines Keller');
    // The summary links to the field.
    expect(await page.locator('.errors a[href="#email"]').count()).toBe(1);
    await expectGoodPage(page, 'client-new-problems');

    await page.locator('#email').fill('ines.keller@client.example');
    await page.locator('[id="emailPreferences.hour"]').fill('8');
    expect((await submit(page, '/app/clients')).status()).toBe(303);
    await page.waitForURL(/\?done=created$/);
    expect(page.url()).toMatch(/\/app\/clients\/[0-9A-Z]{26}\?done=created$/);
    expect(await page.locator('h1').innerText()).toBe('Ines Keller');
  });

  it('the program forms: new and settings; goals kept as typed when the dates are wrong', async () => {
    const page = await signedInPage();
    await open(page, `/app/programs/new?clientId=${P.clientId}`);
    await expectGoodPage(page, 'program-new');
    await page.getByLabel('Title').fill('Speaking up in meetings');
    await page.getByLabel('Goals').fill('Speak in the first ten minutes\nAsk one question per meeting');
    await page.getByLabel('Competencies').fill('Assertiveness');
    await page.getByLabel('Start date').fill('2026-12-01');
    await page.getByLabel('End date (optional)').fill('2026-11-01');
    await page.getByLabel('Sessions planned').fill('6');
    await page.locator('#sponsorIds-0').check();
    expect((await submit(page, '/app/programs')).status()).toBe(400);
    expect(await page.locator('#endDate-error').innerText()).toContain('not before the start date');
    expect(await page.getByLabel('Goals').inputValue()).toBe('Speak in the first ten minutes\nAsk one question per meeting');
    expect(await page.locator('#sponsorIds-0').isChecked()).toBe(true);
    await expectGoodPage(page, 'program-new-problems');

    await page.getByLabel('End date (optional)').fill('');
    const started = await submit(page, '/app/programs');
    expect(started.status()).toBe(303);
    expect(new URL(started.headers().location!, api.url()).pathname).toMatch(/^\/app\/programs\/[0-9A-Z]{26}$/);

    await open(page, `/app/programs/${P.programId}/edit`);
    expect(await page.getByLabel('Competencies').inputValue()).toBe('Delegation\nFeedback');
    await expectGoodPage(page, 'program-edit');
  });
});
