import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { axeViolations, cspViolations, PHONE, SCREENSHOT_DIR, useBrowser } from '../support/browser.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';

/**
 * The client's sharing page in Chromium with JavaScript off, at a phone's width, in English and German: the coach
 * proposes "full", the client looks at the preview of a lower level and agrees to it. Accessible (axe) before and
 * after, no sideways scrolling, nothing loaded but the document.
 */
const api = useApi();
const browser = useBrowser();

let F: FirmFixture;
const programs: Partial<Record<'en' | 'de', ProgramFixture>> = {};

const words = {
  en: { client: 'Alex Adler', titles: 'counts and action titles', agree: 'Agree to this', recorded: 'Recorded: reports to your sponsor share counts and action titles' },
  de: { client: 'Bea Berger', titles: 'Zahlen und Titel der Schritte', agree: 'Zustimmen', recorded: 'Festgehalten: Berichte an Ihren Sponsor teilen ab dem nächsten Bericht Zahlen und Titel der Schritte' },
} as const;

/** A program proposed at "full", reported to a sponsor who reads `locale`, with a few weeks of actions. */
async function programIn(locale: 'en' | 'de'): Promise<ProgramFixture> {
  const P = await createProgram(F, 'coach', { client: { name: words[locale].client, locale }, program: { reportCadence: 'weekly', sharingLevel: 'full', title: locale === 'de' ? 'Das neue Team führen' : 'Leading the new team' } });
  const sponsor = await F.as('coach', 'POST', '/v1/sponsors', { name: locale === 'de' ? 'Sabine Sponsorin' : 'Sam Sponsor', email: `sponsor-${unique()}@client.example`, role: 'HR', locale });
  expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}`, { sponsorIds: [sponsor.body.sponsor.sponsorId] })).status).toBe(200);
  for (const [i, title] of ['Hand the weekly numbers to Priya', 'Say no to one meeting a week', 'Give Tom feedback on the client call within a day'].entries()) {
    const action = await F.as('coach', 'POST', `/v1/programs/${P.programId}/actions`, { title });
    const status = ['done', 'partly', 'not_done'][i];
    expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${action.body.action.actionId}`, { status, reflection: 'Short and specific worked well; the first time was the hardest.' })).status).toBe(200);
  }
  return { ...P, sponsorId: sponsor.body.sponsor.sponsorId };
}

beforeAll(async () => {
  F = await createFirm(api);
  programs.en = await programIn('en');
  programs.de = await programIn('de');
}, 120_000);

async function expectReadable(page: Page) {
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.locator('script, img').count()).toBe(0);
  expect(cspViolations(page)).toEqual([]);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  expect(await axeViolations(page, [PHONE.width])).toEqual([]);
}

describe('the sharing page', () => {
  for (const locale of ['en', 'de'] as const) {
    it(`${locale} at ${PHONE.width} px: the proposal, the preview of a lower level, the agreement; accessible throughout`, async () => {
      const P = programs[locale]!;
      const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const response = await page.goto(`${api.url()}/client/sharing?token=${encodeURIComponent(P.token)}&sponsor=${P.sponsorId}`);
      expect(response!.status()).toBe(200);
      expect(requests).toHaveLength(1);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      // The preview speaks the sponsor's language, and shows the client's reflections at "full".
      expect(await page.locator('.preview').getAttribute('lang')).toBe(locale);
      expect(await page.locator('.preview').getByText('Short and specific worked well', { exact: false }).count()).toBeGreaterThan(0);
      await expectReadable(page);
      await page.screenshot({ path: `${SCREENSHOT_DIR}sharing-page-${locale}-phone.png`, fullPage: true });

      // The preview at a lower level: titles, no reflections; then the client agrees to it.
      await page.getByRole('link', { name: words[locale].titles, exact: true }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('.preview').getByText('Short and specific worked well', { exact: false }).count()).toBe(0);
      expect(await page.locator('.preview').getByText('Hand the weekly numbers to Priya', { exact: false }).count()).toBe(1);
      expect(await page.getByRole('radio', { name: words[locale].titles }).isChecked()).toBe(true);
      await page.getByRole('button', { name: words[locale].agree }).click();
      await page.waitForLoadState('load');
      expect(await page.getByRole('status').textContent()).toContain(words[locale].recorded);
      await expectReadable(page);
      await page.screenshot({ path: `${SCREENSHOT_DIR}sharing-page-${locale}-agreed.png`, fullPage: true });
      await page.close();
      const sharing = (await F.as('coach', 'GET', `/v1/programs/${P.programId}`)).body.sharing;
      expect(sharing).toMatchObject({ proposed: 'full', agreed: { level: 'actions' }, effective: 'actions' });
    });
  }
});
