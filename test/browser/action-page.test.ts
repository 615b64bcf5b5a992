import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { useBrowser } from '../support/browser.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { expectGoodAppPage, signedInPage as signedInAs } from '../support/web-browser.js';

/**
 * An action's page (its forms and a full page of history) and the add-action form in Chromium with JavaScript off:
 * accessible at 360 and 1280 px, a change sent from the page, and an add sent wrong keeping what was typed.
 */
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
const browser = useBrowser();

let F: FirmFixture;
let P: ProgramFixture;
const programPath = () => `/app/programs/${P.programId}`;
const actionPath = () => `${programPath()}/actions/${P.actionId}`;

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach');
  // A lived-in action: a changing due date and status, and obstacles, more than one page of history.
  for (let i = 0; i < 14; i += 1) {
    const changed = await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${P.actionId}`, { dueDate: `2026-12-${String(i + 1).padStart(2, '0')}`, status: i % 2 ? 'open' : 'partly', ifThenPlan: `When the Monday report is due (${i + 1}), I will block the hour before it` });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  }
  for (const text of ['The Monday meeting ate the slot I had blocked.', 'Priya was on holiday, nobody else knows the numbers.']) {
    expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/obstacles`, { actionId: P.actionId, text, category: 'time' })).status).toBe(201);
  }
}, 120_000);

async function open(page: Page, path: string): Promise<Response> {
  const response = await page.goto(`${api.url()}${path}`);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

const signedInPage = () => signedInAs(browser, api, F.coach.email, F.coach.password, { next: actionPath() });

const expectAccessible = (page: Page, name: string) => expectGoodAppPage(page, `${name}`);

describe('an action’s page', () => {
  it('shows its forms and a page of history under 100 KB, accessible at 360 and 1280 px; a change is sent from it', async () => {
    const page = await signedInPage();
    const response = await open(page, actionPath());
    expect(response.status()).toBe(200);
    const bytes = (await response.body()).byteLength;
    console.info(`action page: ${bytes} bytes`);
    expect(bytes).toBeLessThan(100 * 1024);
    expect(await page.getByLabel('Status').inputValue()).toBe('open');
    await expectAccessible(page, 'action-page');

    await page.getByLabel('Status').selectOption('done');
    const sent = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the change' }).click();
    expect((await sent).status()).toBe(303);
    await page.waitForURL(`**${actionPath()}?done=changed`);
    expect(await page.locator('.notice').innerText()).toBe('Action changed.');
    expect(await page.getByLabel('Status').inputValue()).toBe('done');
    await expectAccessible(page, 'action-page-changed');
  }, 60_000);
});

describe('adding an action', () => {
  it('is reached from the program page; sent wrong, shows the message by the field with every typed value', async () => {
    const page = await signedInPage();
    await open(page, programPath());
    await Promise.all([page.waitForURL(`**${programPath()}/actions/new`), page.getByRole('link', { name: 'Add an action' }).click()]);
    await expectAccessible(page, 'add-action');
    // The browser's date picker sends only real dates: a title over 200 characters is what comes back here.
    const longTitle = 'Hand the Friday stand-up to Sam, then the Monday numbers, '.repeat(4);
    await page.getByLabel('What will the client do?').fill(longTitle);
    await page.getByLabel('Due date (optional)').fill('2026-12-11');
    const sent = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Add the action' }).click();
    expect((await sent).status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.locator('.errors a[href="#title"]').count()).toBe(1);
    expect(await page.locator('#title-error').innerText()).toContain('at most 200 characters');
    expect(await page.getByLabel('What will the client do?').inputValue()).toBe(longTitle);
    expect(await page.getByLabel('Due date (optional)').inputValue()).toBe('2026-12-11');
    await expectAccessible(page, 'add-action-problem');
  }, 60_000);
});
