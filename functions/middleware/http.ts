import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { StaffPrincipal } from '../../shared/domain/access.js';
import { parseInput } from '../../shared/domain/validation.js';
import { ForbiddenError, TooManyRequestsError, ValidationError, WaymarkError } from '../../shared/errors.js';
import { config } from '../../shared/config.js';
import { authenticateStaff, staffCredentialFrom } from '../../shared/identity/authenticate.js';
import type { StaffClaims } from '../../shared/identity/tokens.js';
import { createLogger, type Logger } from '../../shared/log.js';

/**
 * The middleware every HTTP handler shares: a per-request structured logger carrying the request id, security
 * headers, and one JSON error shape. Handlers return `{ status, body }` and throw WaymarkErrors for 4xx.
 */
export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest {
  event: HttpEvent;
  requestId: string;
  log: Logger;
}

export interface HttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: { field: string; message: string }[] };
}

const securityHeaders: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

const requestIdOf = (event: HttpEvent, context: Context): string => event.requestContext?.requestId ?? context.awsRequestId;

function reply(status: number, body: unknown, requestId: string, extra?: Record<string, string>, cookies?: string[]): HttpResult {
  return {
    statusCode: status,
    headers: { ...securityHeaders, 'x-request-id': requestId, ...extra },
    ...(cookies?.length ? { cookies } : {}),
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

function errorReply(error: unknown, requestId: string, log: Logger): HttpResult {
  if (error instanceof WaymarkError) {
    log.info('request refused', { status: error.status, code: error.code, reason: error.message, fields: error.fields });
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, requestId, ...(error.fields ? { fields: [...error.fields] } : {}) },
    };
    const retryAfter = error instanceof TooManyRequestsError ? { 'retry-after': String(error.retryAfterSeconds) } : undefined;
    return reply(error.status, body, requestId, retryAfter);
  }
  log.error('request failed', { error });
  const body: ErrorBody = {
    error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged. Quote the request id when you contact support.', requestId },
  };
  return reply(500, body, requestId);
}

/** How long before Lambda's own timeout a request still running is answered (AWS clients time out well before). */
export const TIMEOUT_EARLY_MS = 500;

/** Thrown by middy's early timeout; turned into the JSON 503 below. */
class RanOutOfTime extends Error {}

const earlyTimeout: middy.PluginObject = {
  timeoutEarlyInMillis: TIMEOUT_EARLY_MS,
  timeoutEarlyResponse: () => {
    throw new RanOutOfTime();
  },
};

/**
 * The handler answers every error of its own; what reaches here is the early timeout (or a bug in this wrapper),
 * and it still gets the one JSON error shape, never Lambda's bare 500.
 */
function answerEscapedError(request: middy.Request<HttpEvent, HttpResult>): void {
  const requestId = requestIdOf(request.event, request.context);
  const log = createLogger({ requestId, awsRequestId: request.context.awsRequestId, route: request.event.routeKey });
  if (!(request.error instanceof RanOutOfTime)) {
    request.response = errorReply(request.error, requestId, log);
    return;
  }
  log.error('request timed out', { remainingMs: request.context.getRemainingTimeInMillis() });
  const body: ErrorBody = {
    error: { code: 'timeout', message: 'The request took too long and was stopped; it may still have taken effect, so check before you repeat it.', requestId },
  };
  request.response = reply(503, body, requestId);
}

export function httpHandler(fn: (request: HttpRequest) => Promise<HttpReply>) {
  return middy<HttpEvent, HttpResult>(earlyTimeout).onError(answerEscapedError).handler(async (event, context) => {
    const requestId = requestIdOf(event, context);
    const log = createLogger({ requestId, awsRequestId: context.awsRequestId, route: event.routeKey });
    try {
      const result = await fn({ event, requestId, log });
      return reply(result.status, result.body, requestId, result.headers, result.cookies);
    } catch (error) {
      return errorReply(error, requestId, log);
    }
  });
}

/**
 * For `staff` routes: the caller is authenticated before the handler runs, and the handler gets the principal.
 * The session cookie is an ambient credential: a state change it authenticates must come from our own origin.
 */
export function staffHandler(fn: (request: HttpRequest & { principal: StaffPrincipal & { claims: StaffClaims } }) => Promise<HttpReply>) {
  return httpHandler(async (request) => {
    const credential = staffCredentialFrom(request.event.headers ?? {}, request.event.cookies);
    if (credential?.source === 'cookie') assertSameOrigin(request.event);
    const principal = await authenticateStaff(credential?.token);
    return fn({ ...request, principal, log: request.log.with({ tenantId: principal.scope.tenantId, userId: principal.userId }) });
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** CSRF: Fetch Metadata first (`Sec-Fetch-Site`), the `Origin` header where a browser sends no metadata. */
export function assertSameOrigin(event: HttpEvent): void {
  if (SAFE_METHODS.has(event.requestContext.http.method.toUpperCase())) return;
  const headers = event.headers ?? {};
  const site = headers['sec-fetch-site'];
  const allowed = site !== undefined ? site === 'same-origin' : headers.origin !== undefined && headers.origin === new URL(config.appUrl()).origin;
  if (!allowed) throw new ForbiddenError('This change must come from a Waymark page (cross-site request refused)', 'csrf_failed');
}

/** The path parameters, checked by the route's schema: a malformed id is a 400 naming it, never a lookup. */
export function pathParams<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.output<S> {
  return parseInput(schema, event.pathParameters ?? {}, 'path');
}

/** A JSON body where one is optional: undefined when none was sent. */
export const optionalJsonBody = (event: HttpEvent): unknown => (event.body ? jsonBody(event) : undefined);

/** The JSON body of a request: decoded, parsed, or a 400/415 that says what is wrong with it. */
export function jsonBody(event: HttpEvent): unknown {
  if (!event.body) throw new ValidationError([{ field: '', message: 'a JSON body is required' }]);
  const type = event.headers?.['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new WaymarkError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError([{ field: '', message: 'is not valid JSON' }]);
  }
}
