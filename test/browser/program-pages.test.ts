import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { DESKTOP, SCREENSHOT_DIR, useBrowser } from '../support/browser.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { expectGoodAppPage, signedInPage as signedInAs } from '../support/web-browser.js';

/**
 * A program's page and the record-session form in Chromium with JavaScript off, as a coach uses them: signed in
 * through the sign-in page, a realistic program (12 sessions, 40 actions, obstacles, reports, both sides of the
 * self-assessment), at a phone's and a desktop's width; the form filled and sent with the keyboard, and sent wrong.
 */
useClockFrom('2026-12-04T09:00:00Z');
const api = useApi();
const browser = useBrowser();

let F: FirmFixture;
let P: ProgramFixture;
const programPath = () => `/app/programs/${P.programId}`;

const SUMMARY =
  'We looked at how the week went and where the team picked things up without being asked. The handover of the Monday numbers worked; the planning meeting still waits for you. Next: let the team run it once, and give feedback the same day rather than saving it up.';
const NOTES = 'Energy lower than last time; the reorganisation weighs on them. Come back to the conversation with their manager before the review.';

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach', { program: { sharingLevel: 'full', sessionsPlanned: 14 } });
  // Eleven more sessions of three actions each, then six more actions: 12 sessions, 40 actions.
  for (let s = 0; s < 11; s += 1) {
    const day = String(2 + s * 2).padStart(2, '0');
    const recorded = await F.as('coach', 'POST', `/v1/programs/${P.programId}/sessions`, {
      heldAt: `2026-11-${day}T10:00:00+01:00`,
      sharedSummary: SUMMARY,
      privateNotes: NOTES,
      notifyClient: false,
      actions: [0, 1, 2].map((a) => ({ title: `Session ${s + 2}: hand over one more piece of the weekly routine (${a + 1})`, dueDate: `2026-12-${String(1 + a * 4).padStart(2, '0')}`, competency: a === 2 ? 'Feedback' : 'Delegation', ...(a === 0 ? { ifThenPlan: 'When the Monday report is due, I will ask Priya to draft it' } : {}) })),
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  }
  for (let a = 0; a < 6; a += 1) expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/actions`, { title: `Ask one person a week for feedback on the handover (${a + 1})`, competency: 'Feedback' })).status).toBe(201);
  for (const text of ['The Monday meeting ate the slot I had blocked.', 'Priya was on holiday, nobody else knows the numbers.']) {
    expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/obstacles`, { actionId: P.actionId, text, category: 'time' })).status).toBe(201);
  }
  for (const [round, stage] of [['2026-11-01', 1], ['2026-11-29', 2]] as const) {
    expect((await F.as('coach', 'PUT', `/v1/programs/${P.programId}/assessments/${round}/coach-view`, { answers: [{ competency: 'Delegation', stage }, { competency: 'Feedback', stage: stage + 1 }] })).status).toBe(200);
  }
  expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/reports`)).status).toBe(202);
}, 120_000);

async function open(page: Page, path: string): Promise<Response> {
  const response = await page.goto(`${api.url()}${path}`);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

/** A coach's browser, signed in through the sign-in page (no script). */
const signedInPage = () => signedInAs(browser, api, F.coach.email, F.coach.password, { next: programPath() });

const expectAccessible = (page: Page, name: string) => expectGoodAppPage(page, `${name}`);

describe('the program page', () => {
  it('shows a realistic program under 100 KB, accessible at 360 and 1280 px', async () => {
    const page = await signedInPage();
    const response = await open(page, programPath());
    expect(response.status()).toBe(200);
    const bytes = (await response.body()).byteLength;
    console.info(`program page: ${bytes} bytes`);
    expect(bytes).toBeLessThan(100 * 1024);
    expect(await page.locator('h1').innerText()).toContain('Leading the new team');
    expect(await page.locator('#sessions ~ ul > li').count()).toBe(10);
    expect(await page.locator('main').innerText()).toContain('2 earlier sessions not shown.');
    expect(await page.locator('.private').first().innerText()).toContain('Private notes');
    expect(await page.locator('#actions ~ div table tbody tr').count()).toBe(40);
    expect(await page.locator('.stage-chart polyline[stroke-dasharray]').count()).toBe(2);
    await expectAccessible(page, 'program-page');
    // screenshot() draws at a phone's width; the desktop's first screen too.
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SCREENSHOT_DIR}program-page-desktop.png` });
  }, 60_000);
});

describe('recording a session', () => {
  it('is filled in and sent with the keyboard; the program page then says the client was emailed', async () => {
    const page = await signedInPage();
    await page.getByRole('link', { name: 'Record a session' }).focus();
    await Promise.all([page.waitForURL(`**${programPath()}/sessions/new`), page.keyboard.press('Enter')]);
    expect(await page.getByLabel('Date of the session').inputValue()).toBe('2026-12-04');
    await expectAccessible(page, 'record-session');

    const mails = (await emailsTo(P.clientEmail)).length;
    await page.getByLabel('Summary for the client').focus();
    await page.keyboard.type('We agreed to hand over the planning meeting.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Calmer today.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Let the team run the planning meeting');
    const competency = page.locator('select[name="actions.0.competency"]');
    await competency.focus();
    await page.keyboard.press('ArrowDown');
    expect(await competency.inputValue()).toBe('Delegation');
    await page.locator('input[name="actions.1.title"]').focus();
    await page.keyboard.type('Ask Sam for feedback on the handover');
    // Enter in a text field sends the form (no script needed).
    const sent = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    expect((await sent).status()).toBe(303);
    await page.waitForURL(`**${programPath()}?done=session`);
    expect(await page.locator('.notice').innerText()).toMatch(/^Session recorded; Client \S+ has been emailed the link\.$/);
    expect(await page.locator('main').innerText()).toContain('Let the team run the planning meeting');
    expect(await emailsTo(P.clientEmail)).toHaveLength(mails + 1);
  }, 60_000);

  it('sent wrong, shows the error summary linked to the field, the message by it and every typed value', async () => {
    const page = await signedInPage();
    const form = await open(page, `${programPath()}/sessions/new`);
    console.info(`record-session form: ${(await form.body()).byteLength} bytes`);
    await page.getByLabel('Summary for the client').fill('Kept as typed.');
    const title = page.locator('input[name="actions.2.title"]');
    await title.fill('y'.repeat(201));
    await page.locator('input[name="actions.2.ifThenPlan"]').fill('When Sam asks, I will say yes');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the session' }).click();
    expect((await answer).status()).toBe(400);
    await page.waitForLoadState();
    const link = page.locator('.errors a');
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('#actions.2.title');
    expect(await link.innerText()).toMatch(/^Enter what the client will do/);
    expect(await page.locator('[id="actions.2.title-error"]').isVisible()).toBe(true);
    expect((await title.getAttribute('aria-describedby'))?.split(/\s+/)).toContain('actions.2.title-error');
    expect(await title.inputValue()).toBe('y'.repeat(201));
    expect(await page.getByLabel('Summary for the client').inputValue()).toBe('Kept as typed.');
    expect(await page.locator('input[name="actions.2.ifThenPlan"]').inputValue()).toBe('When Sam asks, I will say yes');
    await expectAccessible(page, 'record-session-error');
    // The summary's link leads to the field.
    await link.click();
    expect(new URL(page.url()).hash).toBe('#actions.2.title');
  }, 60_000);
});

describe('the coach’s forms: their view of a round, a session edited', () => {
  it('the coach’s view of a round, from the program page: accessible, and a note too long comes back by its field, kept', async () => {
    const page = await signedInPage();
    await Promise.all([page.waitForURL(`**${programPath()}/assessments/2026-11-29/coach-view`), page.locator(`a[href="${programPath()}/assessments/2026-11-29/coach-view"]`).click()]);
    // The saved view fills the form: Delegation at stage 2.
    expect(await page.locator('#stage-0-2').isChecked()).toBe(true);
    await expectAccessible(page, 'coach-view');
    const note = page.getByRole('group', { name: 'Feedback' }).getByLabel('A note (optional)');
    await note.fill('n'.repeat(501));
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save my view' }).click();
    expect((await answer).status()).toBe(400);
    await page.waitForLoadState();
    console.info(`coach-view form: ${(await (await answer).body()).byteLength} bytes`);
    expect(await page.locator('.errors a').getAttribute('href')).toBe('#note-1');
    expect(await page.locator('#note-1-error').innerText()).toMatch(/^Keep the note to at most 500 characters/);
    expect(await page.locator('#note-1').inputValue()).toBe('n'.repeat(501));
    expect(await page.locator('#stage-0-2').isChecked()).toBe(true);
    await expectAccessible(page, 'coach-view-error');
  }, 60_000);

  it('a session’s form: accessible, and a summary too long comes back by its field, kept', async () => {
    const page = await signedInPage();
    const form = await open(page, `${programPath()}/sessions/${P.sessionId}`);
    console.info(`edit-session form: ${(await form.body()).byteLength} bytes`);
    await expectAccessible(page, 'edit-session');
    await page.getByLabel('Summary for the client').fill('s'.repeat(4001));
    await page.getByLabel('Private notes').fill('Kept as typed.');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the session' }).click();
    expect((await answer).status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.locator('.errors a').getAttribute('href')).toBe('#sharedSummary');
    expect(await page.locator('#sharedSummary-error').isVisible()).toBe(true);
    expect(await page.getByLabel('Summary for the client').inputValue()).toBe('s'.repeat(4001));
    expect(await page.getByLabel('Private notes').inputValue()).toBe('Kept as typed.');
    await expectAccessible(page, 'edit-session-error');
  }, 60_000);
});
