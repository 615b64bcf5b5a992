import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';

const api = useApi();
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Health {
  status: string;
  version: string;
  dependencies: Record<'table' | 'email' | 'identity', { status: string; error?: string }>;
}

describe('GET /health', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.WAYMARK_TABLE_NAME = saved.WAYMARK_TABLE_NAME;
    process.env.WAYMARK_USER_POOL_ID = saved.WAYMARK_USER_POOL_ID;
  });

  it('is 200 with the version when table, email and identity answer', async () => {
    const res = await api.request<Health>('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.version).toBe(version);
    expect(Object.values(res.body.dependencies).map((d) => d.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('is 503 naming the table when the table is missing', async () => {
    process.env.WAYMARK_TABLE_NAME = 'no-such-table';
    const res = await api.request<Health>('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('degraded');
    expect(res.body.dependencies.table.status).toBe('down');
    expect(res.body.dependencies.email.status).toBe('ok');
    expect(res.body.dependencies.identity.status).toBe('ok');
  });

  it('is 503 naming identity when the user pool is gone', async () => {
    process.env.WAYMARK_USER_POOL_ID = 'eu-central-1_doesnotexist';
    const res = await api.request<Health>('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body.dependencies.identity.status).toBe('down');
    expect(res.body.dependencies.table.status).toBe('ok');
  });

  it('is 404 for a route that is not in the route table', async () => {
    const res = await api.request('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
  });
});
