import type { Page } from 'playwright-core';
import type { useApi } from './api.js';
import type { useBrowser } from './browser.js';
import { totpNow } from './web.js';

/**
 * A Chromium page of a staff user signed in to the web app through its own sign-in page (and the code step, given
 * the authenticator's secret), JavaScript off as for every page under test.
 */
export async function signedInPage(browser: ReturnType<typeof useBrowser>, api: ReturnType<typeof useApi>, email: string, password: string, totpSecret?: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${api.url()}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.locator('main form').getByRole('button').click();
  await page.waitForLoadState();
  if (totpSecret) {
    await page.getByLabel('Code', { exact: true }).fill(totpNow(totpSecret));
    await page.locator('main form').getByRole('button').click();
    await page.waitForLoadState();
  }
  if (!new URL(page.url()).pathname.startsWith('/app')) throw new Error(`web sign-in of ${email} did not reach the app: ${page.url()}`);
  return page;
}
