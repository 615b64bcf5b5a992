import http from 'node:http';
import { connect, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequest, compileRoutes, matchRoute, startGateway, toEvent, type Gateway } from '../../infra/local/gateway.js';
import type { RouteDef } from '../../shared/contracts/routes.js';

const table: RouteDef[] = [
  { id: 'getStaff', method: 'GET', path: '/v1/staff/{userId}', handler: 'x.ts', area: 'tenancy', auth: 'staff', needs: [], summary: '' },
  { id: 'listStaff', method: 'GET', path: '/v1/staff', handler: 'x.ts', area: 'tenancy', auth: 'staff', needs: [], summary: '' },
  { id: 'files', method: 'GET', path: '/files/{path+}', handler: 'x.ts', area: 'tenancy', auth: 'public', needs: [], summary: '' },
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

  it('picks the most specific route as API Gateway does, not the first declared', () => {
    const route = (id: string, path: string): RouteDef => ({ id, method: 'GET', path, handler: 'x.ts', area: 'tenancy', auth: 'staff', needs: [], summary: '' });
    const ordered = compileRoutes([
      route('anything', '/v1/{proxy+}'),
      route('client', '/v1/clients/{clientId}'),
      route('due', '/v1/clients/due'),
      route('clientActions', '/v1/clients/{clientId}/actions'),
      route('dueActions', '/v1/clients/due/actions'),
    ]);
    expect(matchRoute(ordered, 'GET', '/v1/clients/due')?.route.id).toBe('due');
    expect(matchRoute(ordered, 'GET', '/v1/clients/c1')).toMatchObject({ route: { id: 'client' }, pathParameters: { clientId: 'c1' } });
    expect(matchRoute(ordered, 'GET', '/v1/clients/due/actions')?.route.id).toBe('dueActions');
    expect(matchRoute(ordered, 'GET', '/v1/clients/c1/actions')?.route.id).toBe('clientActions');
    expect(matchRoute(ordered, 'GET', '/v1/clients/c1/other')?.route.id).toBe('anything');
  });

  it('keeps a literal before a parameter whatever shorter and longer routes sit between them (a total order)', () => {
    const route = (id: string, path: string): RouteDef => ({ id, method: 'GET', path, handler: 'x.ts', area: 'tenancy', auth: 'staff', needs: [], summary: '' });
    // The order the route table once held: a comparator that called paths of different lengths equal sorted
    // `/app/programs/{programId}` before `/app/programs/new`.
    const ordered = compileRoutes([
      route('history', '/app/programs/{programId}/actions/{actionId}'),
      route('program', '/app/programs/{programId}'),
      route('list', '/app/programs'),
      route('new', '/app/programs/new'),
    ]);
    expect(matchRoute(ordered, 'GET', '/app/programs/new')?.route.id).toBe('new');
    expect(matchRoute(ordered, 'GET', '/app/programs/p1')?.route.id).toBe('program');
    // And in the product's own table.
    expect(matchRoute(compileRoutes(), 'GET', '/app/programs/new')?.route.id).toBe('programNewPage');
    expect(matchRoute(compileRoutes(), 'GET', '/app/clients/new')?.route.id).toBe('clientNewPage');
    expect(matchRoute(compileRoutes(), 'GET', '/app/sponsors/new')?.route.id).toBe('sponsorNewPage');
  });

  it('refuses bad percent-encoding in a path parameter as a bad request', () => {
    expect(() => matchRoute(compiled, 'GET', '/v1/staff/%ZZ')).toThrow(BadRequest);
    expect(() => matchRoute(compiled, 'GET', '/v1/staff/%ED%A0%80')).toThrow(BadRequest); // a lone surrogate
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
    // As API Gateway does: a form post (and a body without a type) arrives base64-encoded; JSON and text do not.
    const form = toEvent(request('/files/x', { 'content-type': 'application/x-www-form-urlencoded' }), Buffer.from('a=1&b=%C3%BC'), table[2]!, { path: 'x' });
    expect(form).toMatchObject({ body: Buffer.from('a=1&b=%C3%BC').toString('base64'), isBase64Encoded: true });
    const text = toEvent(request('/files/x', { 'content-type': 'text/plain; charset=utf-8' }), Buffer.from('hi'), table[2]!, { path: 'x' });
    expect(text).toMatchObject({ body: 'hi', isBase64Encoded: false });
    const untyped = toEvent(request('/files/x', {}), Buffer.from('hi'), table[2]!, { path: 'x' });
    expect(untyped.isBase64Encoded).toBe(true);
  });
});

/** Writes raw bytes to the gateway and returns everything it answers until it closes the connection. */
function raw(url: string, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk)).on('end', () => resolve(answer)).on('error', reject);
  });
}

describe('local gateway server', () => {
  let gateway: Gateway;
  const lines: string[] = [];
  beforeAll(async () => {
    gateway = await startGateway({ port: 0, log: (line) => lines.push(line) });
  });
  afterAll(() => gateway.close());
  // A route that needs no AWS: the gateway still answers after whatever came before.
  const stillAnswers = async () => expect((await fetch(`${gateway.url}/v1/openapi.json`)).status).toBe(200);

  it('answers bad percent-encoding with 400 and keeps serving', async () => {
    const res = await fetch(`${gateway.url}/v1/staff/%ZZ`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: 'Bad Request' });
    await stillAnswers();
  });

  it('answers bytes that are not HTTP with 400 and keeps serving', async () => {
    expect(await raw(gateway.url, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 .*"message":"Bad Request"/s);
    expect(await raw(gateway.url, 'GET http://elsewhere/health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    await stillAnswers();
  });

  it('survives a client that goes away in the middle of a body', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(gateway.url).port), '127.0.0.1', () => {
        socket.write('POST /v1/tenants HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"name":');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await expect.poll(() => lines.some((line) => line.includes('"request failed"') && line.includes('POST'))).toBe(true);
    await stillAnswers();
  });

  it('answers a body over the Lambda payload limit with 413', async () => {
    const answer = await raw(gateway.url, `POST /v1/tenants HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${7 * 1024 * 1024}\r\n\r\n{`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    await stillAnswers();
  });
});
