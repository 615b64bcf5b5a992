import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { scriptableCopy, useBrowser } from '../support/browser.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { expectGoodAppPage, signedInPage as signedInAs } from '../support/web-browser.js';

/**
 * Firm administration in Chromium, JavaScript off: the owner signs in through the sign-in page, opens each admin page
 * at a phone's and a desktop's width (axe: no violations, no sideways scroll), makes a mistake in the settings form
 * (the message by the field, the typed value kept), and previews a colour before saving it.
 */
const api = useApi();
const browser = useBrowser();
let firm: FirmFixture;

beforeAll(async () => {
  firm = await createFirm(api);
}, 60_000);

async function open(page: Page, path: string): Promise<Response> {
  const response = await page.goto(`${api.url()}${path}`);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

/** Presses a button of the main content and waits for the page the POST answers with. */
async function press(page: Page, name: RegExp): Promise<Response> {
  const answer = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
  await page.locator('main').getByRole('button', { name }).click();
  const response = await answer;
  await page.waitForLoadState();
  return response;
}

const signedInPage = () => signedInAs(browser, api, firm.owner.email, firm.owner.password);

const expectGoodPage = (page: Page, name: string) => expectGoodAppPage(page, `${name}`);

describe('the firm administration pages', () => {
  it('each page reads well at 360 and 1280 px, with no axe violations', async () => {
    const page = await signedInPage();
    for (const [path, name, h1] of [
      ['/app/firm', 'admin-firm', 'Firm settings'],
      ['/app/firm/staff', 'admin-staff', 'Staff'],
      ['/app/firm/audit', 'admin-audit', 'Audit trail'],
      ['/app/firm/audit?kind=settings', 'admin-audit-filtered', 'Audit trail'],
      ['/app/me', 'admin-me', 'My settings'],
    ] as const) {
      const response = await open(page, path);
      expect(response.status(), path).toBe(200);
      expect(await page.locator('h1').innerText()).toBe(h1);
      expect((await response.body()).length, `${path} bytes`).toBeLessThan(100_000);
      await expectGoodPage(page, name);
    }
  });

  it('bad input in the settings form: the message by the field, the typed value kept; the corrected form saves', async () => {
    const page = await signedInPage();
    await open(page, '/app/firm');
    const colour = page.getByLabel('Accent colour');
    await colour.fill('plum');
    const bad = await press(page, /save settings/i);
    expect(bad.status()).toBe(400);
    expect(await page.locator('#branding-accentColour-error').isVisible()).toBe(true);
    expect((await colour.getAttribute('aria-describedby'))?.split(/\s+/)).toContain('branding-accentColour-error');
    expect(await colour.inputValue()).toBe('plum');
    await expectGoodPage(page, 'admin-firm-error');

    await colour.fill('#1f4e79');
    expect((await press(page, /save settings/i)).status()).toBe(303);
    expect(await page.locator('main .notice').innerText()).toContain('The settings are saved.');
  });

  it('the preview shows the submitted colour without saving it', async () => {
    const page = await signedInPage();
    await open(page, '/app/firm');
    const before = (await firm.as('owner', 'GET', '/v1/settings')).body.settings.branding.accentColour;
    await page.getByLabel('Accent colour').fill('#7b2d8e');
    await page.getByLabel('Display name').fill('Plum Partners');
    expect((await press(page, /^preview$/i)).status()).toBe(200);
    expect(await page.locator('#preview-email').innerText()).toContain('Plum Partners');
    const copy = await scriptableCopy(page);
    try {
      expect(await copy.evaluate("getComputedStyle(document.querySelector('#preview-email .pv-btn')).backgroundColor")).toBe('rgb(123, 45, 142)');
      expect(await copy.evaluate("getComputedStyle(document.querySelector('#preview-page .pv-head')).borderTopColor")).toBe('rgb(123, 45, 142)');
    } finally {
      await copy.close();
    }
    await expectGoodPage(page, 'admin-firm-preview');
    expect((await firm.as('owner', 'GET', '/v1/settings')).body.settings.branding.accentColour).toBe(before);
  });
});
