import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { StaffPrincipal } from '../../shared/domain/access.js';
import { ValidationError, WaymarkError } from '../../shared/errors.js';
import { authenticateStaff, staffTokenFrom } from '../../shared/identity/authenticate.js';
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
    return reply(error.status, body, requestId);
  }
  log.error('request failed', { error });
  const body: ErrorBody = {
    error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged. Quote the request id when you contact support.', requestId },
  };
  return reply(500, body, requestId);
}

export function httpHandler(fn: (request: HttpRequest) => Promise<HttpReply>) {
  return middy<HttpEvent, HttpResult>().handler(async (event, context) => {
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

/** For `staff` routes: the caller is authenticated before the handler runs, and the handler gets the principal. */
export function staffHandler(fn: (request: HttpRequest & { principal: StaffPrincipal }) => Promise<HttpReply>) {
  return httpHandler(async (request) => {
    const principal = await authenticateStaff(staffTokenFrom(request.event.headers ?? {}, request.event.cookies));
    return fn({ ...request, principal, log: request.log.with({ tenantId: principal.scope.tenantId, userId: principal.userId }) });
  });
}

/** A path parameter the route table promises; its absence is a 404, as for any unknown resource. */
export function pathParam(event: HttpEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new WaymarkError(404, 'not_found', 'Not found');
  return value;
}

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
