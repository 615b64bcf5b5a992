import { describe, expect, it } from 'vitest';
import { axeViolations, cspViolations, useBrowser } from '../support/browser.js';

const browser = useBrowser();

// A page as strict as ours (no script allowed at all) with four planted faults: the checks must find each of them.
const FAULTY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Faulty</title><style>h1{color:#333}</style></head><body><main><h1>Faulty</h1><img src="data:,"><form method="post"><input name="email"></form>
<div style="width:400px">wide</div><noscript><p id="noscript">no script here</p></noscript></main></body></html>`;

describe('the browser test harness', () => {
  it('finds what axe, a 320 px phone and the CSP would complain about, on a page that runs no script', async () => {
    const page = await browser.newPage();
    await page.route('http://harness.test/**', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': "default-src 'none'; style-src 'sha256-AAAA'" }, body: FAULTY }),
    );
    await page.goto('http://harness.test/faulty');

    expect(cspViolations(page)).toContainEqual(expect.stringContaining("violates the following Content Security Policy directive 'style-src 'sha256-AAAA''"));
    const found = await axeViolations(page);
    expect(found.map((v) => `${v.width} ${v.id}`).sort()).toEqual(['1280 image-alt', '1280 label', '320 reflow', '360 image-alt', '360 label']);
    // The page under test itself stays without JavaScript.
    expect(await page.locator('#noscript').isVisible()).toBe(true);
  });
});
