import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { axeViolations, cspViolations, PHONE, screenshot, useBrowser } from '../support/browser.js';
import { createProgram, programItems, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';

/**
 * The client's self-assessment in Chromium with JavaScript off, at a phone's width (360 px), as a client fills it in:
 * a form left half done shows what is missing by the field and keeps the choices made; the whole form saves; the
 * page then shows the answers and how each competency has moved. axe-core finds nothing, in English and German.
 */
const api = useApi();
const browser = useBrowser();
let F: FirmFixture;
let P: ProgramFixture;
let D: ProgramFixture;

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach');
  D = await createProgram(F, 'coach', { client: { locale: 'de' } });
}, 120_000);

const pathOf = (p: ProgramFixture) => `/client/assessment?token=${encodeURIComponent(p.token)}`;

async function press(page: Page, name: string): Promise<Response> {
  const answer = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
  await page.getByRole('button', { name }).click();
  const response = await answer;
  await page.waitForLoadState();
  return response;
}

describe('the self-assessment on a phone', () => {
  it('is filled in with the keyboard-reachable radios and labels; a missing answer is shown by its field; axe-core finds nothing', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const opened = await page.goto(`${api.url()}${pathOf(P)}`);
    expect(opened!.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Your self-assessment');
    expect(await page.locator('fieldset legend').allInnerTexts()).toEqual(['Delegation', 'Feedback']);
    expect(await axeViolations(page, [PHONE.width])).toEqual([]);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'assessment-open-360');

    // Half done: Delegation answered by clicking its label text, Feedback left out.
    await page.getByLabel('Stage 2: I know I can’t yet').first().check();
    await page.getByLabel('A note (optional): what makes you say so?').first().fill('I still check every report.');
    const before = await programItems(F.tenantId, P.programId);
    const refused = await press(page, 'Save my answers');
    expect(refused.status()).toBe(400);
    expect(await page.locator('.errors[role=alert]').innerText()).toContain('Pick the stage that fits now.');
    expect(await page.locator('#stage-1-error').innerText()).toBe('Pick the stage that fits now.');
    // What was chosen and typed is still there; nothing was written.
    expect(await page.locator('#stage-0-2').isChecked()).toBe(true);
    expect(await page.locator('#note-0').inputValue()).toBe('I still check every report.');
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
    expect(await axeViolations(page, [PHONE.width])).toEqual([]);
    await screenshot(page, 'assessment-missing-360');

    // The error summary's link leads to the field.
    await page.locator('.errors a').first().click();
    expect(new URL(page.url()).hash).toBe('#stage-1-1');

    await page.locator('#stage-1-3').check();
    const saved = await press(page, 'Save my answers');
    expect(saved.status()).toBe(200);
    expect(await page.locator('.notice[role=status]').innerText()).toContain('Saved.');
    expect(await page.locator('#stage-0-2').isChecked()).toBe(true);
    expect(await page.locator('#stage-1-3').isChecked()).toBe(true);
    expect(await page.locator('main').innerText()).toContain('How it has moved');
    expect(await page.locator('script').count()).toBe(0);
    expect(cspViolations(page)).toEqual([]);
    expect(await axeViolations(page, [PHONE.width])).toEqual([]);
    await screenshot(page, 'assessment-saved-360');
  });

  it('speaks German to a German-speaking client, with the four stages in plain words; axe-core finds nothing', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${api.url()}${pathOf(D)}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('h1').innerText()).toBe('Ihre Selbsteinschätzung');
    expect(await page.locator('main').innerText()).toContain('Ich tue es, ohne nachzudenken');
    expect(await axeViolations(page, [PHONE.width])).toEqual([]);
    await screenshot(page, 'assessment-open-de-360');
  });
});
