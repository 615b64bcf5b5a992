import { describe, expect, it } from 'vitest';
import { newTenant, tenantSignupSchema } from '../../shared/domain/tenant.js';
import { parseInput } from '../../shared/domain/validation.js';
import { formatAddress } from '../../shared/email/message.js';
import { welcomeEmail } from '../../shared/email/templates/staff.js';

const firm = (overrides: Record<string, unknown>) =>
  newTenant(
    parseInput(tenantSignupSchema, { name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'Olga', ...overrides }),
    { tenantId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', ownerUserId: 'user-1' },
    new Date('2026-11-25T10:00:00Z'),
  );

describe('welcome email', () => {
  it('escapes names in HTML and keeps them plain in text', () => {
    const { tenant, owner } = firm({ name: '<img src=x onerror=alert(1)> & Co' });
    const mail = welcomeEmail(tenant, owner, 'T.secret', 7, 'https://app.example');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(mail.html).not.toContain('<img');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> & Co');
    expect(mail.idempotencyKey).toBe('welcome#user-1');
    expect(mail.text).toContain('https://app.example/set-password?token=T.secret');
    expect(mail.text).toContain('works for 7 days');
  });

  it('speaks German to a German firm', () => {
    const { tenant, owner } = firm({ locale: 'de' });
    const mail = welcomeEmail(tenant, owner, 'T.secret', 7, 'https://app.example');
    expect(mail.subject).toBe('Willkommen bei Waymark, Acme ist bereit');
    expect(mail.text).toContain('Hallo Olga');
  });
});

describe('formatAddress', () => {
  it('quotes ASCII names and escapes quotes', () => {
    expect(formatAddress('Acme "Best" Coaching', 'a@b.example')).toBe('"Acme \\"Best\\" Coaching" <a@b.example>');
  });
  it('encodes non-ASCII names per RFC 2047', () => {
    expect(formatAddress('Müller', 'a@b.example')).toBe(`=?UTF-8?B?${Buffer.from('Müller').toString('base64')}?= <a@b.example>`);
  });
  it('drops line breaks that could inject headers', () => {
    expect(formatAddress('Evil\r\nBcc: x@y.example', 'a@b.example')).toBe('"Evil Bcc: x@y.example" <a@b.example>');
  });
});
