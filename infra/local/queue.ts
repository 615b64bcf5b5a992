import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queues as queueTable, type QueueDef } from '../../shared/contracts/queues.js';
import { lambdaContext } from './gateway.js';
import { loadHandler } from './handlers.js';
import { withGrants } from './iam.js';

/**
 * The local stand-in for SQS and its Lambda event sources: one in-process queue per entry of the queue table, behind
 * a small HTTP endpoint that speaks the part of SQS's JSON protocol the product uses (SendMessage, SendMessageBatch),
 * so senders reach it through the real SDK client and AWS_ENDPOINT_URL_SQS. It keeps SQS's semantics that matter:
 * delivery at least once, in batches, to the queue's worker (under the worker's grants); a message a batch reports as
 * failed (or every message of a batch that throws) comes back after the visibility timeout; a message received
 * `maxReceiveCount` times moves to the dead-letter queue. The clock is a parameter, so tests move time.
 */
export interface LocalMessage {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  /** Epoch ms from which it may be received (again). */
  visibleAt: number;
}

type Worker = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface DrainReport {
  /** Worker invocations and the messages they were given. */
  batches: number;
  received: number;
  /** Messages the workers finished (deleted). */
  done: number;
  /** Messages reported failed: they come back after the visibility timeout. */
  failed: number;
  movedToDeadLetters: number;
}

export interface LocalQueues {
  /** The endpoint for AWS_ENDPOINT_URL_SQS. */
  readonly endpoint: string;
  /** Environment for senders: each queue's URL under its entry's variable, and the SQS endpoint. */
  readonly env: Record<string, string>;
  /** Delivers visible messages until none is left (in-flight ones wait for their visibility timeout). */
  drain(): Promise<DrainReport>;
  /** Messages waiting or in flight, and those in the dead-letter queue. */
  inspect(queue: string): { messages: LocalMessage[]; deadLetters: LocalMessage[] };
  close(): Promise<void>;
}

const ACCOUNT = '000000000000';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The queues running in this process (npm start, or a test file's gateway), if any: a tick drains them. */
let running: LocalQueues | undefined;
export const runningQueues = (): LocalQueues | undefined => running;

/**
 * What a tick sent is worked through before the tick reports: in this process when the queues run here, else on the
 * running local stack (another process) through its drain endpoint.
 */
export async function drainQueues(): Promise<DrainReport | undefined> {
  if (running) return running.drain();
  const endpoint = process.env.AWS_ENDPOINT_URL_SQS;
  if (!endpoint) return undefined;
  const response = await fetch(`${endpoint}/_waymark/drain`, { method: 'POST' });
  return (await response.json()) as DrainReport;
}

export async function startLocalQueues(opts: { port?: number; clock?: () => number; defs?: readonly QueueDef[]; autoDeliver?: boolean } = {}): Promise<LocalQueues> {
  const clock = opts.clock ?? Date.now;
  const defs = opts.defs ?? queueTable;
  const state = new Map(defs.map((def) => [def.name, { def, messages: [] as LocalMessage[], deadLetters: [] as LocalMessage[] }]));
  let draining: Promise<DrainReport> | undefined;
  let pending = false;

  const queueOf = (url: unknown) => {
    const name = typeof url === 'string' ? url.split('/').at(-1) : undefined;
    const queue = name ? state.get(name) : undefined;
    if (!queue) throw new SqsError('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${String(url)}`);
    return queue;
  };

  const enqueue = (url: unknown, body: unknown): LocalMessage => {
    if (typeof body !== 'string' || body.length === 0) throw new SqsError('InvalidParameterValue', 'MessageBody is required');
    const message: LocalMessage = { messageId: randomUUID(), body, sentAt: clock(), receiveCount: 0, visibleAt: clock() };
    queueOf(url).messages.push(message);
    return message;
  };

  const actions: Record<string, (input: Record<string, unknown>) => unknown> = {
    SendMessage: (input) => {
      const m = enqueue(input.QueueUrl, input.MessageBody);
      return { MessageId: m.messageId, MD5OfMessageBody: md5(m.body) };
    },
    SendMessageBatch: (input) => {
      const entries = Array.isArray(input.Entries) ? (input.Entries as { Id: string; MessageBody: string }[]) : [];
      if (entries.length === 0 || entries.length > 10) throw new SqsError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'A batch holds 1 to 10 entries');
      queueOf(input.QueueUrl);
      const successful = entries.map((e) => {
        const m = enqueue(input.QueueUrl, e.MessageBody);
        return { Id: e.Id, MessageId: m.messageId, MD5OfMessageBody: md5(m.body) };
      });
      return { Successful: successful, Failed: [] };
    },
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      // `npm run tick` (another process) waits here until what its tick sent has been worked through.
      if (req.url === '/_waymark/drain' && req.method === 'POST') {
        void drain().then((report) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(report));
        });
        return;
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      const action = target.replace(/^AmazonSQS\./, '');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      try {
        const handler = actions[action];
        if (!handler) throw new SqsError('UnsupportedOperation', `The local queue does not support ${action || 'this request'}`);
        reply(200, handler(raw ? (JSON.parse(raw) as Record<string, unknown>) : {}));
        if (opts.autoDeliver) schedule();
      } catch (error) {
        const e = error instanceof SqsError ? error : new SqsError('InternalError', (error as Error).message);
        reply(400, { __type: `com.amazonaws.sqs#${e.type}`, message: e.message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urlOf = (name: string) => `${endpoint}/${ACCOUNT}/${name}`;

  const recordOf = (queue: QueueDef, m: LocalMessage): SQSRecord => ({
    messageId: m.messageId,
    receiptHandle: `${m.messageId}#${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: ACCOUNT,
      ApproximateFirstReceiveTimestamp: String(clock()),
    },
    messageAttributes: {},
    md5OfBody: md5(m.body),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:${ACCOUNT}:${queue.name}`,
    awsRegion: process.env.AWS_REGION ?? 'eu-central-1',
  });

  /** One batch of one queue: receive, invoke the worker, delete what it finished. */
  async function deliverBatch(queue: { def: QueueDef; messages: LocalMessage[]; deadLetters: LocalMessage[] }, report: DrainReport): Promise<boolean> {
    const now = clock();
    // As SQS does on receive: a message over its receive count goes to the dead-letter queue instead.
    for (const m of queue.messages.filter((x) => x.visibleAt <= now && x.receiveCount >= queue.def.maxReceiveCount)) {
      queue.messages.splice(queue.messages.indexOf(m), 1);
      queue.deadLetters.push(m);
      report.movedToDeadLetters += 1;
    }
    const batch = queue.messages.filter((m) => m.visibleAt <= now).slice(0, queue.def.batchSize);
    if (batch.length === 0) return false;
    for (const m of batch) {
      m.receiveCount += 1;
      m.visibleAt = now + queue.def.visibilityTimeoutSeconds * 1000;
    }
    report.batches += 1;
    report.received += batch.length;
    let failedIds: Set<string>;
    try {
      const worker = (await loadHandler(queue.def.handler)) as Worker;
      const { result } = await withGrants({ name: `${queue.def.name}-worker`, needs: queue.def.needs }, () =>
        worker({ Records: batch.map((m) => recordOf(queue.def, m)) }, lambdaContext(`waymark-${queue.def.name}-worker`, queue.def.functionTimeoutSeconds * 1000)),
      );
      failedIds = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A batch that throws fails as a whole: every message comes back.
      process.stderr.write(`${JSON.stringify({ level: 'error', message: 'local queue: the worker failed the whole batch', queue: queue.def.name, error: (error as Error).message })}\n`);
      failedIds = new Set(batch.map((m) => m.messageId));
    }
    for (const m of batch) {
      if (failedIds.has(m.messageId)) {
        report.failed += 1;
        continue;
      }
      queue.messages.splice(queue.messages.indexOf(m), 1);
      report.done += 1;
    }
    return true;
  }

  async function drainOnce(): Promise<DrainReport> {
    const report: DrainReport = { batches: 0, received: 0, done: 0, failed: 0, movedToDeadLetters: 0 };
    for (let progressed = true; progressed; ) {
      progressed = false;
      for (const queue of state.values()) if (await deliverBatch(queue, report)) progressed = true;
    }
    return report;
  }

  /** Drains now, or after the drain in progress (what arrived meanwhile is delivered too). */
  async function drain(): Promise<DrainReport> {
    while (draining) await draining;
    draining = drainOnce().finally(() => (draining = undefined));
    return draining;
  }

  // With autoDeliver (npm start), messages are delivered shortly after they arrive, as an event source polls.
  function schedule(): void {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      void drain();
    }, 20);
  }

  // Redelivery after the visibility timeout, as the event source's polling would find it.
  const poller = opts.autoDeliver
    ? setInterval(() => {
        if ([...state.values()].some((q) => q.messages.some((m) => m.visibleAt <= clock()))) schedule();
      }, 5_000)
    : undefined;
  poller?.unref();

  const queuesHere: LocalQueues = {
    endpoint,
    env: { AWS_ENDPOINT_URL_SQS: endpoint, ...Object.fromEntries(defs.map((def) => [def.urlEnv, urlOf(def.name)])) },
    drain,
    inspect: (name) => {
      const queue = state.get(name);
      if (!queue) throw new Error(`no local queue ${name}`);
      return { messages: queue.messages.map((m) => ({ ...m })), deadLetters: queue.deadLetters.map((m) => ({ ...m })) };
    },
    close: () => {
      if (poller) clearInterval(poller);
      if (running === queuesHere) running = undefined;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running = queuesHere;
  return queuesHere;
}
