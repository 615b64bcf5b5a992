import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { useApi } from '../support/api.js';
import { axeViolations, desktop, screenshot, useBrowser } from '../support/browser.js';
import { createProgram } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { signedInPage } from '../support/web-browser.js';

/** The coach's home in Chromium (JavaScript off) at 360 and 1280 px: the programs, a stalled one first, the filters. */
const api = useApi();
const browser = useBrowser();
let F: FirmFixture;

beforeAll(async () => {
  F = await createFirm(api);
  await createProgram(F, 'coach', { client: { name: 'Anna Calm' } });
  const stalled = await createProgram(F, 'coach', { client: { name: 'Bruno Stalled' }, program: { title: 'Presence in board meetings' } });
  await createProgram(F, 'owner', { client: { name: 'Chiara Owned' } });
  // Created long ago, and the client never acted since: stalled, by the digest's rule.
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.program(tenantScope(F.tenantId), stalled.programId),
      UpdateExpression: 'SET createdAt = :at',
      ExpressionAttributeValues: { ':at': new Date(Date.now() - 60 * 86_400_000).toISOString() },
    }),
  );
}, 60_000);

describe('the coach’s home in a browser', () => {
  it('shows a coach their programs, the stalled one first with its reason, readable at 360 and 1280 px', async () => {
    const page = await signedInPage(browser, api, F.coach.email, F.coach.password);
    expect(new URL(page.url()).pathname).toBe('/app');
    const rows = page.locator('table.programs tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().innerText()).toContain('Bruno Stalled');
    expect(await rows.first().innerText()).toMatch(/no client activity for \d+ days/);
    expect(await page.locator('main').innerText()).not.toContain('Chiara Owned');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-coach');
    // At 360 px each row is a card whose cells name their column.
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('table.programs td[data-label="Completion"]'), '::before').content`)).toBe('"Completion"');
  });

  it('lets an owner filter the firm’s programs by coach, and answers a bad filter by its field', async () => {
    const page = await signedInPage(browser, api, F.owner.email, F.owner.password);
    await desktop(page);
    expect(await page.locator('table.programs tbody tr').count()).toBe(3);
    await page.getByLabel('Coach', { exact: true }).selectOption({ value: F.owner.userId });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForLoadState();
    expect(await page.locator('table.programs tbody tr').count()).toBe(1);
    expect(await page.locator('table.programs').innerText()).toContain('Chiara Owned');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-owner-filtered');

    const typed = 'x'.repeat(101);
    await page.getByLabel('Client name').fill(typed);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#q-error').innerText()).toContain('up to 100 characters');
    expect(await page.getByLabel('Client name').inputValue()).toBe(typed);
    expect(await page.locator('.errors a[href="#q"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-bad-filter');
  });
});
