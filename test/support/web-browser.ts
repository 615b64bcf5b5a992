import type { Page } from 'playwright-core';
import { WEB_SESSION_COOKIE } from '../../shared/domain/web-session.js';
import type { useApi } from './api.js';
import type { useBrowser } from './browser.js';
import { signedIn } from './web.js';

/**
 * A Chromium page of a staff user signed in to the web app (JavaScript off, as every page under test): the sign-in
 * runs through the app's own pages (test/support/web.ts), and the session cookie it set goes into the page's context.
 */
export async function signedInPage(browser: ReturnType<typeof useBrowser>, api: ReturnType<typeof useApi>, email: string, password: string, totpSecret?: string): Promise<Page> {
  const user = await signedIn(api, email, password, totpSecret);
  const page = await browser.newPage();
  await page.context().addCookies([{ name: WEB_SESSION_COOKIE, value: user.sessionCookie!, url: api.url(), secure: true, httpOnly: true, sameSite: 'Strict' }]);
  return page;
}
