import { simpleParser } from 'mailparser';
import { describe, expect, it, vi } from 'vitest';
import { senderName } from '../../shared/domain/sender.js';
import { newTenant, tenantSignupSchema } from '../../shared/domain/tenant.js';
import { parseInput } from '../../shared/domain/validation.js';
import { formatAddress, LINK_TOKEN_PLACEHOLDER, RAW_LINK_TOKEN, withLinkToken } from '../../shared/email/message.js';
import { queueEmailItem } from '../../shared/email/outbox.js';
import { invitationEmail, welcomeEmail } from '../../shared/email/templates/staff.js';
import { tenantScope } from '../../shared/db/keys.js';

const TENANT_ID = '01JD5Z7Q6X4M2N8P0R3S5T7V9W';
const TOKEN = `${TENANT_ID}.${'s'.repeat(43)}`;
const link = { hash: 'h'.repeat(43), validUntil: 1_800_000_000 };

const firm = (overrides: Record<string, unknown>) =>
  newTenant(
    parseInput(tenantSignupSchema, { name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'Olga', ...overrides }),
    { tenantId: TENANT_ID, ownerUserId: 'user-1' },
    new Date('2026-11-25T10:00:00Z'),
  );

describe('welcome email', () => {
  it('escapes names in HTML and keeps them plain in text', () => {
    const { tenant, owner } = firm({ name: '<img src=x onerror=alert(1)> & Co' });
    const mail = welcomeEmail(tenant, owner, link, 7, 'https://app.example');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(mail.html).not.toContain('<img');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> & Co');
    expect(mail.idempotencyKey).toBe('welcome#user-1');
    expect(mail.text).toContain('works for 7 days');
  });

  it('speaks German to a German firm', () => {
    const { tenant, owner } = firm({ locale: 'de' });
    const mail = welcomeEmail(tenant, owner, link, 7, 'https://app.example');
    expect(mail.subject).toBe('Willkommen bei Waymark, Acme ist bereit');
    expect(mail.text).toContain('Hallo Olga');
  });
});

describe('link emails carry no secret', () => {
  it('render the link URL with a placeholder and describe the link by its hash, purpose and subject', () => {
    const { tenant, owner } = firm({});
    const mail = welcomeEmail(tenant, owner, link, 7, 'https://app.example');
    expect(mail.text).toContain(`https://app.example/set-password?token=${LINK_TOKEN_PLACEHOLDER}`);
    expect(mail.html).toContain(`href="https://app.example/set-password?token=${LINK_TOKEN_PLACEHOLDER}"`);
    expect(mail.link).toEqual({ purpose: 'set-password', subjectId: 'user-1', hash: link.hash, validUntil: link.validUntil });
    expect(JSON.stringify(mail)).not.toMatch(RAW_LINK_TOKEN);

    const invite = invitationEmail(tenant, { invitationId: 'inv-1', email: 'c@acme.example', name: 'Carl', role: 'coach', sends: 2 }, 'Olga', link, 7, 'https://app.example');
    expect(invite.link).toEqual({ purpose: 'invitation', subjectId: 'inv-1', hash: link.hash, validUntil: link.validUntil });
    expect(invite.text).toContain(`/accept-invitation?token=${LINK_TOKEN_PLACEHOLDER}`);
  });

  it('get their token only on the way out, in text and HTML', () => {
    const { tenant, owner } = firm({});
    const out = withLinkToken(welcomeEmail(tenant, owner, link, 7, 'https://app.example'), TOKEN);
    expect(out.text).toContain(`https://app.example/set-password?token=${TOKEN}`);
    expect(out.html).toContain(`href="https://app.example/set-password?token=${TOKEN}"`);
    expect(out.text + out.html).not.toContain(LINK_TOKEN_PLACEHOLDER);
    expect(() => withLinkToken(welcomeEmail(tenant, owner, link, 7, 'https://app.example'), undefined)).toThrow(/no token/);
  });

  it('the outbox refuses to store a message that holds a raw token', () => {
    const { tenant, owner } = firm({});
    const mail = welcomeEmail(tenant, owner, link, 7, 'https://app.example');
    const scope = tenantScope(TENANT_ID);
    vi.stubEnv('WAYMARK_TABLE_NAME', 'unit-test');
    expect(() => queueEmailItem(scope, { ...mail, text: mail.text.replace(LINK_TOKEN_PLACEHOLDER, TOKEN) }, new Date())).toThrow(/raw link token/);
    const item = queueEmailItem(scope, mail, new Date('2026-11-25T10:00:00Z')).Put!.Item!;
    expect(JSON.stringify(item)).not.toMatch(RAW_LINK_TOKEN);
    expect(item.expiresAt).toBe(Date.parse('2026-11-25T10:00:00Z') / 1000 + 90 * 86_400);
  });
});

/** The From header as a mail client reads it. */
async function parseFrom(value: string) {
  const parsed = await simpleParser(`From: ${value}\r\nTo: x@y.example\r\nSubject: s\r\n\r\nbody\r\n`);
  const from = parsed.from;
  return { addresses: from?.value ?? [], headerLines: parsed.headerLines.map((h) => h.key) };
}

describe('formatAddress', () => {
  it('quotes ASCII names and escapes quotes', () => {
    expect(formatAddress('Acme "Best" Coaching', 'a@b.example')).toBe('"Acme \\"Best\\" Coaching" <a@b.example>');
  });
  it('encodes non-ASCII names per RFC 2047', () => {
    expect(formatAddress('Müller', 'a@b.example')).toBe(`=?UTF-8?B?${Buffer.from('Müller').toString('base64')}?= <a@b.example>`);
  });
  it('drops line breaks, other controls and invisible characters that could inject or hide headers', () => {
    expect(formatAddress('Evil\r\nBcc: x@y.example', 'a@b.example')).toBe('"Evil Bcc: x@y.example" <a@b.example>');
    expect(formatAddress('Evil\u0085\u202E\u200B Co', 'a@b.example')).toBe('"Evil Co" <a@b.example>');
  });
  it('splits long non-ASCII names into encoded-words of at most 75 characters', () => {
    const words = formatAddress('Ä'.repeat(60), 'a@b.example').replace(/ <a@b\.example>$/, '').split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
  });

  it('every accepted sender name parses back to exactly one address, the sender, with the name intact', async () => {
    const names = [
      'Acme Coaching',
      "O'Brien, Smith & Jones (Ltd.)",
      'Müller & Partner (Zürich)',
      'Ελένη Παπαδοπούλου Coaching',
      '李小龙教练',
      '𠀋𠀋𠀋 Family Coaching',
      'Ä'.repeat(60),
      'A, B, C',
    ];
    for (const name of names) {
      expect(senderName().safeParse(name).success, name).toBe(true);
      const { addresses, headerLines } = await parseFrom(formatAddress(name, 'no-reply@waymark.example'));
      expect(addresses, name).toEqual([{ name, address: 'no-reply@waymark.example' }]);
      expect(headerLines).toEqual(['from', 'to', 'subject']);
    }
  });

  it('the names the issue reported are refused, and even unvalidated they stay one display name', async () => {
    const attack = '"PayPal Security Bcc: x@y" <evil@attacker.example>';
    expect(senderName().safeParse(attack).success).toBe(false);
    const { addresses, headerLines } = await parseFrom(formatAddress(attack, 'no-reply@waymark.example'));
    expect(addresses).toHaveLength(1);
    expect(addresses[0]!.address).toBe('no-reply@waymark.example');
    expect(headerLines).toEqual(['from', 'to', 'subject']);
  });
});
