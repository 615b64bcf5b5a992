import { afterAll, beforeAll } from 'vitest';
import { compileRoutes, matchRoute, startGateway, type Gateway } from '../../infra/local/gateway.js';
import { startLocalQueues, type LocalQueues } from '../../infra/local/queue.js';
import { routes, type RouteContract } from '../../shared/contracts/routes.js';
import { toFieldIssues } from '../../shared/domain/validation.js';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

const compiled = compileRoutes(routes);

/**
 * Every success answer a test receives is checked against the response schema its route's contract declares (the
 * one the OpenAPI document publishes): an undeclared, missing or mistyped field fails the test that got it.
 */
export function expectDeclaredResponse(method: string, url: string, status: number, body: unknown): void {
  const route = matchRoute(compiled, method, new URL(url).pathname)?.route as RouteContract | undefined;
  if (!route || status !== route.response.status || !route.response.body) return;
  const parsed = route.response.body().safeParse(body);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues);
    throw new Error(`${route.id} answered ${status} with a body its contract does not declare (${issues.length} issues): ${JSON.stringify(issues.slice(0, 5))}`);
  }
}

/** The local gateway on a free port for this test file: requests go through the route table like in AWS. */
export function useApi() {
  let gateway: Gateway;
  let localQueues: LocalQueues;
  beforeAll(async () => {
    // The queues run in this process too: a tick drains them before it reports (infra/local/scheduler.ts).
    localQueues = await startLocalQueues();
    Object.assign(process.env, localQueues.env);
    gateway = await startGateway({ port: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    await localQueues.close();
  });
  return {
    url: () => gateway.url,
    async request<T = Record<string, unknown>>(method: string, path: string, opts: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
      const headers: Record<string, string> = { ...opts.headers };
      let body = opts.body;
      if (opts.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(opts.json);
      }
      const response = await fetch(`${gateway.url}${path}`, { method, headers, body });
      const text = await response.text();
      const parsed = text ? JSON.parse(text) : {};
      expectDeclaredResponse(method, response.url, response.status, parsed);
      return { status: response.status, headers: response.headers, body: parsed as T };
    },
  };
}
