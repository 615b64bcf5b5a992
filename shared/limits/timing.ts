import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A password reset request answers no sooner than this after it started, for a known address and an unknown one
 * alike, so the answer time does not tell who has an account. Above the known path's usual work in AWS (Cognito
 * lookup, firm read, link and outbox transaction, SES send: a few hundred ms warm, more with a fresh SES client);
 * the unknown path does one Cognito lookup. A known path slower than this still leaks, so keep it well above.
 */
export const RESET_REPLY_FLOOR_MS = 600;

/** Runs `work`, then settles (resolves or rejects) no sooner than `floorMs` after `startedAt` (a `performance.now()`). */
export async function noSoonerThan<T>(floorMs: number, startedAt: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    // Timers may fire a little early against performance.now(); wait until the floor has really passed.
    for (let left = startedAt + floorMs - performance.now(); left > 0; left = startedAt + floorMs - performance.now()) await sleep(Math.ceil(left));
  }
}
