import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { awsClientConfig, observed } from '../aws.js';
import { config } from '../config.js';
import { formatAddress, headerText, type OutgoingEmail } from './message.js';

let client: SESClient | undefined;
const ses = (): SESClient => (client ??= observed(new SESClient(awsClientConfig())));

/**
 * A lone UTF-16 surrogate (text stored before input was validated) makes the SDK's serializer throw, and that
 * throw leaves its parameters behind in the next request of the same client (@aws-sdk 3.1169), so it becomes U+FFFD.
 */
const wellFormed = (body: string): string => body.replace(/\p{Cs}/gu, '\uFFFD');

/** Sends one message through SES; returns SES's message id. Header fields go out as one clean line each. */
export async function sendThroughSes(message: OutgoingEmail): Promise<string> {
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  const result = await ses().send(
    new SendEmailCommand({
      Source: formatAddress(message.fromName, config.senderAddress()),
      Destination: { ToAddresses: [message.to] },
      ReplyToAddresses: message.replyTo ? [message.replyTo] : undefined,
      Message: { Subject: utf8(headerText(message.subject)), Body: { Html: utf8(wellFormed(message.html)), Text: utf8(wellFormed(message.text)) } },
    }),
  );
  return result.MessageId ?? '';
}
