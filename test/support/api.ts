import { afterAll, beforeAll } from 'vitest';
import { startGateway, type Gateway } from '../../infra/local/gateway.js';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** The local gateway on a free port for this test file: requests go through the route table like in AWS. */
export function useApi() {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway({ port: 0 });
  });
  afterAll(() => gateway.close());
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
      return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
    },
  };
}
