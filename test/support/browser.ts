import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

export const PHONE = { width: 360, height: 800 };
export const DESKTOP = { width: 1280, height: 800 };
/** WCAG 1.4.10 (reflow): content fits 320 CSS px without scrolling sideways. */
export const NARROWEST = 320;

export const SCREENSHOT_DIR = fileURLToPath(new URL('../browser/screenshots/', import.meta.url));

let axeSource: string | undefined;
const axe = () => (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

const cspReports = new WeakMap<Page, string[]>();

/** What Chromium refused to apply on a page because of its CSP (logged even with JavaScript off), since it opened. */
export const cspViolations = (page: Page): string[] => cspReports.get(page) ?? [];

/**
 * Pages in the one Chromium of the test run (test/support/browser-setup.ts). Each `newPage()` gets a context of its
 * own, closed after the test; JavaScript is off unless asked for, because the pages must work without it. What the
 * page's CSP blocks is recorded (`cspViolations`): a scriptable copy ignores the CSP, the page under test does not.
 */
export function useBrowser() {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.connect(inject('browserWsEndpoint'));
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(() => browser.close());
  return {
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'en-US', ...options });
      contexts.push(context);
      context.on('console', (message) => {
        const page = message.page();
        if (page && message.type() === 'error' && message.text().includes('Content Security Policy')) cspReports.set(page, [...cspViolations(page), message.text()]);
      });
      return context.newPage();
    },
  };
}

export const phone = (page: Page) => page.setViewportSize(PHONE);
export const desktop = (page: Page) => page.setViewportSize(DESKTOP);

// One context per connection for the scriptable copies; closing the connection closes it.
const scriptable = new WeakMap<Browser, Promise<BrowserContext>>();

/**
 * The document a page shows, opened again at the same URL in a context with JavaScript on and the CSP bypassed, so
 * a test can run script against it (axe, computed styles) without turning JavaScript on for the page under test and
 * without asking the server again (the document may be the answer to a POST). Close the copy when done.
 */
export async function scriptableCopy(page: Page): Promise<Page> {
  const url = page.url();
  const html = await page.content();
  const browser = page.context().browser()!;
  if (!scriptable.has(browser)) scriptable.set(browser, browser.newContext({ javaScriptEnabled: true, bypassCSP: true }));
  const copy = await (await scriptable.get(browser)!).newPage();
  await copy.setViewportSize(page.viewportSize() ?? PHONE);
  // Only the document itself is served from memory; anything it loads (a stylesheet) comes from the server.
  await copy.route((u) => u.href === url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await copy.goto(url);
  return copy;
}

export interface Violation {
  width: number;
  id: string;
  impact?: string;
  help: string;
  targets: string[];
}

/**
 * axe-core's violations of the page at a phone's and a desktop's width, plus a `reflow` violation when the page
 * scrolls sideways at 320 px. axe is injected as a script tag, which the page's CSP would refuse (no inline script):
 * it runs in a scriptable copy of the page whose context bypasses the CSP; the page under test is left as it is.
 */
export async function axeViolations(page: Page, widths: number[] = [PHONE.width, DESKTOP.width]): Promise<Violation[]> {
  const copy = await scriptableCopy(page);
  try {
    await copy.addScriptTag({ content: axe() });
    const found: Violation[] = [];
    await copy.setViewportSize({ width: NARROWEST, height: PHONE.height });
    const scrollWidth = await copy.evaluate<number>('document.documentElement.scrollWidth');
    if (scrollWidth > NARROWEST) found.push({ width: NARROWEST, id: 'reflow', help: `the page is ${scrollWidth} px wide`, targets: [] });
    for (const width of widths) {
      await copy.setViewportSize({ width, height: PHONE.height });
      const violations = await copy.evaluate<Omit<Violation, 'width'>[]>(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
      );
      found.push(...violations.map((v) => ({ width, ...v })));
    }
    return found;
  } finally {
    await copy.close();
  }
}

/** A full-page PNG of the page at a phone's width, in test/browser/screenshots/ (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  if (size) await page.setViewportSize(size);
  return path;
}

/** Full-page PNGs of the page at a phone's (360 px) and a desktop's (1280 px) width: `<name>-360.png`, `<name>-1280.png`. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  const size = page.viewportSize();
  const paths: string[] = [];
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    const path = `${SCREENSHOT_DIR}${name}-${viewport.width}.png`;
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  if (size) await page.setViewportSize(size);
  return paths;
}
