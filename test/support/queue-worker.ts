import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/**
 * A worker for the local queue's own tests: it records every batch it is given, fails the messages whose body says
 * `fail`, and throws for a batch that holds a body saying `throw`.
 */
export const received: { body: string; receiveCount: number }[][] = [];

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  received.push(event.Records.map((r) => ({ body: r.body, receiveCount: Number(r.attributes.ApproximateReceiveCount) })));
  if (event.Records.some((r) => r.body.includes('throw'))) throw new Error('the whole batch failed');
  return { batchItemFailures: event.Records.filter((r) => r.body.includes('fail')).map((r) => ({ itemIdentifier: r.messageId })) };
}
