import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { awsClientConfig, observed } from '../aws.js';
import { config } from '../config.js';
import { formatAddress, headerText, type OutgoingEmail } from './message.js';
import { buildMime } from './mime.js';

let client: SESClient | undefined;
const ses = (): SESClient => (client ??= observed(new SESClient(awsClientConfig())));

/**
 * A lone UTF-16 surrogate (text stored before input was validated) cannot be UTF-8: it becomes U+FFFD rather than
 * a broken part.
 */
const wellFormed = (body: string): string => body.replace(/\p{Cs}/gu, '\uFFFD');

/** SES message tag values: letters, digits, `_`, `-`, `.`, `@` only (up to 256). */
const tagValue = (value: string): string => value.replace(/[^\w.@-]/g, '_').slice(0, 256);

/**
 * Sends one message through SES as raw MIME (so it can carry List-Unsubscribe); returns SES's message id. Header
 * fields go out as one clean line each. With a configuration set configured, SES reports bounces and complaints
 * through it, and the tags say which firm and which kind of email an event is about; unset, there is none.
 */
export async function sendThroughSes(message: OutgoingEmail): Promise<string> {
  const raw = buildMime({
    from: formatAddress(message.fromName, config.senderAddress()),
    to: message.to,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: headerText(message.subject),
    text: wellFormed(message.text),
    html: wellFormed(message.html),
    date: message.date ?? new Date(),
    ...(message.headers ? { headers: message.headers } : {}),
  });
  const configurationSet = config.sesConfigurationSet();
  const result = await ses().send(
    new SendRawEmailCommand({
      Destinations: [message.to],
      RawMessage: { Data: Buffer.from(raw, 'utf8') },
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      ...(message.tags ? { Tags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })) } : {}),
    }),
  );
  return result.MessageId ?? '';
}
