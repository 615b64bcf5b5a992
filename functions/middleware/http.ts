import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { config } from '../../shared/config.js';
import { parseInput } from '../../shared/domain/validation.js';
import { ForbiddenError, TooManyRequestsError, ValidationError, WaymarkError } from '../../shared/errors.js';
import { createLogger, type Logger } from '../../shared/log.js';
import type { Page } from '../../shared/web/layout.js';

/**
 * The HTTP layer every handler shares, as middy middlewares: the request context (request id, logger, clock, app
 * URL) is built once before the handler; the handler returns a reply of one kind (JSON, HTML page, redirect) and the
 * reply middleware turns it into the HTTP result with that kind's security headers; errors become the one JSON
 * error shape, or an error page on page routes; a request still running just before Lambda's timeout gets a 503.
 */
export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest {
  event: HttpEvent;
  requestId: string;
  log: Logger;
  /** The request's instant: one clock reading for everything the request decides. */
  now: Date;
  appUrl: string;
}

export interface JsonReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

export interface PageReply {
  status: number;
  page: Page;
  cookies?: string[];
}

export interface RedirectReply {
  status: 302 | 303;
  location: string;
  cookies?: string[];
}

export type HttpReply = JsonReply | PageReply | RedirectReply;

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: { field: string; message: string }[] };
}

const commonHeaders: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};

const JSON_CSP = "default-src 'none'; frame-ancestors 'none'";

/** A reply as Lambda hands it to API Gateway, with the security headers of its kind. */
export function toResult(result: HttpReply, requestId: string): HttpResult {
  const base = { ...commonHeaders, 'x-request-id': requestId };
  if ('page' in result) {
    return {
      statusCode: result.status,
      headers: { ...base, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': result.page.csp, vary: 'Accept-Language' },
      ...(result.cookies?.length ? { cookies: result.cookies } : {}),
      body: result.page.html,
    };
  }
  if ('location' in result) {
    // Only our own paths: a redirect never carries a link token or goes elsewhere.
    if (!result.location.startsWith('/') || result.location.startsWith('//') || result.location.includes('token=')) throw new Error('refusing an unsafe redirect');
    return {
      statusCode: result.status,
      headers: { ...base, 'content-security-policy': JSON_CSP, location: result.location },
      ...(result.cookies?.length ? { cookies: result.cookies } : {}),
      body: '',
    };
  }
  return {
    statusCode: result.status,
    headers: { ...base, 'content-type': 'application/json; charset=utf-8', 'content-security-policy': JSON_CSP, ...result.headers },
    ...(result.cookies?.length ? { cookies: result.cookies } : {}),
    body: result.body === undefined ? '' : JSON.stringify(result.body),
  };
}

const retryAfterOf = (error: unknown) => (error instanceof TooManyRequestsError ? { 'retry-after': String(error.retryAfterSeconds) } : undefined);

/** How a route answers an error it did not answer itself: JSON here; page routes render a page (pages.ts). */
export type ErrorAnswer = (error: unknown, event: HttpEvent, requestId: string) => HttpResult | Promise<HttpResult>;

export const retryAfterHeader = (error: unknown): Record<string, string> | undefined => retryAfterOf(error);

/** The JSON answer to an error: its status and the one error shape; internals of anything unexpected stay in the log. */
export function jsonError(error: unknown, _event: HttpEvent, requestId: string): HttpResult {
  const known = error instanceof WaymarkError;
  const body: ErrorBody = known
    ? { error: { code: error.code, message: error.message, requestId, ...(error.fields ? { fields: [...error.fields] } : {}) } }
    : { error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged. Quote the request id when you contact support.', requestId } };
  const retryAfter = retryAfterOf(error);
  return toResult({ status: known ? error.status : 500, body, ...(retryAfter ? { headers: retryAfter } : {}) }, requestId);
}

/** How long before Lambda's own timeout a request still running is answered (AWS clients time out well before). */
export const TIMEOUT_EARLY_MS = 500;

/** Thrown by middy's early timeout; answered with a 503. */
class RanOutOfTime extends Error {}

type WaymarkContext = Context & { waymark?: HttpRequest };
type Request = middy.Request<HttpEvent, HttpResult | HttpReply, Error, WaymarkContext>;

/** Before the handler: the request's context, built once. */
const requestContext = (request: Request): void => {
  const { event, context } = request;
  const requestId = event.requestContext?.requestId ?? context.awsRequestId;
  const log = createLogger({ requestId, awsRequestId: context.awsRequestId, route: event.routeKey });
  // The app URL is read when a handler needs it: a missing setting fails that handler, not every route.
  context.waymark = { event, requestId, log, now: new Date(), get appUrl() { return config.appUrl(); } };
};

const contextOf = (request: Request): HttpRequest => {
  if (!request.context.waymark) requestContext(request);
  return request.context.waymark!;
};

/** After the handler: its reply as an HTTP result. */
const replyResult = (request: Request): void => {
  request.response = toResult(request.response as HttpReply, contextOf(request).requestId);
};

/** On error: a refusal is logged at info with its reason, anything else at error; the answer is JSON or a page. */
const errorReplies = (answer: ErrorAnswer) => async (request: Request): Promise<void> => {
  const { requestId, log } = contextOf(request);
  const error = request.error;
  if (error instanceof RanOutOfTime) {
    log.error('request timed out', { remainingMs: request.context.getRemainingTimeInMillis() });
    const body: ErrorBody = { error: { code: 'timeout', message: 'The request took too long and was stopped; it may still have taken effect, so check before you repeat it.', requestId } };
    request.response = toResult({ status: 503, body }, requestId);
    return;
  }
  if (error instanceof WaymarkError) log.info('request refused', { status: error.status, code: error.code, reason: error.message, fields: error.fields });
  else log.error('request failed', { error });
  request.response = await answer(error, request.event, requestId);
};

/** A handler with the shared middlewares; `answer` says how errors it does not answer itself look. */
export function compose(answer: ErrorAnswer, fn: (request: HttpRequest) => Promise<HttpReply>) {
  return middy<HttpEvent, HttpResult | HttpReply, Error, WaymarkContext>({
    timeoutEarlyInMillis: TIMEOUT_EARLY_MS,
    timeoutEarlyResponse: () => {
      throw new RanOutOfTime();
    },
  })
    .before(requestContext)
    .after(replyResult)
    .onError(errorReplies(answer))
    .handler(async (_event, context) => fn(context.waymark!)) as unknown as (event: HttpEvent, context: Context) => Promise<HttpResult>;
}

/** A `public` or `link` JSON route. */
export const httpHandler = (fn: (request: HttpRequest) => Promise<HttpReply>) => compose(jsonError, fn);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF for anything a browser may send with an ambient credential or on a user's behalf: Fetch Metadata first
 * (`Sec-Fetch-Site`), the `Origin` header where a browser sends no metadata; a request with neither (a script, curl)
 * carries no ambient credential of a victim and passes.
 */
export function assertSameOrigin(event: HttpEvent, opts: { requireProof?: boolean } = { requireProof: true }): void {
  if (SAFE_METHODS.has(event.requestContext.http.method.toUpperCase())) return;
  const headers = event.headers ?? {};
  const site = headers['sec-fetch-site'];
  const origin = headers.origin;
  const allowed =
    site !== undefined ? site === 'same-origin' : origin !== undefined ? origin === new URL(config.appUrl()).origin : !opts.requireProof;
  if (!allowed) throw new ForbiddenError('This change must come from a Waymark page (cross-site request refused)', 'csrf_failed');
}

/** The path parameters, checked by the route's schema: a malformed id is a 400 naming it, never a lookup. */
export function pathParams<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.output<S> {
  return parseInput(schema, event.pathParameters ?? {}, 'path');
}

/** A JSON body where one is optional: undefined when none was sent. */
export const optionalJsonBody = (event: HttpEvent): unknown => (event.body ? jsonBody(event) : undefined);

const rawBody = (event: HttpEvent): string => (event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''));

/** The JSON body of a request: decoded, parsed, or a 400/415 that says what is wrong with it. */
export function jsonBody(event: HttpEvent): unknown {
  if (!event.body) throw new ValidationError([{ field: '', message: 'a JSON body is required' }]);
  const type = event.headers?.['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new WaymarkError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  try {
    return JSON.parse(rawBody(event));
  } catch {
    throw new ValidationError([{ field: '', message: 'is not valid JSON' }]);
  }
}

/** A form post (`application/x-www-form-urlencoded`) as a plain record; a repeated field keeps its last value. */
export function formBody(event: HttpEvent): Record<string, string> {
  const type = event.headers?.['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new WaymarkError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded');
  }
  return Object.fromEntries(new URLSearchParams(rawBody(event)));
}

/** Every value of a field a form repeats (a group of checkboxes), in order; none when the form has no such field. */
export const formList = (event: HttpEvent, name: string): string[] => new URLSearchParams(rawBody(event)).getAll(name);

type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** One handler file for the routes of one path (GET and PATCH of an item): each method's own handler answers. */
export function byMethod(handlers: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', RouteHandler>>): RouteHandler {
  return (event, context) => {
    const handler = handlers[event.requestContext.http.method.toUpperCase() as keyof typeof handlers];
    // The route table sends only its own methods here: anything else is wiring gone wrong.
    if (!handler) throw new Error(`no handler for ${event.requestContext.http.method} ${event.routeKey}`);
    return handler(event, context);
  };
}
