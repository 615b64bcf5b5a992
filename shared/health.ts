import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { awsClientConfig, observed } from './aws.js';
import { config } from './config.js';
import { db, tableName } from './db/client.js';
import { describeUserPool } from './identity/cognito.js';
import type { Logger } from './log.js';

export type DependencyName = 'table' | 'email' | 'identity';
export type DependencyState = 'ok' | 'down';

/** What anyone may see: a state per dependency, never an error text, a latency or a resource id. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  dependencies: Record<DependencyName, DependencyState>;
}

/** What the logs get: why a dependency is down and how long each took. */
interface ProbeResult {
  status: DependencyState;
  latencyMs: number;
  error?: string;
}

const TIMEOUT_MS = 2000;
// /health is public: without a cache every anonymous request costs three AWS calls. One probe round per container
// per 10 s bounds that, and is still fresher than any uptime checker polls.
const CACHE_MS = 10_000;

let sesv2: SESv2Client | undefined;
let cached: { at: number; report: Promise<HealthReport> } | undefined;

const names: DependencyName[] = ['table', 'email', 'identity'];

const probes: Record<DependencyName, (signal: AbortSignal) => Promise<unknown>> = {
  table: (abortSignal) => db().send(new DescribeTableCommand({ TableName: tableName() }), { abortSignal }),
  // SES v1 has no cheap read that every SES endpoint answers; v2 GetAccount also says whether sending is enabled.
  email: async (abortSignal) => {
    const account = await (sesv2 ??= observed(new SESv2Client(awsClientConfig()))).send(new GetAccountCommand({}), { abortSignal });
    if (account.SendingEnabled === false) throw new Error('SES sending is disabled for this account');
  },
  identity: () => describeUserPool(),
};

async function probe(name: DependencyName, now: () => number): Promise<ProbeResult> {
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

/** Probes every dependency in parallel (each gets at most two seconds); the details go to the log only. */
async function probeAll(log: Logger, now: () => number): Promise<HealthReport> {
  const results = await Promise.all(names.map((name) => probe(name, now)));
  const details = Object.fromEntries(names.map((name, i) => [name, results[i]]));
  const ok = results.every((r) => r.status === 'ok');
  if (ok) log.info('health probed', { dependencies: details });
  else log.warn('health degraded', { dependencies: details });
  return {
    status: ok ? 'ok' : 'degraded',
    version: config.version(),
    dependencies: Object.fromEntries(names.map((name, i) => [name, results[i]!.status])) as HealthReport['dependencies'],
  };
}

/** The health report, probed at most once per CACHE_MS in this container; callers within the window share it. */
export function checkHealth(log: Logger, now: () => number = Date.now): Promise<HealthReport> {
  if (!cached || now() - cached.at >= CACHE_MS) cached = { at: now(), report: probeAll(log, now) };
  return cached.report;
}
