import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { httpHandler, TIMEOUT_EARLY_MS } from '../../functions/middleware/http.js';

/** A Lambda context with `remainingMs` left when the invocation starts. */
function contextWith(remainingMs: number): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'waymark-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:waymark-test',
    memoryLimitInMB: '512',
    awsRequestId: 'aws-request-1',
    logGroupName: '/aws/lambda/waymark-test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const event = {
  version: '2.0',
  routeKey: 'POST /v1/tenants',
  rawPath: '/v1/tenants',
  rawQueryString: '',
  headers: {},
  requestContext: { requestId: 'req-timeout-1', http: { method: 'POST', path: '/v1/tenants' } },
  isBase64Encoded: false,
} as unknown as APIGatewayProxyEventV2;

const timers: NodeJS.Timeout[] = [];
afterEach(() => timers.splice(0).forEach(clearTimeout));

/** Work that answers after `ms`, like a call to a dependency that stalls. */
const slow = (ms: number) => () => new Promise<{ status: number; body: unknown }>((resolve) => timers.push(setTimeout(() => resolve({ status: 201, body: { ok: true } }), ms)));

describe('early timeout', () => {
  it('answers a JSON 503 with code "timeout" and the request id before Lambda would cut the invocation off', async () => {
    const handler = httpHandler(slow(5_000));
    const result = await handler(event, contextWith(TIMEOUT_EARLY_MS + 100));
    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-timeout-1' });
    const body = JSON.parse(result.body!) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'timeout', requestId: 'req-timeout-1' });
    expect(body.error.message).toMatch(/took too long/);
  });

  it('leaves a request that finishes in time alone', async () => {
    const handler = httpHandler(slow(20));
    const result = await handler(event, contextWith(TIMEOUT_EARLY_MS + 2_000));
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body!)).toEqual({ ok: true });
  });
});
