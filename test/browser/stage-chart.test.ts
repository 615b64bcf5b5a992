import { describe, expect, it } from 'vitest';
import { html } from '../../shared/web/html.js';
import { words } from '../../shared/web/i18n.js';
import { renderPage } from '../../shared/web/layout.js';
import { STAGE_CHART_CSS, stageChart } from '../../shared/web/stage-chart.js';
import { axeViolations, cspViolations, DESKTOP, PHONE, SCREENSHOT_DIR, useBrowser } from '../support/browser.js';

/**
 * The stage chart on a page of its own, as the client's and the coach's pages will show it: two competencies (one
 * with the coach's view beside the client's, one assessed once) and one not assessed yet, in Chromium with JavaScript
 * off, under the page's own CSP: accessible, no sideways scrolling at 360 px, nothing loaded but the document.
 */
const browser = useBrowser();

function chartPage(locale: 'en' | 'de') {
  const content = html`<h1>${locale === 'de' ? 'Ihre Entwicklung' : 'Your progress'}</h1>
${stageChart({
    competency: 'Delegation',
    points: [{ date: '2026-09-01', stage: 1 }, { date: '2026-10-01', stage: 2 }, { date: '2026-11-01', stage: 2 }, { date: '2026-12-01', stage: 3 }],
    coachPoints: [{ date: '2026-09-01', stage: 2 }, { date: '2026-12-01', stage: 3 }],
  }, locale)}
${stageChart({ competency: 'Giving feedback within a day, even when it is uncomfortable', points: [{ date: '2026-12-01', stage: 2 }] }, locale)}
${stageChart({ competency: 'Presence', points: [] }, locale)}`;
  return renderPage(words[locale], undefined, 'Stages', content, STAGE_CHART_CSS);
}

describe('the stage chart in a page', () => {
  for (const locale of ['en', 'de'] as const) {
    for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      it(`${locale} at ${viewport.width} px: two charts and a sentence, accessible, within the width, under the page's CSP`, async () => {
        const rendered = chartPage(locale);
        const page = await browser.newPage({ viewport, javaScriptEnabled: false });
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.route('http://charts.test/**', (route) =>
          route.fulfill({ contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': rendered.csp }, body: rendered.html }),
        );
        await page.goto('http://charts.test/stages');

        expect(requests).toHaveLength(1);
        expect(cspViolations(page)).toEqual([]);
        expect(await page.locator('svg.stage-plot').count()).toBe(2);
        expect(await page.locator('svg.stage-plot[aria-hidden="true"]').count()).toBe(2);
        // The text equivalent: a row per date (four dates, then one), each stage in words.
        expect(await page.locator('table.stage-table tbody tr').count()).toBe(5);
        expect(await page.getByRole('table').first().getByRole('row').count()).toBe(5);
        const phrase = locale === 'de' ? 'Ausgangswert 1 · jetzt 3' : 'Baseline 1 · now 3';
        expect(await page.getByText(phrase).count()).toBe(1);
        // The chart is drawn at the width it has: the plot's box is as wide as the content, and in proportion.
        const box = (await page.locator('svg.stage-plot').first().boundingBox())!;
        expect(box.width).toBeGreaterThan(250);
        expect(Math.round((box.height / box.width) * 100)).toBe(50);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
        expect(await axeViolations(page, [viewport.width])).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOT_DIR}stage-chart-${locale}-${width}.png`, fullPage: true });
        await page.close();
      });
    }
  }
});
