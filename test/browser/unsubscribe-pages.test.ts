import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.js';
import { useApi } from '../support/api.js';
import { axeViolations, cspViolations, screenshot, useBrowser } from '../support/browser.js';
import { createOwner } from '../support/firms.js';
import { unsubscribeToken } from '../support/unsubscribe.js';

/**
 * The unsubscribe pages in Chromium as a recipient meets them from an email footer: the confirm page (JavaScript
 * off, one button), the answer once unsubscribed, and a dead link's page, each accessible (axe) in both languages.
 */
const api = useApi();
const browser = useBrowser();

async function open(page: Page, path: string): Promise<Response> {
  const response = await page.goto(`${api.url()}${path}`);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

describe('unsubscribe pages', () => {
  for (const locale of ['en', 'de'] as const) {
    it(`confirm, unsubscribed and dead-link pages (${locale}): accessible, no script, one button that posts`, async () => {
      const firm = await createOwner(api, { locale });
      const token = await unsubscribeToken(firm.tenantId, 'sponsor-report', newId(), `sponsor-${newId()}@client.example`);
      const page = await browser.newPage({ javaScriptEnabled: false });

      const opened = await open(page, `/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(opened.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('h1').innerText()).toBe(locale === 'de' ? 'Abbestellen?' : 'Unsubscribe?');
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('main form').getAttribute('method')).toBe('post');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `unsubscribe-confirm-${locale}`);

      const answer = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
      await page.locator('main form').getByRole('button').click();
      expect((await answer).status()).toBe(200);
      await page.waitForLoadState();
      expect(await page.locator('h1').innerText()).toBe(locale === 'de' ? 'Sie haben abbestellt' : 'You are unsubscribed');
      expect(cspViolations(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `unsubscribe-done-${locale}`);

      const dead = await open(page, `/unsubscribe?token=${firm.tenantId}.${'x'.repeat(43)}`);
      expect(dead.status()).toBe(410);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
