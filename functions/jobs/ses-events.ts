import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { parseInput } from '../../shared/domain/validation.js';
import { recordSesFeedback, sesEventSchema, type FeedbackRun } from '../../shared/email/feedback.js';
import { createLogger } from '../../shared/log.js';

/** EventBridge rule (shared/contracts/events.ts): an SES bounce or complaint feeds the firm's suppression list. */
export const handler = middy<EventBridgeEvent<string, unknown>, FeedbackRun>().handler(async (event, context) => {
  const log = createLogger({ requestId: context.awsRequestId, job: 'ses-events', eventId: event.id });
  return recordSesFeedback(parseInput(sesEventSchema, event), new Date(event.time), log);
});
