import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dynamoCallCount } from '../../shared/db/client.js';
import { useApi } from '../support/api.js';

const api = useApi();
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Health {
  status: string;
  version: string;
  dependencies: Record<'table' | 'email' | 'identity', string>;
}

/** The JSON log lines written while `run` runs, at warn level and above. */
async function logLinesOf(run: () => Promise<unknown>): Promise<Record<string, any>[]> {
  const lines: string[] = [];
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'warn';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
    process.env.LOG_LEVEL = level;
  }
  return lines.map((line) => JSON.parse(line) as Record<string, any>);
}

describe('GET /health', () => {
  const saved = { ...process.env };
  // The report is cached per container for 10 s: each case starts past that window, on a clock that only
  // this file moves forward (time still flows; the AWS calls are real).
  beforeAll(() => void vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true }));
  afterAll(() => void vi.useRealTimers());
  beforeEach(() => void vi.setSystemTime(Date.now() + 60_000));
  afterEach(() => {
    process.env.WAYMARK_TABLE_NAME = saved.WAYMARK_TABLE_NAME;
    process.env.WAYMARK_USER_POOL_ID = saved.WAYMARK_USER_POOL_ID;
  });

  it('is 200 with the version when table, email and identity answer', async () => {
    const res = await api.request<Health>('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version, dependencies: { table: 'ok', email: 'ok', identity: 'ok' } });
  });

  it('is 503 naming the table when the table is missing, with the error in the log and not in the reply', async () => {
    process.env.WAYMARK_TABLE_NAME = 'no-such-table';
    let res!: Awaited<ReturnType<typeof api.request<Health>>>;
    const logged = await logLinesOf(async () => (res = await api.request<Health>('GET', '/health')));
    expect(res.status).toBe(503);
    // Exactly this shape: no error text, latency or resource name for anonymous callers.
    expect(res.body).toEqual({ status: 'degraded', version, dependencies: { table: 'down', email: 'ok', identity: 'ok' } });
    const line = logged.find((l) => l.message === 'health degraded');
    expect(line?.dependencies.table).toMatchObject({ status: 'down', latencyMs: expect.any(Number), error: expect.stringMatching(/\w/) });
    expect(JSON.stringify(res.body)).not.toContain(line?.dependencies.table.error);
  });

  it('is 503 naming identity when the user pool is gone, without the pool id', async () => {
    process.env.WAYMARK_USER_POOL_ID = 'eu-central-1_doesnotexist';
    const res = await api.request<Health>('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', version, dependencies: { table: 'ok', email: 'ok', identity: 'down' } });
    expect(JSON.stringify(res.body)).not.toContain('doesnotexist');
  });

  it('answers repeated calls within 10 s from its cache, without calling DynamoDB', async () => {
    let before = dynamoCallCount();
    expect((await api.request('GET', '/health')).status).toBe(200);
    expect(dynamoCallCount() - before).toBe(1);

    before = dynamoCallCount();
    const again = await Promise.all([api.request('GET', '/health'), api.request('GET', '/health')]);
    vi.setSystemTime(Date.now() + 9_000);
    again.push(await api.request('GET', '/health'));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(dynamoCallCount() - before).toBe(0);

    // A degraded report is cached too: still 503 until the window ends, then probed again.
    process.env.WAYMARK_TABLE_NAME = 'no-such-table';
    vi.setSystemTime(Date.now() + 1_000);
    expect((await api.request('GET', '/health')).status).toBe(503);
    before = dynamoCallCount();
    expect((await api.request('GET', '/health')).status).toBe(503);
    expect(dynamoCallCount() - before).toBe(0);
  });

  it('is 404 for a route that is not in the route table', async () => {
    const res = await api.request('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
  });
});
