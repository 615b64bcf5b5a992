import http from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute, toEvent } from '../../infra/local/gateway.js';
import type { RouteDef } from '../../shared/contracts/routes.js';

const table: RouteDef[] = [
  { id: 'getStaff', method: 'GET', path: '/v1/staff/{userId}', handler: 'x.ts', auth: 'staff', needs: [], summary: '' },
  { id: 'listStaff', method: 'GET', path: '/v1/staff', handler: 'x.ts', auth: 'staff', needs: [], summary: '' },
  { id: 'files', method: 'GET', path: '/files/{path+}', handler: 'x.ts', auth: 'public', needs: [], summary: '' },
];

function request(url: string, headers: Record<string, string>): http.IncomingMessage {
  const req = new http.IncomingMessage(new Socket());
  req.url = url;
  req.method = 'POST';
  req.headers = headers;
  req.httpVersion = '1.1';
  return req;
}

describe('local gateway', () => {
  const compiled = compileRoutes(table);

  it('matches methods and decodes path parameters', () => {
    expect(matchRoute(compiled, 'GET', '/v1/staff/a%20b')).toMatchObject({ route: { id: 'getStaff' }, pathParameters: { userId: 'a b' } });
    expect(matchRoute(compiled, 'GET', '/v1/staff')?.route.id).toBe('listStaff');
    expect(matchRoute(compiled, 'POST', '/v1/staff')).toBeUndefined();
    expect(matchRoute(compiled, 'GET', '/v1/staff/a/b')).toBeUndefined();
    expect(matchRoute(compiled, 'GET', '/files/a/b.txt')?.pathParameters).toEqual({ path: 'a/b.txt' });
  });

  it('builds an HTTP API v2 event: cookies, joined query values, text and base64 bodies', () => {
    const route = table[0]!;
    const req = request('/v1/staff/u1?tag=a&tag=b&x=1', { host: 'localhost:3000', cookie: 'a=1; __Host-s=2', 'content-type': 'application/json' });
    const event = toEvent(req, Buffer.from('{"a":1}'), route, { userId: 'u1' }, new Date('2026-11-25T10:00:00Z'));
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/staff/{userId}',
      rawPath: '/v1/staff/u1',
      rawQueryString: 'tag=a&tag=b&x=1',
      cookies: ['a=1', '__Host-s=2'],
      queryStringParameters: { tag: 'a,b', x: '1' },
      pathParameters: { userId: 'u1' },
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: { stage: '$default', timeEpoch: Date.parse('2026-11-25T10:00:00Z'), http: { method: 'GET', path: '/v1/staff/u1' } },
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[\w-]{16}$/);

    const binary = toEvent(request('/files/x', { 'content-type': 'image/png' }), Buffer.from([0, 1, 2]), table[2]!, { path: 'x' });
    expect(binary).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
  });
});
