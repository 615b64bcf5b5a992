import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QueueDef } from '../../shared/contracts/queues.js';
import { received } from '../support/queue-worker.js';
import { useLocalQueues } from '../support/queues.js';

/**
 * The local stand-in for SQS keeps the semantics the product relies on (infra/local/queue.ts), reached through the
 * real SQS client: at-least-once delivery in batches, partial batch failure, redelivery after the visibility timeout,
 * the dead-letter queue after maxReceiveCount receives. Time is the test's clock.
 */
let now = Date.UTC(2026, 11, 1, 8);
const def: QueueDef = {
  name: 'probe',
  handler: 'test/support/queue-worker.ts',
  needs: [],
  description: 'a probe',
  urlEnv: 'WAYMARK_PROBE_QUEUE_URL',
  functionTimeoutSeconds: 10,
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 3,
  batchSize: 4,
};
const queues = useLocalQueues({ defs: [def], clock: () => now });
let sqs: SQSClient;
const url = () => queues().env.WAYMARK_PROBE_QUEUE_URL!;
const send = (bodies: string[]) => sqs.send(new SendMessageBatchCommand({ QueueUrl: url(), Entries: bodies.map((b, i) => ({ Id: `m${i}`, MessageBody: b })) }));
const bodiesOf = (batch: { body: string }[]) => batch.map((m) => m.body).sort();

beforeAll(() => {
  sqs = new SQSClient({ region: 'eu-central-1', endpoint: queues().endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

describe('the local queue', () => {
  it('takes SendMessage and SendMessageBatch from the SQS client (the SDK checks the body digests it answers)', async () => {
    const one = await sqs.send(new SendMessageCommand({ QueueUrl: url(), MessageBody: 'single' }));
    expect(one.MessageId).toEqual(expect.any(String));
    const batch = await send(['a', 'b']);
    expect(batch.Successful).toHaveLength(2);
    expect(queues().inspect('probe').messages).toHaveLength(3);
    await queues().drain();
    expect(queues().inspect('probe').messages).toHaveLength(0);
  });

  it('delivers in batches of batchSize, and a message sent twice is delivered twice (at least once)', async () => {
    received.length = 0;
    await send(['1', '2', '3', '4', '5', '5']);
    const report = await queues().drain();
    expect(received.map((b) => b.length)).toEqual([4, 2]);
    expect(report).toMatchObject({ batches: 2, received: 6, done: 6, failed: 0 });
  });

  it('a reported failure comes back after the visibility timeout, and only it: the rest of its batch is done once', async () => {
    received.length = 0;
    await send(['ok-1', 'fail-once', 'ok-2']);
    expect(await queues().drain()).toMatchObject({ received: 3, done: 2, failed: 1 });
    // Still invisible before the timeout: nothing to deliver.
    now += 59_000;
    expect(await queues().drain()).toMatchObject({ received: 0 });
    now += 2_000;
    await queues().drain();
    expect(received.map(bodiesOf)).toEqual([['fail-once', 'ok-1', 'ok-2'], ['fail-once']]);
    expect(received[1]![0]!.receiveCount).toBe(2);
    // It failed again: it waits again.
    expect(queues().inspect('probe').messages.map((m) => m.body)).toEqual(['fail-once']);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives, and a throwing batch fails as a whole', async () => {
    received.length = 0;
    // The earlier test's message fails on every receive: its third was the last.
    now += 61_000;
    await queues().drain();
    now += 61_000;
    const report = await queues().drain();
    expect(report.movedToDeadLetters).toBe(1);
    expect(queues().inspect('probe').deadLetters.map((m) => m.body)).toEqual(['fail-once']);
    expect(queues().inspect('probe').messages).toHaveLength(0);

    await send(['throw', 'bystander']);
    expect(await queues().drain()).toMatchObject({ received: 2, done: 0, failed: 2 });
    expect(queues().inspect('probe').messages.map((m) => m.body).sort()).toEqual(['bystander', 'throw']);
  });

  it('refuses what SQS refuses: an unknown queue, an empty or oversized batch', async () => {
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${queues().endpoint}/000000000000/nope`, MessageBody: 'x' }))).rejects.toThrow(/does not exist/);
    await expect(send([])).rejects.toThrow(/1 to 10 entries|EmptyBatch|entries/i);
    await expect(send(Array.from({ length: 11 }, (_, i) => String(i)))).rejects.toThrow(/1 to 10 entries|TooMany/i);
  });
});
