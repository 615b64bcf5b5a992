import { generateSync } from 'otplib';
import { WEB_SESSION_COOKIE } from '../../shared/domain/web-session.js';
import type { useApi } from './api.js';

type Api = ReturnType<typeof useApi>;

/** A page answer as a browser would get it, redirects not followed. */
export interface PageAnswer {
  status: number;
  html: string;
  location?: string;
  cookies: string[];
}

/** Where a browser says a request comes from (Fetch Metadata): our own pages, or another site. */
export type Site = 'same-origin' | 'cross-site';

async function send(api: Api, method: string, path: string, opts: { cookie?: string; form?: Record<string, string>; site?: Site; language?: string }): Promise<PageAnswer> {
  const headers: Record<string, string> = { 'sec-fetch-site': opts.site ?? 'same-origin', 'accept-language': opts.language ?? 'en' };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${api.url()}${path}`, { method, headers, redirect: 'manual', ...(opts.form ? { body: new URLSearchParams(opts.form).toString() } : {}) });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') ?? undefined, cookies: response.headers.getSetCookie() };
}

/** The `name=value` of a cookie a response set (undefined when it set none of that name; '' when it cleared it). */
export const setCookie = (answer: PageAnswer, name: string): string | undefined => {
  const found = answer.cookies.find((c) => c.startsWith(`${name}=`));
  return found === undefined ? undefined : found.slice(name.length + 1).split(';')[0];
};

/** A browser of the staff web app: it keeps the cookies the app sets, as a browser does. */
export class WebUser {
  private jar = new Map<string, string>();
  constructor(private readonly api: Api, readonly language = 'en') {}

  get sessionCookie(): string | undefined {
    return this.jar.get(WEB_SESSION_COOKIE);
  }

  private remember(answer: PageAnswer): PageAnswer {
    for (const c of answer.cookies) {
      const [pair, ...attributes] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value === '' || attributes.some((a) => a.trim().toLowerCase() === 'max-age=0')) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return answer;
  }

  private cookieHeader = () => [...this.jar].map(([n, v]) => `${n}=${v}`).join('; ');

  async get(path: string): Promise<PageAnswer> {
    return this.remember(await send(this.api, 'GET', path, { cookie: this.cookieHeader(), language: this.language }));
  }

  async post(path: string, form: Record<string, string> = {}, site: Site = 'same-origin'): Promise<PageAnswer> {
    return this.remember(await send(this.api, 'POST', path, { cookie: this.cookieHeader(), form, site, language: this.language }));
  }

  /** Signs in with email and password (and the authenticator's current code, given its secret). */
  async signIn(email: string, password: string, totpSecret?: string): Promise<PageAnswer> {
    const first = await this.post('/sign-in', { email, password });
    if (first.status === 200 && totpSecret) return this.post('/sign-in/code', { code: totpNow(totpSecret) });
    return first;
  }

  /** Sets a cookie as another browser (or a thief) might hold it. */
  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }
}

/** The current code of an authenticator app with this secret (what the person reads off their phone). */
export const totpNow = (secret: string): string => generateSync({ secret, algorithm: 'sha1', digits: 6, period: 30 });

/** A signed-in browser of a staff user; fails the test when the sign-in does not land in the app. */
export async function signedIn(api: Api, email: string, password: string, totpSecret?: string): Promise<WebUser> {
  const user = new WebUser(api);
  const answer = await user.signIn(email, password, totpSecret);
  if (answer.status !== 303 || !user.sessionCookie) throw new Error(`web sign-in of ${email} failed: ${answer.status} ${answer.html.slice(0, 300)}`);
  return user;
}
