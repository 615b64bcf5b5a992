import { afterAll, beforeAll } from 'vitest';
import { startLocalQueues, type LocalQueues } from '../../infra/local/queue.js';

/**
 * The local queues for a test file that calls handlers or ticks without the gateway (useApi starts them too): a
 * tick's messages are worked through by their workers, in this process, before the tick reports.
 */
export function useLocalQueues(opts: Parameters<typeof startLocalQueues>[0] = {}): () => LocalQueues {
  let queues: LocalQueues;
  beforeAll(async () => {
    queues = await startLocalQueues(opts);
    Object.assign(process.env, queues.env);
  });
  afterAll(() => queues.close());
  return () => queues;
}
