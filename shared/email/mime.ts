import { randomBytes } from 'node:crypto';
import { encodedWords } from './message.js';

/**
 * A MIME message of our own for SES `SendRawEmail` (SES v1 `SendEmail` cannot set header fields such as
 * `List-Unsubscribe`): multipart/alternative with a text and an HTML part, each base64 in UTF-8, CRLF line ends,
 * header fields folded at 78 characters and non-ASCII header text as RFC 2047 encoded words. A library would add
 * ~135 KB to every function that sends; this is a few hundred lines less and tested by parsing it back.
 */
export interface MimeMessage {
  /** `From`, already formatted (formatAddress: quoted or encoded display name). */
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  /** Further header fields (`List-Unsubscribe`, …): names as written, values of printable ASCII on one line. */
  headers?: Readonly<Record<string, string>>;
}

const CRLF = '\r\n';
const ASCII_LINE = /^[\x20-\x7e]*$/;

/** Folds a header field at spaces so no line passes 78 characters (RFC 5322 2.2.3); a longer word stays whole. */
function fold(name: string, value: string): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(' ')) {
    if (line.length + 1 + word.length > 78 && line.length > name.length + 1) {
      lines.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** A header field of unstructured text: as it is when plain ASCII, else encoded words (which fold between them). */
const unstructured = (name: string, value: string): string => fold(name, ASCII_LINE.test(value) ? value : encodedWords(value));

/** A header field whose value the code made (addresses, URLs): it must be one line of printable ASCII already. */
function structured(name: string, value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name) || !ASCII_LINE.test(value)) throw new Error(`header field ${name} is not one line of printable ASCII`);
  return fold(name, value);
}

/** Base64 in lines of 76 characters (RFC 2045 6.8). */
const base64Lines = (body: string): string => (Buffer.from(body, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);

const part = (type: string, body: string): string =>
  [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join(CRLF);

/** The whole message, ready for `RawMessage.Data`. */
export function buildMime(message: MimeMessage, boundary = `=_wm_${randomBytes(12).toString('hex')}`): string {
  const head = [
    structured('From', message.from),
    structured('To', message.to),
    ...(message.replyTo ? [structured('Reply-To', message.replyTo)] : []),
    unstructured('Subject', message.subject),
    structured('Date', message.date.toUTCString().replace('GMT', '+0000')),
    ...Object.entries(message.headers ?? {}).map(([name, value]) => structured(name, value)),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  return [...head, '', `--${boundary}`, part('text/plain', message.text), `--${boundary}`, part('text/html', message.html), `--${boundary}--`, ''].join(CRLF);
}
