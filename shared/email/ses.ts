import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { config } from '../config.js';
import { formatAddress, type EmailMessage } from './message.js';

let client: SESClient | undefined;
const ses = (): SESClient => (client ??= new SESClient({}));

/** Sends one message through SES; returns SES's message id. */
export async function sendThroughSes(message: EmailMessage): Promise<string> {
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  const result = await ses().send(
    new SendEmailCommand({
      Source: formatAddress(message.fromName, config.senderAddress()),
      Destination: { ToAddresses: [message.to] },
      ReplyToAddresses: message.replyTo ? [message.replyTo] : undefined,
      Message: { Subject: utf8(message.subject), Body: { Html: utf8(message.html), Text: utf8(message.text) } },
    }),
  );
  return result.MessageId ?? '';
}
