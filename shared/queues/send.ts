import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig, observed } from '../aws.js';
import { queues, type QueueName } from '../contracts/queues.js';
import { requireEnv } from '../config.js';
import type { EnvName } from '../contracts/env.js';

/**
 * Sending to a queue of the queue table. The queue's URL comes from the environment variable its entry names (CDK
 * sets it; the local stack points it at its in-process queue), the endpoint from AWS_ENDPOINT_URL_SQS when set.
 */
let client: SQSClient | undefined;
const sqs = (): SQSClient => (client ??= observed(new SQSClient(awsClientConfig())));

/** SQS takes at most 10 messages per batch. */
const BATCH = 10;

/** Sends every message (JSON), 10 per request; entries SQS refuses are sent once more, then it throws. */
export async function sendMessages(queue: QueueName, messages: readonly unknown[]): Promise<void> {
  const def = queues.find((q) => q.name === queue)!;
  const QueueUrl = requireEnv(def.urlEnv as EnvName);
  for (let i = 0; i < messages.length; i += BATCH) {
    let entries = messages.slice(i, i + BATCH).map((message, j) => ({ Id: String(j), MessageBody: JSON.stringify(message) }));
    for (let attempt = 1; entries.length; attempt += 1) {
      const result = await sqs().send(new SendMessageBatchCommand({ QueueUrl, Entries: entries }));
      const failed = new Set((result.Failed ?? []).map((f) => f.Id));
      entries = entries.filter((e) => failed.has(e.Id));
      if (entries.length && attempt >= 2) throw new Error(`${entries.length} messages to ${queue} were refused: ${(result.Failed ?? []).map((f) => f.Code).join(', ')}`);
    }
  }
}
