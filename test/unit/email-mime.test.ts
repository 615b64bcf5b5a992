import { simpleParser } from 'mailparser';
import { describe, expect, it, vi } from 'vitest';
import { tenantScope } from '../../shared/db/keys.js';
import { newTenant } from '../../shared/domain/tenant.js';
import { formatAddress, UNSUBSCRIBE_TOKEN_PLACEHOLDER, withLinkToken } from '../../shared/email/message.js';
import { buildMime } from '../../shared/email/mime.js';
import { queueEmailItem } from '../../shared/email/outbox.js';
import { reminderDigestEmail } from '../../shared/email/templates/reminders.js';
import { withUnsubscribeLink } from '../../shared/email/unsubscribe.js';
import { hashSecret } from '../../shared/links/tokens.js';

/**
 * The raw MIME the sender hands to SES, read back by a real MIME parser (mailparser, which the local SES and many
 * mail systems use): header fields, both parts, non-ASCII names and subjects, folding; and the unsubscribe link a
 * scheduled email carries, the same in List-Unsubscribe and in the footer of both parts.
 */
const TENANT_ID = '01JD5Z7Q6X4M2N8P0R3S5T7V9W';
const now = new Date('2026-11-25T10:00:00Z');
const lineOf = (mail: { headerLines: readonly { key: string; line: string }[] }, key: string) => mail.headerLines.find((h) => h.key === key)?.line;

describe('the MIME builder', () => {
  const base = {
    from: formatAddress('Müller & Partner (Zürich)', 'no-reply@waymark.example'),
    to: 'alex@client.example',
    replyTo: 'office@mueller.example',
    subject: 'Ihre nächsten kleinen Schritte',
    text: 'Grüezi Ärger-frei\nZeile zwei\n',
    html: '<!doctype html><html lang="de"><body><p>Grüße, <b>Jörg</b></p></body></html>',
    date: now,
  };

  it('parses back to the same header fields and both parts', async () => {
    const raw = buildMime({ ...base, headers: { 'List-Unsubscribe': '<https://app.example/unsubscribe?token=x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    const mail = await simpleParser(raw);
    expect(mail.from?.value).toEqual([{ address: 'no-reply@waymark.example', name: 'Müller & Partner (Zürich)' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ address: 'alex@client.example', name: '' }]);
    expect(mail.replyTo?.value).toEqual([{ address: 'office@mueller.example', name: '' }]);
    expect(mail.subject).toBe(base.subject);
    expect(mail.date?.toISOString()).toBe(now.toISOString());
    expect(mail.text).toBe(base.text);
    expect(mail.html).toBe(base.html);
    expect(lineOf(mail, 'list-unsubscribe')).toBe('List-Unsubscribe: <https://app.example/unsubscribe?token=x>');
    expect(lineOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.headers.get('list')).toMatchObject({ unsubscribe: { url: 'https://app.example/unsubscribe?token=x' } });
  });

  it('ends every line with CRLF, folds header fields between words (one encoded word, at most 75, per line), and puts only ASCII in the message', () => {
    const raw = buildMime({ ...base, subject: `Ein sehr langer Betreff über die nächsten Schritte, ${'und noch mehr Wörter '.repeat(6)}` });
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // A line is at most 78 characters, or a field name and one word that cannot be broken.
    for (const line of raw.split('\r\n')) expect(line.length <= 78 || /^(\S+:)? ?\S+$/.test(line), line).toBe(true);
    expect(raw.split('\r\n').filter((l) => l.startsWith(' =?UTF-8?B?')).length).toBeGreaterThan(1);
    expect(raw).toMatch(/^[\x00-\x7f]*$/);
  });

  it('folds and encodes a long non-ASCII subject that parses back whole', async () => {
    const subject = `Ihre nächsten kleinen Schritte von Müller & Partner (Zürich): ${'Ärger über Übergänge '.repeat(5)}`.trim();
    const mail = await simpleParser(buildMime({ ...base, subject }));
    expect(mail.subject).toBe(subject);
    const long = 'A plain ASCII subject that is long enough to be folded over more than one header line for sure';
    expect((await simpleParser(buildMime({ ...base, subject: long }))).subject).toBe(long);
  });

  it('refuses a header field value that would break the header', () => {
    expect(() => buildMime({ ...base, headers: { 'X-Evil': 'a\r\nBcc: x@y.example' } })).toThrow(/printable ASCII/);
    expect(() => buildMime({ ...base, to: 'a@b.example\r\nBcc: x@y.example' })).toThrow(/printable ASCII/);
  });
});

describe('a reminder digest with its unsubscribe link', () => {
  vi.stubEnv('WAYMARK_TABLE_NAME', 'unit-test');
  const { tenant } = newTenant({ name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'Olga', timeZone: 'Europe/Zurich', locale: 'de' }, { tenantId: TENANT_ID, ownerUserId: 'u1' }, now);
  const client = { name: 'Alex', email: 'Alex@Client.example', locale: 'de' as const };
  const link = { hash: 'h'.repeat(43), validUntil: 1_800_000_000 };
  const digest = reminderDigestEmail(tenant, client, { key: 'reminders#p#2026-11-25', programId: 'p', content: { programTitle: 'T', capture: [{ number: 2 }], dueSoon: [], overdue: [] } }, link, 'https://app.example');
  const scope = tenantScope(TENANT_ID);
  const { message, item, token } = withUnsubscribeLink(scope, digest, { list: 'reminders', recipientId: 'client-1', locale: 'de', appUrl: 'https://app.example' }, now);

  it('stores a link record with only the hash, for a year, naming list, recipient and the hash of the address', () => {
    const record = item.Put!.Item!;
    expect(record).toMatchObject({ purpose: 'unsubscribe', subjectId: 'client-1', list: 'reminders', SK: hashSecret(token.split('.')[1]!) });
    expect(record.validUntil).toBe(now.getTime() / 1000 + 365 * 86_400);
    expect(record.addressHash).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(record)).not.toContain(token.split('.')[1]);
    expect(JSON.stringify(record)).not.toContain('Client.example');
    expect(message.unsubscribe).toEqual({ list: 'reminders', recipientId: 'client-1', hash: record.SK, validUntil: record.validUntil, url: `https://app.example/unsubscribe?token=${UNSUBSCRIBE_TOKEN_PLACEHOLDER}` });
    // The outbox keeps the placeholder, never the token.
    expect(JSON.stringify(queueEmailItem(scope, message, now))).not.toContain(token);
  });

  it('carries List-Unsubscribe and List-Unsubscribe-Post, and the same URL in the footer of both parts', async () => {
    const out = withLinkToken(message, `${TENANT_ID}.${'s'.repeat(43)}`, token);
    const url = `https://app.example/unsubscribe?token=${token}`;
    const mail = await simpleParser(buildMime({ from: 'x@y.example', to: out.to, subject: out.subject, text: out.text, html: out.html, date: now, headers: out.headers! }));
    expect(lineOf(mail, 'list-unsubscribe')).toBe(`List-Unsubscribe: <${url}>`);
    expect(lineOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`Diese Erinnerungen abbestellen: ${url}`);
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain('Diese Erinnerungen abbestellen</a>');
    expect(`${mail.text ?? ''}${mail.html || ''}`).not.toContain(UNSUBSCRIBE_TOKEN_PLACEHOLDER);
  });

  it('cannot be sent without its unsubscribe token', () => {
    expect(() => withLinkToken(message, `${TENANT_ID}.${'s'.repeat(43)}`)).toThrow(/unsubscribe/);
  });
});
