import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { axeViolations, cspViolations, DESKTOP, PHONE, SCREENSHOT_DIR, useBrowser } from '../support/browser.js';
import { agreeToShare, createProgram } from '../support/coaching.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/**
 * The web version of a sponsor report, in Chromium with JavaScript off: at a phone's and a desktop's width, in
 * English and German, at the fullest sharing level (every section shown): accessible (axe), no sideways scrolling,
 * nothing loaded but the document, no script and no form. The pulse's confirm page behind the same link, at a phone's width.
 */
const api = useApi();
const browser = useBrowser();

let F: FirmFixture;
const paths: Record<'en' | 'de', string> = { en: '', de: '' };

/** A program of a few weeks at the "full" level, reported to a sponsor in `locale` now; the report's web path. */
async function reportPath(locale: 'en' | 'de'): Promise<string> {
  const sponsor = await F.as('coach', 'POST', '/v1/sponsors', { name: locale === 'de' ? 'Sabine Sponsorin' : 'Sam Sponsor', email: `sponsor-${unique()}@client.example`, role: 'HR', locale });
  const P = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', sharingLevel: 'full', title: locale === 'de' ? 'Das neue Team führen' : 'Leading the new team' } });
  expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}`, { sponsorIds: [sponsor.body.sponsor.sponsorId] })).status).toBe(200);
  await agreeToShare(api, P, 'full');
  const titles = ['Hand the weekly numbers to Priya', 'Say no to one meeting a week', 'Give Tom feedback on the client call within a day'];
  for (const [i, title] of titles.entries()) {
    const action = await F.as('coach', 'POST', `/v1/programs/${P.programId}/actions`, { title });
    const status = ['done', 'partly', 'not_done'][i];
    expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${action.body.action.actionId}`, { status, reflection: 'Short and specific worked well; the first time was the hardest.' })).status).toBe(200);
    if (status === 'not_done') {
      expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/obstacles`, { actionId: action.body.action.actionId, text: 'The week filled up with urgent requests from the board.', category: 'time' })).status).toBe(201);
    }
  }
  expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/reports`)).status).toBe(202);
  const mail = (await emailsTo(sponsor.body.sponsor.email)).at(-1)!;
  return /\/report\?token=[\w.%-]+/.exec(mail.body.text ?? '')![0];
}

beforeAll(async () => {
  F = await createFirm(api);
  paths.en = await reportPath('en');
  paths.de = await reportPath('de');
}, 120_000);

async function open(page: Page, path: string) {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(`${api.url()}${path}`);
  await page.waitForLoadState('load');
  return { response: response!, requests };
}

describe('the report’s web version', () => {
  for (const locale of ['en', 'de'] as const) {
    for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      it(`${locale} at ${viewport.width} px: accessible, no sideways scrolling, only the document, no script or form`, async () => {
        const page = await browser.newPage({ viewport, javaScriptEnabled: false });
        const { response, requests } = await open(page, paths[locale]);
        expect(response.status()).toBe(200);
        const headers = await response.allHeaders();
        expect(headers['referrer-policy']).toBe('no-referrer');
        expect(headers['content-security-policy']).not.toContain('script-src');
        expect(requests).toHaveLength(1);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('script, form, svg, img').count()).toBe(0);
        expect(await page.locator('meter').count()).toBeGreaterThan(0);
        expect(await page.getByText('The week filled up with urgent requests from the board.', { exact: false }).count()).toBe(1);
        expect(cspViolations(page)).toEqual([]);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
        expect(await axeViolations(page, [viewport.width])).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOT_DIR}report-page-${locale}-${width}.png`, fullPage: true });
        await page.close();
      });
    }
  }

  for (const locale of ['en', 'de'] as const) {
    it(`the pulse's confirm page (${locale}) at 360 px: the question with the clicked answer chosen, accessible; its button records the answer`, async () => {
      const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
      const { response, requests } = await open(page, `${paths[locale].replace('/report?', '/pulse?')}&answer=4`);
      expect(response.status()).toBe(200);
      expect(requests).toHaveLength(1);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('fieldset legend').textContent()).toContain(locale === 'en' ? 'how much change have you observed in' : 'Wie viel Veränderung');
      expect(await page.getByLabel('4', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel(locale === 'en' ? '1 no change' : '1 keine Veränderung').isChecked()).toBe(false);
      expect(await page.locator('script, svg, img').count()).toBe(0);
      expect(cspViolations(page)).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page, [PHONE.width])).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}pulse-confirm-${locale}.png`, fullPage: true });
      // The browser's own POST (same-origin, no script): the thank-you page.
      await page.getByLabel(locale === 'en' ? '5 a lot of change' : '5 sehr viel Veränderung').check();
      await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()]);
      expect(await page.locator('h1').textContent()).toBe(locale === 'en' ? 'Thank you' : 'Vielen Dank');
      expect(await page.locator('main').textContent()).toContain(locale === 'en' ? 'Your answer is recorded: 5 a lot of change.' : 'Ihre Antwort ist festgehalten: 5 sehr viel Veränderung.');
      expect(await axeViolations(page, [PHONE.width])).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}pulse-thanks-${locale}.png`, fullPage: true });
      await page.close();
    });
  }

  it('a dead report link: the friendly page, 410, naming what to do', async () => {
    const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
    const { response } = await open(page, `${paths.en.slice(0, -4)}AAAA`);
    expect(response.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('This link no longer works');
    expect(await page.locator('body').textContent()).toContain('The coaching firm can send a report again.');
    expect(await axeViolations(page, [PHONE.width])).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}report-page-dead.png`, fullPage: true });
    await page.close();
  });
});
