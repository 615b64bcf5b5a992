import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { axeViolations, desktop, phone, screenshot, useBrowser } from '../support/browser.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { signedInPage } from '../support/web-browser.js';

/** The security page and the enrolment of an authenticator app in Chromium (JavaScript off), at 360 and 1280 px. */
const api = useApi();
const browser = useBrowser();
let F: FirmFixture;

beforeAll(async () => {
  F = await createFirm(api);
});

describe('the security pages in a browser', () => {
  it('shows the security page, then the enrolment page with a named QR code; a bad code comes back by the field', async () => {
    const page = await signedInPage(browser, api, F.coach.email, F.coach.password);
    const opened = await page.goto(`${api.url()}/app/security`);
    expect(opened!.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Security');
    for (const size of [phone, desktop]) await size(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'security-page');

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('Set up your authenticator app');
    const qr = page.getByRole('img', { name: /QR code for adding Waymark to an authenticator app/ });
    expect(await qr.count()).toBe(1);
    expect((await qr.boundingBox())!.width).toBeGreaterThan(150);
    const key = (await page.locator('code.key').innerText()).trim();
    expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'security-enrolment');

    await page.getByLabel('Code', { exact: true }).fill('12a');
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#code-error').innerText()).toContain('6-digit code');
    expect(await page.getByLabel('Code', { exact: true }).inputValue()).toBe('12a');
    expect(await page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The same secret again: the app already scanned still fits.
    expect((await page.locator('code.key').innerText()).trim()).toBe(key);
    await desktop(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'security-enrolment-wrong-code');
  });
});
