import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { routes, routeKey, type RouteDef } from '../../shared/contracts/routes.js';
import { verifyStaffToken } from '../../shared/identity/tokens.js';
import { loadHandler } from './handlers.js';
import { withGrants } from './iam.js';

/**
 * The local stand-in for the API Gateway HTTP API: the same route table, HTTP API payload v2 events, one
 * handler invocation per request as Lambda would make it, and the result mapped back to HTTP.
 */
type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

const MAX_BODY_BYTES = 6 * 1024 * 1024; // Lambda's synchronous payload limit
// What API Gateway HTTP APIs pass as a UTF-8 string; every other body (form posts and a missing type included)
// arrives base64-encoded with isBase64Encoded (measured against AWS, payload format 2.0).
const TEXT_TYPES = /^(text\/[^;]*|application\/(json|xml|javascript))\s*(;|$)/i;

interface CompiledRoute {
  route: RouteDef;
  pattern: RegExp;
  names: string[];
  /** Per segment: 0 literal, 1 `{param}`, 2 `{proxy+}`. */
  rank: number[];
}

/** A request API Gateway refuses before any route runs: `400 {"message":"Bad Request"}`. */
export class BadRequest extends Error {}

export function compileRoutes(table: readonly RouteDef[] = routes): CompiledRoute[] {
  const compiled = table.map((route) => {
    const names: string[] = [];
    const rank: number[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        const param = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(segment);
        rank.push(param ? (param[2] ? 2 : 1) : 0);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]!);
        return param[2] ? '(.+)' : '([^/]+)';
      })
      .join('/');
    return { route, pattern: new RegExp(`^${source}$`), names, rank };
  });
  // API Gateway picks the most specific route, not the first declared: segment by segment, a literal beats a
  // `{param}`, which beats a greedy `{proxy+}`. Ties go to the shorter path, so the order is total (a comparator
  // that calls paths of different lengths equal lets the sort put `/x/{id}` before `/x/new`).
  return compiled.sort((a, b) => {
    for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return a.rank.length - b.rank.length;
  });
}

/** The route for a request path (still percent-encoded) and its decoded parameters; bad encoding is a BadRequest. */
export function matchRoute(compiled: CompiledRoute[], method: string, path: string) {
  for (const { route, pattern, names } of compiled) {
    if (route.method !== method) continue;
    const match = pattern.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(names.map((name, i) => [name, decodeParam(match[i + 1]!)]));
    return { route, pathParameters };
  }
  return undefined;
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequest(`bad percent-encoding in the path`);
  }
}

/** Path and query of a request target; only origin-form (`/path?query`) is a request API Gateway would route. */
export function requestTarget(url: string | undefined): { path: string; query: string } {
  if (!url?.startsWith('/')) throw new BadRequest('the request target is not a path');
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

function commaJoinedValues(search: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const key of new Set(search.keys())) out[key] = search.getAll(key).join(',');
  return Object.keys(out).length ? out : undefined;
}

export function toEvent(req: http.IncomingMessage, body: Buffer, route: RouteDef, pathParameters: Record<string, string>, now = new Date()): APIGatewayProxyEventV2 {
  const { path, query } = requestTarget(req.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: path,
    rawQueryString: query,
    cookies: cookies?.length ? cookies : undefined,
    headers,
    queryStringParameters: commaJoinedValues(new URLSearchParams(query)),
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomBytes(12).toString('base64url'),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

export function lambdaContext(functionName: string, timeoutMs = 29_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function send(res: http.ServerResponse, result: APIGatewayProxyResultV2): void {
  // HTTP API v2: a result without statusCode is a 200 whose body is the JSON of the result.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    return;
  }
  const headers: http.OutgoingHttpHeaders = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode ?? 200, headers).end(body);
}

/** The body, or undefined past Lambda's payload limit; rejects when the client goes away before it is complete. */
function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Stop reading but keep the socket, so the 413 still reaches the client.
      req.off('data', onData).pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => (req.complete ? undefined : reject(new Error('the client closed the request before its body ended'))));
  });
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function bearerClaims(authorization: string | undefined): Promise<Record<string, unknown> | undefined> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    return (await verifyStaffToken(token)).raw;
  } catch {
    return undefined;
  }
}

export interface Gateway {
  url: string;
  close(): Promise<void>;
}

export async function startGateway(opts: { port: number; host?: string; log?: (line: string) => void }): Promise<Gateway> {
  const compiled = compileRoutes();
  const log = (level: string, message: string, fields: Record<string, unknown>) => opts.log?.(JSON.stringify({ level, message, ...fields }));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const matched = matchRoute(compiled, req.method ?? 'GET', requestTarget(req.url).path);
    if (!matched) return json(res, 404, { message: 'Not Found' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return json(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
    const body = await readBody(req);
    if (!body) return json(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
    const event = toEvent(req, body, matched.route, matched.pathParameters);
    if (matched.route.auth === 'staff') {
      // What the HTTP API's JWT authorizer does in AWS: no valid bearer token, no invocation.
      const claims = await bearerClaims(event.headers.authorization);
      if (!claims) return json(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
      (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
    }
    let result: APIGatewayProxyResultV2;
    try {
      const handler = (await loadHandler(matched.route.handler)) as HttpHandler;
      // Route functions get 10 s in AWS (infra/stacks); every AWS call is checked against the route's IAM grants.
      const invocation = () => handler(event, lambdaContext(`waymark-${matched.route.id}`, 10_000));
      result = (await withGrants({ name: matched.route.id, needs: matched.route.needs }, invocation)).result;
    } catch (error) {
      // What API Gateway answers when the function itself crashes.
      log('error', 'handler crashed', { route: matched.route.id, error: String(error) });
      return json(res, 500, { message: 'Internal Server Error' });
    }
    if (res.destroyed) return log('info', 'client went away before the reply', { route: matched.route.id });
    try {
      send(res, result);
    } catch (error) {
      // A result API Gateway cannot map (a bad status code or header) is its 500 as well.
      log('error', 'malformed handler result', { route: matched.route.id, error: String(error) });
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
    }
  }

  // Nothing a client sends may stop the gateway: every stage of a request is inside this catch, and stream errors
  // of the request, the response and the socket are handled, not thrown.
  const server = http.createServer((req, res) => {
    req.on('error', () => undefined);
    res.on('error', (error) => log('info', 'response stream failed', { error: String(error) }));
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BadRequest) {
        if (!res.headersSent) json(res, 400, { message: 'Bad Request' });
        return;
      }
      log(res.destroyed ? 'info' : 'error', 'request failed', { method: req.method, error: String(error) });
      if (!res.headersSent && !res.destroyed) json(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
  // Bytes that are not HTTP never reach the handler above; answer what Node's parser refused and close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({ message: status.slice(4) });
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => log('error', 'gateway server error', { error: String(error) }));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
