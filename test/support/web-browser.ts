import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { useApi } from './api.js';
import { axeViolations, cspViolations, screenshots, type useBrowser } from './browser.js';
import { totpNow } from './web.js';

/**
 * A Chromium page of a staff user signed in to the web app through its own sign-in page (and the code step, given
 * the authenticator's secret), JavaScript off as for every page under test; `next`: the page to land on.
 */
export async function signedInPage(
  browser: ReturnType<typeof useBrowser>,
  api: ReturnType<typeof useApi>,
  email: string,
  password: string,
  opts: { totpSecret?: string; next?: string } = {},
): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${api.url()}/sign-in${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ''}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForEvent('load'), page.locator('main form').getByRole('button').click()]);
  if (opts.totpSecret) {
    await page.getByLabel('Code', { exact: true }).fill(totpNow(opts.totpSecret));
    await Promise.all([page.waitForEvent('load'), page.locator('main form').getByRole('button').click()]);
  }
  const landed = new URL(page.url());
  const expected = opts.next ?? '/app';
  if (`${landed.pathname}${landed.search}` !== expected) throw new Error(`web sign-in of ${email} did not reach ${expected}: ${page.url()}`);
  return page;
}

/** What every page of the web app must be: one h1, no script, its CSP kept, axe-core clean at 360 and 1280 px (and no sideways scroll at 320); screenshots at both widths. */
export async function expectGoodAppPage(page: Page, name: string): Promise<void> {
  expect(await page.locator('h1').count(), name).toBe(1);
  expect(await page.locator('script').count(), name).toBe(0);
  expect(cspViolations(page), name).toEqual([]);
  expect(await axeViolations(page), name).toEqual([]);
  await screenshots(page, name);
}
