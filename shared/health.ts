import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from './config.js';
import { db, tableName } from './db/client.js';
import { describeUserPool } from './identity/cognito.js';

export type DependencyName = 'table' | 'email' | 'identity';
export interface DependencyStatus {
  status: 'ok' | 'down';
  latencyMs: number;
  error?: string;
}
export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  dependencies: Record<DependencyName, DependencyStatus>;
}

const TIMEOUT_MS = 2000;
let sesv2: SESv2Client | undefined;

const probes: Record<DependencyName, (signal: AbortSignal) => Promise<unknown>> = {
  table: (abortSignal) => db().send(new DescribeTableCommand({ TableName: tableName() }), { abortSignal }),
  // SES v1 has no cheap read that every SES endpoint answers; v2 GetAccount also says whether sending is enabled.
  email: async (abortSignal) => {
    const account = await (sesv2 ??= new SESv2Client({})).send(new GetAccountCommand({}), { abortSignal });
    if (account.SendingEnabled === false) throw new Error('SES sending is disabled for this account');
  },
  identity: () => describeUserPool(),
};

async function probe(name: DependencyName, now: () => number): Promise<DependencyStatus> {
  const started = now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    await Promise.race([
      probes[name](controller.signal),
      new Promise((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)))),
    ]);
    return { status: 'ok', latencyMs: now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: now() - started, error: (error as Error).message || (error as Error).name };
  } finally {
    clearTimeout(timer);
  }
}

/** Probes every dependency in parallel; each gets at most two seconds. */
export async function checkHealth(now: () => number = Date.now): Promise<HealthReport> {
  const names: DependencyName[] = ['table', 'email', 'identity'];
  const results = await Promise.all(names.map((name) => probe(name, now)));
  const dependencies = Object.fromEntries(names.map((name, i) => [name, results[i]])) as HealthReport['dependencies'];
  return {
    status: results.every((r) => r.status === 'ok') ? 'ok' : 'degraded',
    version: config.version(),
    dependencies,
  };
}
