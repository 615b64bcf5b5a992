import type { Key, TenantScope } from '../../shared/db/keys.js';
import { authorize, type Permission, type StaffPrincipal } from '../../shared/domain/access.js';
import type { StaffUser } from '../../shared/domain/tenant.js';
import { cookieValue, hostCookie, WEB_SESSION_COOKIE } from '../../shared/domain/web-session.js';
import { ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../shared/errors.js';
import { authenticateWebSession, SignInRequired, type ActiveSession } from '../../shared/tenancy/web-sessions.js';
import { renderAppPage, type AppFrame, type NavItem } from '../../shared/web/app-layout.js';
import { appWords, type AppWords } from '../../shared/web/app-words.js';
import { html } from '../../shared/web/html.js';
import { localeFromAcceptLanguage } from '../../shared/web/i18n.js';
import { brandOf } from '../../shared/web/layout.js';
import { assertSameOrigin, compose, retryAfterHeader, toResult, type ErrorAnswer, type HttpEvent, type HttpReply, type HttpRequest } from './http.js';

/**
 * For `session` routes, the pages of the staff web app: the session cookie is checked (shared/tenancy/web-sessions.ts),
 * then the role against the route's permission, before the handler runs. The cookie is an ambient credential, so any
 * state change must prove it comes from our own pages (Fetch Metadata or Origin; SameSite=Strict besides). A visitor
 * without a good session is sent to sign in and brought back afterwards.
 */
export interface StaffPageRequest extends HttpRequest {
  principal: StaffPrincipal & { staff: StaffUser };
  active: ActiveSession;
  loaded: Record<string, unknown>[];
  w: AppWords;
  /** The frame of the page, with `current` marked in the navigation. */
  frame: (current?: NavItem) => AppFrame;
}

export const clearedWebSessionCookie = (): string => hostCookie(WEB_SESSION_COOKIE, '', 0);

const signInPath = (event: HttpEvent, end: string): string => {
  const method = event.requestContext.http.method.toUpperCase();
  // After a form post the page to come back to is the one that showed the form, which the path names well enough.
  const query = method === 'GET' && event.rawQueryString ? `?${event.rawQueryString}` : '';
  const next = new URLSearchParams({ next: `${event.rawPath}${query}`, ...(end !== 'none' ? { ended: end } : {}) });
  return `/sign-in?${next.toString()}`;
};

const simplePage = (w: AppWords, title: string, body: string) =>
  renderAppPage(w, undefined, title, html`<h1>${title}</h1><p>${body}</p><p><a href="/app">${w.backHome}</a></p>`);

const appPageError: ErrorAnswer = (error, event, requestId) => {
  const w = appWords(localeFromAcceptLanguage(event.headers?.['accept-language']));
  if (error instanceof SignInRequired) {
    return toResult({ status: 303, location: signInPath(event, error.end), cookies: [clearedWebSessionCookie()] }, requestId);
  }
  if (error instanceof TooManyRequestsError) {
    const result = toResult({ status: 429, page: simplePage(w, w.tooManyTitle, w.tooManyBody(Math.max(1, Math.ceil(error.retryAfterSeconds / 60)))) }, requestId);
    return { ...result, headers: { ...result.headers, ...retryAfterHeader(error) } };
  }
  if (error instanceof ForbiddenError) {
    const page = error.code === 'csrf_failed' ? simplePage(w, w.crossSiteTitle, w.crossSiteBody) : simplePage(w, w.forbiddenTitle, w.forbiddenBody);
    return toResult({ status: 403, page }, requestId);
  }
  // A malformed id in the path names nothing: the same answer as an id of nothing (or of someone else's).
  if (error instanceof NotFoundError || (error instanceof ValidationError && error.fields?.some((f) => f.field.startsWith('path')))) {
    return toResult({ status: 404, page: simplePage(w, w.notFoundTitle, w.notFoundBody) }, requestId);
  }
  return toResult({ status: 500, page: simplePage(w, w.errorTitle, w.errorBody(requestId)) }, requestId);
};

/** A page handler whose errors are answered with the app's pages (sign-in redirects, not found, refused). */
export const appPageHandler = (fn: (request: HttpRequest) => Promise<HttpReply>) => compose(appPageError, fn);

export function staffPageHandler(
  route: { readonly auth: 'session'; readonly permission: Permission },
  fn: (request: StaffPageRequest) => Promise<HttpReply>,
  opts: {
    /** Items the page needs by key, read with the session in its one BatchGet. */
    load?: (scope: TenantScope, event: HttpEvent) => readonly Key[];
    /** Open while the firm's required authenticator app is not yet enrolled (the security page, sign-out). */
    duringEnrolment?: boolean;
  } = {},
) {
  return appPageHandler(async (request) => {
    assertSameOrigin(request.event);
    const active = await authenticateWebSession(
      cookieValue(request.event.cookies, WEB_SESSION_COOKIE),
      request.now,
      opts.load && ((scope) => opts.load!(scope, request.event)),
    );
    if (active.mustEnrol && !opts.duringEnrolment) return { status: 303, location: '/app/security' };
    const { principal } = active;
    authorize(principal, route.permission);
    const w = appWords(principal.staff.locale ?? principal.tenant.locale);
    const frame = (current?: NavItem): AppFrame => ({
      brand: brandOf(principal.tenant),
      user: { name: principal.name, role: principal.role },
      ...(current ? { current } : {}),
      ...(active.mustEnrol ? { enrolOnly: true } : {}),
    });
    return fn({ ...request, principal, active, loaded: active.loaded, w, frame, log: request.log.with({ tenantId: principal.scope.tenantId, userId: principal.userId }) });
  });
}
